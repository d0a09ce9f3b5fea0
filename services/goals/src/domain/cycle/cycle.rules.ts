import { Forbidden, NotFound, RuleViolated, type Problem } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import type { Cycle, CycleState, CycleStatus } from './cycle.state';

/** Cycles are the OKR champion's: only admins plan and move them. */
export const assertMayRunCycles = (actor: Actor, doing: string): void => {
  if (!actor.isAdmin) throw new Forbidden(`Only an admin or OKR champion can ${doing}`);
};

export const existingCycle = (state: CycleState, cycleId: string): Cycle => {
  if (state.status === 'none') throw new NotFound(`Cycle ${cycleId} not found`);
  return state;
};

export const assertCycleIn = (
  cycle: Cycle,
  allowed: readonly CycleStatus[],
  doing: string,
): void => {
  if (allowed.includes(cycle.status)) return;
  throw new RuleViolated(
    `Cannot ${doing}: cycle ${cycle.name} is ${cycle.status} (allowed when ${allowed.join(' or ')})`,
    { cycle: cycle.status },
  );
};

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written `YYYY-MM-DD`. */
export const dayProblem = (day: string): Problem => {
  if (!isoDay.test(day)) return 'must be a date as YYYY-MM-DD';
  const parsed = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day)
    ? undefined
    : 'must be a real calendar date';
};

/** Problems with a start and end day, keyed startsOn / endsOn. */
export const datesProblems = (
  startsOn: string,
  endsOn: string,
): Record<'startsOn' | 'endsOn', Problem> => {
  const startProblem = dayProblem(startsOn);
  const endProblem = dayProblem(endsOn);
  return {
    startsOn: startProblem,
    endsOn:
      endProblem ??
      (startProblem === undefined && endsOn <= startsOn ? 'must be after startsOn' : undefined),
  };
};
