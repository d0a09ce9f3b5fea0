import { personProfileUpdatedV1, squadRenamedV1 } from '@rhythm/contracts';
import {
  evolve,
  foldStream,
  initialRecord,
  subjectOf,
  withoutPersonalData,
  type OrgIntegrationEvent,
} from './org-directory.evolve';
import { OrgHistory } from './testing/org-history';

describe('org directory records (one fold per stream)', () => {
  let org: OrgHistory;
  beforeEach(() => {
    org = new OrgHistory('acme');
  });

  const fold = (events: OrgIntegrationEvent[]) => foldStream(subjectOf(events[0]), events);

  it('names the subject of every event: the organisation is the company, with the tenant as id', () => {
    expect(subjectOf(org.established())).toEqual({ kind: 'company', id: 'acme' });
    expect(subjectOf(org.joinedSquad('ann', 'checkout'))).toEqual({ kind: 'person', id: 'ann' });
    expect(subjectOf(org.productOwnerAppointed('checkout', 'ann'))).toEqual({
      kind: 'squad',
      id: 'checkout',
    });
    expect(subjectOf(org.coordinatorAdded('testing', 'ann'))).toEqual({
      kind: 'guild',
      id: 'testing',
    });
  });

  it('follows a squad through renaming, a product owner replaced and a move to another tribe', () => {
    const events = [
      org.squadFormed('checkout', 'payments', 'Checkout'),
      org.on('squad', 'checkout', squadRenamedV1, {
        squadId: 'checkout',
        name: 'Wallet',
        previousName: 'Checkout',
      }),
      org.productOwnerAppointed('checkout', 'ann'),
      org.productOwnerAppointed('checkout', 'bob', 'ann'),
      org.squadMoved('checkout', 'payments', 'commerce'),
    ];
    expect(fold(events)).toEqual({
      kind: 'squad',
      id: 'checkout',
      formed: true,
      dissolved: false,
      name: 'Wallet',
      tribeId: 'commerce',
      leadIds: ['bob'],
    });
  });

  it('keeps several guild coordinators, and ends every lead role when a unit is dissolved', () => {
    const guild = [
      org.guildFormed('testing'),
      org.coordinatorAdded('testing', 'ann'),
      org.coordinatorAdded('testing', 'bob'),
      org.coordinatorAdded('testing', 'ann'),
      org.coordinatorRemoved('testing', 'bob'),
      org.coordinatorAdded('testing', 'cem'),
    ];
    expect(fold(guild)).toMatchObject({ leadIds: ['ann', 'cem'], dissolved: false });

    const squad = [
      org.squadFormed('checkout', 'payments'),
      org.productOwnerAppointed('checkout', 'ann'),
    ];
    expect(fold([...squad, org.squadDissolved('checkout')])).toMatchObject({
      formed: true,
      dissolved: true,
      leadIds: [],
    });
  });

  it('follows a person into a squad, to another squad, through chapters and guilds', () => {
    const events = [
      org.personJoined('ann', 'Ann'),
      org.joinedSquad('ann', 'checkout'),
      org.joinedSquad('ann', 'wallet', 'checkout'),
      // A leave of a squad they already moved on from changes nothing.
      org.leftSquad('ann', 'checkout'),
      org.joinedChapter('ann', 'backend', 'payments'),
      org.joinedGuild('ann', 'testing'),
      org.joinedGuild('ann', 'security'),
      org.leftGuild('ann', 'testing'),
    ];
    expect(fold(events)).toEqual({
      kind: 'person',
      id: 'ann',
      joined: true,
      left: false,
      name: 'Ann',
      squadId: 'wallet',
      chapterId: 'backend',
      chapterTribeId: 'payments',
      guildIds: ['security'],
    });
  });

  it('leaves a person who left the organisation with no membership', () => {
    const events = [
      org.personJoined('ann', 'Ann'),
      org.joinedSquad('ann', 'checkout'),
      org.joinedChapter('ann', 'backend', 'payments'),
      org.joinedGuild('ann', 'testing'),
      org.leftSquad('ann', 'checkout'),
      org.leftChapter('ann', 'backend'),
      org.personLeft('ann'),
    ];
    expect(fold(events)).toEqual({
      kind: 'person',
      id: 'ann',
      joined: true,
      left: true,
      name: 'Ann',
      guildIds: [],
    });
  });

  it('keeps what arrives before the formed event, and the formed event completes the unit', () => {
    const formed = org.squadFormed('checkout', 'payments', 'Checkout');
    const appointed = org.productOwnerAppointed('checkout', 'ann');
    const pending = evolve(initialRecord({ kind: 'squad', id: 'checkout' }), appointed);
    expect(pending).toMatchObject({ formed: false, leadIds: ['ann'] });
    expect(foldStream({ kind: 'squad', id: 'checkout' }, [appointed, formed])).toEqual(
      fold([formed, appointed]),
    );
  });

  it('folds a stream in revision order whatever order the events come in', () => {
    const events = [
      org.tribeFormed('payments', 'Payments'),
      org.tribeLeadAppointed('payments', 'ann'),
      org.tribeLeadAppointed('payments', 'bob', 'ann'),
      org.tribeLeadAppointed('payments', 'cem', 'bob'),
    ];
    const inOrder = fold(events);
    expect(fold([events[3], events[1], events[0], events[2]])).toEqual(inOrder);
    expect(inOrder).toMatchObject({ leadIds: ['cem'] });
  });

  it('ignores an event of another kind of subject', () => {
    const person = initialRecord({ kind: 'person', id: 'ann' });
    expect(evolve(person, org.squadFormed('checkout', 'payments'))).toBe(person);
    const squad = initialRecord({ kind: 'squad', id: 'checkout' });
    expect(evolve(squad, org.personJoined('ann'))).toBe(squad);
  });

  describe('an erased person', () => {
    it('is nameless, gone and in no unit once org.person-erased is folded, whatever arrives late', () => {
      const joined = org.personJoined('ann', 'Ann Smith');
      const inSquad = org.joinedSquad('ann', 'checkout');
      const renamed = org.on('person', 'ann', personProfileUpdatedV1, {
        personId: 'ann',
        name: 'Ann Jones',
      });
      const left = org.personLeft('ann', 'Ann Jones moved to Oslo');
      const erased = org.personErased('ann');

      const record = fold([joined, inSquad, renamed, left, erased]);

      expect(record).toEqual({
        kind: 'person',
        id: 'ann',
        joined: true,
        left: true,
        erased: true,
        name: 'Erased person',
        guildIds: [],
      });
      expect(evolve(record, renamed)).toEqual(record);
      expect(JSON.stringify(record)).not.toMatch(/Ann|Oslo/);
    });

    it('is kept without name, reason for leaving or recorded reason', () => {
      const joined = org.personJoined('ann', 'Ann Smith');
      const left = { ...org.personLeft('ann', 'Ann Smith moved to Oslo'), reason: 'Ann asked' };
      const inSquad = org.joinedSquad('ann', 'checkout');

      expect(withoutPersonalData(joined).data).toEqual({ personId: 'ann', name: 'Erased person' });
      expect(withoutPersonalData(left)).toEqual({
        ...left,
        reason: undefined,
        data: { personId: 'ann', reason: 'Personal data erased' },
      });
      expect(withoutPersonalData(left)).not.toHaveProperty('reason');
      expect(withoutPersonalData(inSquad)).toEqual(inSquad);
    });
  });
});
