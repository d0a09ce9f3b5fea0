import { ContractRegistry, orgIntegrationEvents } from '@rhythm/contracts';
import { identifierProblem, textProblem, type RecordedEvent } from '@rhythm/event-sourcing';
import { inputLimits, type OrgEvent } from '../org-domain';
import { toOrgIntegrationEvent } from './org-integration-events.mapper';

/**
 * Whatever the edge accepts, the relay can publish: the longest text each org rule (and so each
 * DTO, which uses the same limits) accepts, the longest tenant id and subject the token verifier
 * accepts, mapped to the integration events that carry them, pass the published contract.
 */
const registry = new ContractRegistry(orgIntegrationEvents);
const longest = (rule: Readonly<{ max: number }>, letter = 'Å') => letter.repeat(rule.max);
const tenant = `t${'0.a_b-'.repeat(10)}xyz`;
const subject = `p${'1.c_d-'.repeat(10)}xyz`;
const personId = '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01';

let position = 0n;
const recorded = (event: OrgEvent): RecordedEvent<OrgEvent> => ({
  ...event,
  streamId: `tribe-${tenant}.t1`,
  streamRevision: 0,
  globalPosition: ++position,
  recordedAt: new Date('2026-03-02T10:00:00Z'),
  metadata: {
    eventId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: tenant,
    actor: subject,
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: '2026-03-02T10:00:00.000Z',
    reason: longest(inputLimits.reason),
  },
});

const name = longest(inputLimits.name);
const description = longest(inputLimits.description);
const reason = longest(inputLimits.reason);
const atTheLimits: OrgEvent[] = [
  { type: 'OrganisationEstablished', data: { organisationId: tenant, name } },
  { type: 'OrganisationRenamed', data: { organisationId: tenant, name, previousName: name } },
  {
    type: 'PersonJoinedOrganisation',
    data: { personId, name, email: `${'a'.repeat(240)}@example.org` },
  },
  { type: 'PersonLeftOrganisation', data: { personId, reason } },
  { type: 'TribeFormed', data: { tribeId: personId, name, mission: description } },
  { type: 'TribeDissolved', data: { tribeId: personId, reason } },
  {
    type: 'SquadFormed',
    data: {
      squadId: personId,
      tribeId: personId,
      name,
      mission: description,
      formedAt: '2026-01-05T09:00:00.000Z',
    },
  },
  {
    type: 'ChapterFormed',
    data: { chapterId: personId, tribeId: personId, name, craft: longest(inputLimits.craft) },
  },
  { type: 'GuildFormed', data: { guildId: personId, name, interest: description } },
  // Joining a guild names the caller by default: the token's subject.
  { type: 'PersonJoinedGuild', data: { personId: subject, guildId: personId } },
  { type: 'GuildCoordinatorAdded', data: { guildId: personId, personId: subject } },
];

describe('org input limits and the org integration contract', () => {
  it('the rules accept exactly up to their limits', () => {
    for (const rule of Object.values(inputLimits)) {
      expect(textProblem(longest(rule), rule)).toBeUndefined();
      expect(textProblem(`${longest(rule)}x`, rule)).toBe(`must be at most ${rule.max} characters`);
    }
    expect(identifierProblem(tenant)).toBeUndefined();
    expect(identifierProblem(subject)).toBeUndefined();
  });

  it.each(atTheLimits.map((event) => [event.type, event] as const))(
    '%s at the limits passes its contract',
    (_type, event) => {
      const result = registry.safeParse(toOrgIntegrationEvent(recorded(event)));
      expect(result.success ? 'accepted' : result.error.message).toBe('accepted');
    },
  );

  it('a name one character longer than the limit would break the contract', () => {
    const tooLong = `${name}x`;
    expect(() =>
      toOrgIntegrationEvent(
        recorded({ type: 'TribeFormed', data: { tribeId: personId, name: tooLong, mission: '' } }),
      ),
    ).toThrow(/name/);
  });
});
