import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import {
  ReadModelCollections,
  TenantScopedRepository,
  defineProjection,
  type TenantId,
} from '@rhythm/projections';
import type { Unit } from '@rhythm/goals-domain';
import type { Connection } from 'mongoose';
import { boardEventTypes, type BoardEvent } from './board.events';

/** A board as its managers list it: never its link (ADR 0052). */
export type BoardDocument = {
  _id: string;
  tenantId: string;
  boardId: string;
  scope: Unit;
  cycleId: string;
  title: string;
  status: 'shown' | 'revoked';
  createdBy: string;
  createdAt: string;
  revokedBy?: string;
  revokedAt?: string;
};

/** One document per board stream. */
export const boardsProjection = defineProjection({
  name: 'goals_boards',
  version: 1,
  handles: boardEventTypes,
  streamPrefixes: ['board-'],
  collections: [
    {
      name: 'goals_boards',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, createdAt: 1 }, serves: "the organisation's boards" }],
    },
  ],
  apply: (event: RecordedEvent<BoardEvent>, context) => {
    const { actor, occurredAt } = event.metadata;
    switch (event.type) {
      case 'BoardCreated': {
        // The link id stays in the event store: a read store leak opens no board.
        const { linkId: _linkId, ...board } = event.data;
        return context.upsert('goals_boards', event.data.boardId, {
          $set: { ...board, status: 'shown', createdBy: actor, createdAt: occurredAt },
        });
      }
      case 'BoardRevoked':
        return context.update('goals_boards', event.data.boardId, {
          $set: { status: 'revoked', revokedBy: actor, revokedAt: occurredAt },
        });
      default:
        return assertNever(event);
    }
  },
});

export class BoardsRepository extends TenantScopedRepository<BoardDocument, 'goals_boards'> {
  constructor(connection: Connection) {
    super(new ReadModelCollections(connection, boardsProjection), 'goals_boards');
  }

  /** Every board of the organisation, the newest first. */
  ofOrganisation(tenantId: TenantId): Promise<BoardDocument[]> {
    return this.find(tenantId, {}, { sort: { createdAt: -1, _id: 1 } });
  }
}
