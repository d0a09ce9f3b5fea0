import type { DomainError } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import type { KnownKeyResult } from '../goal-facts';

/** The Support squad of the Customer tribe, as the checkins specs see it. */
export const bob: Actor = { personId: 'bob' }; // owns the NPS key result
export const cleo: Actor = { personId: 'cleo' }; // contributes to it
export const ann: Actor = { personId: 'ann' }; // product owner of Support: the objective's lead
export const nina: Actor = { personId: 'nina' }; // product owner of Support after ann
export const tom: Actor = { personId: 'tom' }; // lead of the Customer tribe
export const gus: Actor = { personId: 'gus' }; // a coordinator of the Customer Success guild
export const eve: Actor = { personId: 'eve' }; // someone of another squad
export const sweeper: Actor = { personId: 'system:checkins-cadence' };

export const objectiveId = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
export const keyResultId = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';

export const npsKeyResult: KnownKeyResult = {
  ownerId: 'bob',
  contributorIds: ['cleo'],
  objectiveLeadIds: ['ann'],
  unitLeadIds: ['ann'],
  acceptsCheckIns: true,
};

/** Asserts the fields a ValidationFailed (or RuleViolated) names, for thenThrows. */
export const withFields =
  (fields: Readonly<Record<string, string | RegExp>>) =>
  (error: Error): void => {
    const actual = (error as DomainError).fields;
    expect(Object.keys(actual).sort()).toEqual(Object.keys(fields).sort());
    for (const [field, expected] of Object.entries(fields)) {
      expect(actual[field]).toMatch(expected);
    }
  };
