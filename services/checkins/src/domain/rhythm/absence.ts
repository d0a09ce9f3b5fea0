import {
  AlreadyExists,
  assertNever,
  Forbidden,
  identifierProblem,
  NotFound,
  rejectInvalid,
  type Decider,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { OutOfOffice } from '../cadence/key-result-standing';
import { instantProblem, utc } from '../input-rules';
import type { AbsenceEvent } from './rhythm.events';

export type Absence = OutOfOffice & Readonly<{ absenceId: string }>;
export type PersonAbsences = Readonly<{ absences: readonly Absence[] }>;

/** Longest span one declaration may cover: a sabbatical, not a way to switch the rhythm off. */
const maxDays = 366;

type AbsenceFacts = Readonly<{
  /** The person's lead(s) today, who may declare it for them; an admin may too. */
  leadIds: readonly string[];
  actorIsAdmin: boolean;
}>;

export type DeclareOutOfOffice = Command<
  'DeclareOutOfOffice',
  { personId: string; absenceId: string; from: string; until: string },
  AbsenceFacts
>;

export type CancelOutOfOffice = Command<
  'CancelOutOfOffice',
  { personId: string; absenceId: string },
  AbsenceFacts
>;

export type AbsenceCommand = DeclareOutOfOffice | CancelOutOfOffice;

const assertMayDeclare = (command: AbsenceCommand): void => {
  const { actor, data, facts } = command;
  if (actor.personId === data.personId || facts.actorIsAdmin) return;
  if (facts.leadIds.includes(actor.personId)) return;
  throw new Forbidden(`Only ${data.personId}, their lead or an admin can say when they are away`);
};

const spanProblem = (from: string, until: string) => {
  if (instantProblem(from) !== undefined || instantProblem(until) !== undefined) return undefined;
  const days = (Date.parse(until) - Date.parse(from)) / (24 * 3600_000);
  if (days <= 0) return 'must be after from';
  return days > maxDays ? `must be at most ${maxDays} days after from` : undefined;
};

export const declareOutOfOffice = (
  command: DeclareOutOfOffice,
  state: PersonAbsences,
): AbsenceEvent[] => {
  const { data, actor } = command;
  assertMayDeclare(command);
  rejectInvalid({
    absenceId: identifierProblem(data.absenceId),
    from: instantProblem(data.from),
    until: instantProblem(data.until) ?? spanProblem(data.from, data.until),
  });
  const from = utc(data.from);
  const until = utc(data.until);
  const same = state.absences.find((absence) => absence.absenceId === data.absenceId);
  if (same !== undefined) {
    if (same.from === from && same.until === until) return [];
    throw new AlreadyExists(`Absence ${data.absenceId} already exists`);
  }
  return [
    {
      type: 'OutOfOfficeDeclared',
      data: {
        personId: data.personId,
        absenceId: data.absenceId,
        from,
        until,
        declaredBy: actor.personId,
      },
    },
  ];
};

export const cancelOutOfOffice = (
  command: CancelOutOfOffice,
  state: PersonAbsences,
): AbsenceEvent[] => {
  const { data, actor } = command;
  assertMayDeclare(command);
  if (!state.absences.some((absence) => absence.absenceId === data.absenceId)) {
    throw new NotFound(`Absence ${data.absenceId} not found`);
  }
  return [
    {
      type: 'OutOfOfficeCancelled',
      data: { personId: data.personId, absenceId: data.absenceId, cancelledBy: actor.personId },
    },
  ];
};

const decide = (command: AbsenceCommand, state: PersonAbsences): AbsenceEvent[] => {
  switch (command.type) {
    case 'DeclareOutOfOffice':
      return declareOutOfOffice(command, state);
    case 'CancelOutOfOffice':
      return cancelOutOfOffice(command, state);
    default:
      return assertNever(command);
  }
};

const evolve = (state: PersonAbsences, event: AbsenceEvent): PersonAbsences => {
  switch (event.type) {
    case 'OutOfOfficeDeclared': {
      const { absenceId, from, until } = event.data;
      return { absences: [...state.absences, { absenceId, from, until }] };
    }
    case 'OutOfOfficeCancelled':
      return {
        absences: state.absences.filter((absence) => absence.absenceId !== event.data.absenceId),
      };
    default:
      return assertNever(event);
  }
};

/** Stream `absence-<tenant>.<personId>`: when one person is out of office. */
export const absenceDecider: Decider<AbsenceCommand, PersonAbsences, AbsenceEvent> = {
  decide,
  evolve,
  initialState: () => ({ absences: [] }),
};
