import type { OrgIntegrationEvent } from '@rhythm/org-directory';
import { OrgHistory } from '@rhythm/org-directory/testing';
import {
  historyOf,
  tribeAt,
  unitsAt,
  type PersonHistory,
  type UnitHistory,
} from './membership-history';

const org = new OrgHistory('acme');
const at = (event: OrgIntegrationEvent, occurredAt: string): OrgIntegrationEvent => ({
  ...event,
  occurredAt,
});
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T09:00:00.000Z`;

const squadFormed = (squadId: string, tribeId: string, formedOn: number) => {
  const event = org.squadFormed(squadId, tribeId);
  return at(
    { ...event, data: { ...event.data, formedAt: day(formedOn) } } as OrgIntegrationEvent,
    day(formedOn),
  );
};

const person = (events: readonly OrgIntegrationEvent[]) =>
  historyOf({ kind: 'person', id: 'ann' }, events) as PersonHistory;
const unit = (kind: UnitHistory['kind'], id: string, events: readonly OrgIntegrationEvent[]) =>
  historyOf({ kind, id }, events) as UnitHistory;
const byKey = (...units: UnitHistory[]) =>
  new Map(units.map((each) => [`${each.kind}:${each.id}`, each]));

describe('The membership history', () => {
  const support = unit('squad', 'support', [squadFormed('support', 'cx', 1)]);
  const payments = unit('squad', 'payments', [squadFormed('payments', 'money', 1)]);
  const backend = unit('chapter', 'backend', [at(org.chapterFormed('backend', 'cx'), day(1))]);
  const joined = at(org.joinedSquad('ann', 'support'), day(2));
  const chapter = at(org.joinedChapter('ann', 'backend', 'cx'), day(2));
  const guild = at(org.joinedGuild('ann', 'data'), day(3));
  const moved = at(org.joinedSquad('ann', 'payments', 'support'), day(10));

  it('answers the squad, chapter, guilds and tribes a person was in at an instant', () => {
    const ann = person([joined, chapter, guild, moved]);
    const units = byKey(support, payments, backend);
    expect(unitsAt(ann, units, day(5))).toEqual([
      { kind: 'squad', id: 'support' },
      { kind: 'chapter', id: 'backend' },
      { kind: 'guild', id: 'data' },
      { kind: 'tribe', id: 'cx' },
    ]);
    // Joining another squad ends the last one at that instant.
    expect(unitsAt(ann, units, day(10))).toEqual([
      { kind: 'chapter', id: 'backend' },
      { kind: 'guild', id: 'data' },
      { kind: 'squad', id: 'payments' },
      { kind: 'tribe', id: 'cx' },
      { kind: 'tribe', id: 'money' },
    ]);
    expect(unitsAt(ann, units, day(1))).toEqual([]);
  });

  it('folds the stream in its order whatever order the events arrived in', () => {
    expect(person([moved, guild, chapter, joined])).toEqual(
      person([joined, chapter, guild, moved]),
    );
  });

  it("follows a squad's tribe through a move from its effective instant, a late one included", () => {
    const formed = squadFormed('support', 'cx', 1);
    const event = org.squadMoved('support', 'cx', 'care');
    const move = at(
      { ...event, data: { ...event.data, effectiveAt: day(8) } } as OrgIntegrationEvent,
      day(12),
    );
    const history = unit('squad', 'support', [move, formed]);
    expect([day(7), day(8), day(20)].map((instant) => tribeAt(history, instant))).toEqual([
      'cx',
      'care',
      'care',
    ]);
  });

  it('ends every membership when the person leaves or is erased, and with a dissolved unit', () => {
    const left = person([joined, chapter, guild, at(org.personLeft('ann'), day(6))]);
    expect(unitsAt(left, byKey(support, backend), day(7))).toEqual([]);
    const erased = person([joined, at(org.personErased('ann'), day(6))]);
    expect(unitsAt(erased, byKey(support), day(5))).toEqual([
      { kind: 'squad', id: 'support' },
      { kind: 'tribe', id: 'cx' },
    ]);
    expect(unitsAt(erased, byKey(support), day(6))).toEqual([]);
    const dissolved = unit('squad', 'support', [
      squadFormed('support', 'cx', 1),
      at(org.squadDissolved('support'), day(4)),
    ]);
    expect(unitsAt(person([joined]), byKey(dissolved), day(3))).toHaveLength(2);
    expect(unitsAt(person([joined]), byKey(dissolved), day(4))).toEqual([]);
  });

  it('keeps a membership of a unit it has not seen yet (the unit stream may come later)', () => {
    expect(unitsAt(person([joined]), new Map(), day(5))).toEqual([
      { kind: 'squad', id: 'support' },
    ]);
  });
});
