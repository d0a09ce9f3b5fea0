import { ContractRegistry, orgIntegrationEvents } from '@rhythm/contracts';
import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { OrgEvent } from '../org-domain';
import { toOrgIntegrationEvent } from './org-integration-events.mapper';

const registry = new ContractRegistry(orgIntegrationEvents);
let position = 0n;
const recorded = (event: OrgEvent, reason?: string): RecordedEvent<OrgEvent> => ({
  ...event,
  streamId: 'person-acme.ann',
  streamRevision: 0,
  globalPosition: ++position,
  recordedAt: new Date('2026-03-02T10:00:00Z'),
  metadata: {
    eventId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: 'acme',
    actor: 'admin-1',
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: '2026-03-02T10:00:00.000Z',
    ...(reason === undefined ? {} : { reason }),
  },
});

// One of every domain event type: the mapper's switch is exhaustive at compile time, this checks
// that each mapping produces an envelope the published contract accepts.
const everyDomainEvent: OrgEvent[] = [
  { type: 'OrganisationEstablished', data: { organisationId: 'acme', name: 'Acme' } },
  { type: 'OrganisationRenamed', data: { organisationId: 'acme', name: 'B', previousName: 'A' } },
  { type: 'PersonJoinedOrganisation', data: { personId: 'ann', name: 'Ann', email: 'a@x.io' } },
  { type: 'PersonProfileUpdated', data: { personId: 'ann', name: 'Ann J', email: 'a@x.io' } },
  { type: 'PersonLeftOrganisation', data: { personId: 'ann', reason: 'moved' } },
  { type: 'PersonJoinedSquad', data: { personId: 'ann', squadId: 's1' } },
  { type: 'PersonMovedToSquad', data: { personId: 'ann', fromSquadId: 's1', toSquadId: 's2' } },
  { type: 'PersonLeftSquad', data: { personId: 'ann', squadId: 's2', cause: 'requested' } },
  { type: 'PersonJoinedChapter', data: { personId: 'ann', chapterId: 'c1', tribeId: 't1' } },
  {
    type: 'PersonLeftChapter',
    data: { personId: 'ann', chapterId: 'c1', cause: 'moved-to-another-tribe' },
  },
  { type: 'PersonJoinedGuild', data: { personId: 'ann', guildId: 'g1' } },
  { type: 'PersonLeftGuild', data: { personId: 'ann', guildId: 'g1', cause: 'left-organisation' } },
  { type: 'TribeFormed', data: { tribeId: 't1', name: 'Payments', mission: '' } },
  { type: 'TribeRenamed', data: { tribeId: 't1', name: 'P2', previousName: 'Payments' } },
  { type: 'TribeLeadAppointed', data: { tribeId: 't1', personId: 'ann', previousLeadId: null } },
  { type: 'TribeDissolved', data: { tribeId: 't1', reason: 'merged' } },
  {
    type: 'SquadFormed',
    data: {
      squadId: 's1',
      tribeId: 't1',
      name: 'Checkout',
      mission: 'pay',
      formedAt: '2026-01-05T09:00:00.000Z',
    },
  },
  { type: 'SquadRenamed', data: { squadId: 's1', name: 'Wallet', previousName: 'Checkout' } },
  {
    type: 'ProductOwnerAppointed',
    data: { squadId: 's1', personId: 'ann', previousProductOwnerId: 'bob' },
  },
  {
    type: 'SquadMoved',
    data: {
      squadId: 's1',
      fromTribeId: 't1',
      toTribeId: 't2',
      effectiveAt: '2026-02-01T00:00:00.000Z',
    },
  },
  { type: 'SquadDissolved', data: { squadId: 's1', reason: 'done' } },
  { type: 'ChapterFormed', data: { chapterId: 'c1', tribeId: 't1', name: 'BE', craft: 'backend' } },
  { type: 'ChapterRenamed', data: { chapterId: 'c1', name: 'Backend', previousName: 'BE' } },
  {
    type: 'ChapterLeadAppointed',
    data: { chapterId: 'c1', personId: 'ann', previousLeadId: null },
  },
  { type: 'ChapterDissolved', data: { chapterId: 'c1', reason: 'merged' } },
  { type: 'GuildFormed', data: { guildId: 'g1', name: 'Web', interest: 'perf' } },
  { type: 'GuildRenamed', data: { guildId: 'g1', name: 'Frontend', previousName: 'Web' } },
  { type: 'GuildCoordinatorAdded', data: { guildId: 'g1', personId: 'ann' } },
  { type: 'GuildCoordinatorRemoved', data: { guildId: 'g1', personId: 'ann' } },
  { type: 'GuildDissolved', data: { guildId: 'g1', reason: 'quiet' } },
  // Last, so that the indices above stay: an erasure carries nothing personal.
  { type: 'PersonErased', data: { personId: 'ann' } },
];

describe('org integration events mapper', () => {
  it.each(everyDomainEvent.map((event) => [event.type, event] as const))(
    'maps %s to an envelope the contract accepts',
    (_type, event) => {
      const envelope = toOrgIntegrationEvent(recorded(event));
      expect(() => registry.parseJson(JSON.stringify(envelope))).not.toThrow();
      expect(envelope).toMatchObject({
        tenantId: 'acme',
        actor: 'admin-1',
        correlationId: 'corr-1',
        causationId: 'cmd-1',
        streamId: 'person-acme.ann',
      });
    },
  );

  it('publishes every org integration event type', () => {
    const published = new Set(
      everyDomainEvent.map((event) => toOrgIntegrationEvent(recorded(event)).type),
    );
    expect([...published].sort()).toEqual(registry.types());
  });

  it('keeps email addresses private', () => {
    const envelope = toOrgIntegrationEvent(recorded(everyDomainEvent[2]));
    expect(envelope).toMatchObject({
      type: 'org.person-joined',
      data: { personId: 'ann', name: 'Ann' },
    });
    expect(envelope.data).not.toHaveProperty('email');
  });

  it('publishes a move between squads as a join naming the previous squad', () => {
    const envelope = toOrgIntegrationEvent(recorded(everyDomainEvent[6]));
    expect(envelope).toMatchObject({
      type: 'org.person-joined-squad',
      data: { personId: 'ann', squadId: 's2', previousSquadId: 's1' },
    });
  });

  it('carries the reason from the metadata', () => {
    const envelope = toOrgIntegrationEvent(recorded(everyDomainEvent[20], 'mission done'));
    expect(envelope).toMatchObject({ type: 'org.squad-dissolved', reason: 'mission done' });
  });
});
