import type { DomainError } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';

/** The Customer Experience tribe, as the recognition specs see it. */
export const bob: Actor = { personId: 'bob' }; // Support squad, owns the NPS key result
export const cleo: Actor = { personId: 'cleo' }; // Support squad, contributes to it
export const ann: Actor = { personId: 'ann' }; // product owner of Support
export const carl: Actor = { personId: 'carl' }; // customer-service chapter, in another squad
export const eve: Actor = { personId: 'eve' }; // someone of another squad
export const olga: Actor = { personId: 'olga' }; // an admin (the OKR champion)
export const celebrations: Actor = { personId: 'system:recognition-celebrations' };

export const cycleId = '2026-q1';
export const objectiveId = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
export const keyResultId = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';
export const support = { kind: 'squad', id: 'support' } as const;
export const customerExperience = { kind: 'tribe', id: 'customer-experience' } as const;

/** Asserts the fields a ValidationFailed (or RuleViolated, NotFound) names, for thenThrows. */
export const withFields =
  (fields: Readonly<Record<string, string | RegExp>>) =>
  (error: Error): void => {
    const actual = (error as DomainError).fields;
    expect(Object.keys(actual).sort()).toEqual(Object.keys(fields).sort());
    for (const [field, expected] of Object.entries(fields)) {
      expect(actual[field]).toMatch(expected);
    }
  };
