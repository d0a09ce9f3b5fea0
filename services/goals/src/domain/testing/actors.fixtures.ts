import type { DomainError } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';

/** People of the example organisation the goals specs run in. */
export const olga: Actor = { personId: 'olga', isAdmin: true, leads: [] }; // OKR champion
export const ann: Actor = {
  personId: 'ann',
  isAdmin: false,
  leads: [{ kind: 'squad', id: 'checkout' }],
}; // product owner of squad Checkout
export const tom: Actor = {
  personId: 'tom',
  isAdmin: false,
  leads: [{ kind: 'tribe', id: 'payments' }],
}; // tribe lead of Payments
export const gus: Actor = {
  personId: 'gus',
  isAdmin: false,
  leads: [{ kind: 'guild', id: 'security' }],
}; // coordinator of the security guild
export const bob: Actor = { personId: 'bob', isAdmin: false, leads: [] }; // squad member, owns key results
export const eve: Actor = { personId: 'eve', isAdmin: false, leads: [] }; // someone else in the organisation
export const checkInRelay: Actor = { personId: 'system:checkins', isAdmin: true, leads: [] };

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
