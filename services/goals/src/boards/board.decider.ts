import {
  AlreadyExists,
  Forbidden,
  NotFound,
  assertNever,
  rejectInvalid,
  textProblem,
  type Decider,
} from '@rhythm/event-sourcing';
import { describeOwner, mayManage, type Command, type Unit } from '@rhythm/goals-domain';
import type { BoardEvent } from './board.events';

export type CreateBoard = Command<
  'CreateBoard',
  { boardId: string; scope: Unit; cycleId: string; title: string; linkId: string },
  { cycleExists: boolean; scopeExists: boolean }
>;

export type RevokeBoard = Command<'RevokeBoard', { boardId: string }>;

export type BoardCommand = CreateBoard | RevokeBoard;

export type Board = Readonly<{
  status: 'shown' | 'revoked';
  boardId: string;
  scope: Unit;
  cycleId: string;
  title: string;
  linkId: string;
}>;

export type BoardState = Readonly<{ status: 'none' }> | Board;

/** The one answer for a board that does not exist and one the caller may not manage. */
export const boardNotFound = (boardId: string): NotFound =>
  new NotFound(`Board ${boardId} not found`);

const titleRule = { required: true, max: 200 } as const;

const createBoard = (command: CreateBoard, state: BoardState): BoardEvent[] => {
  const { data, facts, actor } = command;
  rejectInvalid({ title: textProblem(data.title, titleRule) });
  if (!facts.scopeExists)
    throw new NotFound(`No ${describeOwner(data.scope)} in this organisation`);
  if (!mayManage(actor, data.scope)) {
    throw new Forbidden(
      `Only the lead of ${describeOwner(data.scope)} or an admin can show its OKRs on a board`,
    );
  }
  if (!facts.cycleExists) throw new NotFound(`Cycle ${data.cycleId} not found`);
  if (state.status !== 'none') throw new AlreadyExists(`Board ${data.boardId} already exists`);
  return [
    {
      type: 'BoardCreated',
      data: {
        boardId: data.boardId,
        scope: data.scope,
        cycleId: data.cycleId,
        title: data.title.trim(),
        linkId: data.linkId,
      },
    },
  ];
};

/** Revoking twice changes nothing; one the caller may not manage is, to them, not there. */
const revokeBoard = (command: RevokeBoard, state: BoardState): BoardEvent[] => {
  if (state.status === 'none' || !mayManage(command.actor, state.scope)) {
    throw boardNotFound(command.data.boardId);
  }
  if (state.status === 'revoked') return [];
  return [{ type: 'BoardRevoked', data: { boardId: state.boardId } }];
};

const decide = (command: BoardCommand, state: BoardState): readonly BoardEvent[] => {
  switch (command.type) {
    case 'CreateBoard':
      return createBoard(command, state);
    case 'RevokeBoard':
      return revokeBoard(command, state);
    default:
      return assertNever(command);
  }
};

const evolve = (state: BoardState, event: BoardEvent): BoardState => {
  switch (event.type) {
    case 'BoardCreated':
      return { status: 'shown', ...event.data };
    case 'BoardRevoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked' };
    default:
      return assertNever(event);
  }
};

/** Stream `board-<tenant>.<boardId>` (ADR 0052). */
export const boardDecider: Decider<BoardCommand, BoardState, BoardEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
