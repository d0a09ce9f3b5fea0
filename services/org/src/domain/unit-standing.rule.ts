import { NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { UnitStanding } from './org-facts';

/** A unit named by a command must exist, whoever asks: an unknown id is a 404 before a 403. */
export const assertKnownUnit = (kind: string, unitId: string, standing: UnitStanding): void => {
  if (standing === 'unknown') throw new NotFound(`${kind} ${unitId} not found`);
};

/** A unit referred to by a command (the tribe a squad joins, the squad a person joins) must be active. */
export const assertActiveUnit = (kind: string, unitId: string, standing: UnitStanding): void => {
  assertKnownUnit(kind, unitId, standing);
  if (standing === 'dissolved') {
    throw new RuleViolated(`${kind} ${unitId} is dissolved`, {
      [`${kind.toLowerCase()}Id`]: 'is dissolved',
    });
  }
};
