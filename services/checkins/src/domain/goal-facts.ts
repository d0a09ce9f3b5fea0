import { NotFound } from '@rhythm/event-sourcing';

/** A unit of the organisation, as the org topic names it. */
export const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
export type UnitKind = (typeof unitKinds)[number];
export type Unit = Readonly<{ kind: UnitKind; id: string }>;

/**
 * What the service's directory (goals and org topics) knows of a key result when a command
 * names it. `no-objective` is also the answer for a private objective the caller may not see
 * (docs/security.md): the decider answers exactly as for an id that does not exist.
 */
export type KeyResultFacts =
  | 'no-objective'
  | 'no-key-result'
  | Readonly<{
      ownerId: string;
      contributorIds: readonly string[];
      /** The objective's lead today: the owning unit's lead(s), or the person of a personal objective. */
      objectiveLeadIds: readonly string[];
      /** The lead(s) of the unit whose cadence the key result follows (the owner's squad or chapter). */
      unitLeadIds: readonly string[];
      /** The objective is active and its cycle running or in review: progress may be recorded. */
      acceptsCheckIns: boolean;
    }>;

export type KnownKeyResult = Exclude<KeyResultFacts, 'no-objective' | 'no-key-result'>;

/** The one answer for an objective that does not exist and for one the caller may not see. */
export const objectiveNotFound = (objectiveId: string): NotFound =>
  new NotFound(`Objective ${objectiveId} not found`);

export const knownKeyResult = (
  facts: KeyResultFacts,
  objectiveId: string,
  keyResultId: string,
): KnownKeyResult => {
  if (facts === 'no-objective') throw objectiveNotFound(objectiveId);
  if (facts === 'no-key-result') {
    throw new NotFound(`Key result ${keyResultId} not found on objective ${objectiveId}`);
  }
  return facts;
};
