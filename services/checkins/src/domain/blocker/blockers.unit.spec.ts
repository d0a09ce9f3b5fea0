import {
  AlreadyExists,
  fold,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import {
  ann,
  bob,
  eve,
  gus,
  keyResultId,
  objectiveId,
  sweeper,
  tom,
  withFields,
} from '../testing/people.fixtures';
import { blockerDecider } from './blocker.decider';
import type { BlockerEvent, BlockerRaised } from './blocker.events';
import { blockerTimes } from './blocker.state';
import type { EscalateBlocker } from './escalate-blocker.command';
import type { RaiseBlocker } from './raise-blocker.command';

const spec = DeciderSpecification.for(blockerDecider);
const blockerId = 'waiting-on-data';
const support = { kind: 'squad', id: 'support' } as const;
const customerTribe = { kind: 'tribe', id: 'customer' } as const;

const raise: RaiseBlocker = {
  type: 'RaiseBlocker',
  actor: bob,
  data: {
    blockerId,
    target: { kind: 'key-result', objectiveId, keyResultId },
    description: ' The NPS export is broken ',
    waitsOn: { kind: 'outside', name: ' the data team ' },
    checkInId: 'week-1',
    escalateAfter: '2026-03-11T17:00:00+01:00',
    at: '2026-03-06T16:30:00+01:00',
  },
  facts: { target: { involvedIds: ['bob', 'cleo', 'ann'], unit: support, unitLeadIds: ['ann'] } },
};
const raised: BlockerRaised = {
  type: 'BlockerRaised',
  data: {
    blockerId,
    target: { kind: 'key-result', objectiveId, keyResultId },
    description: 'The NPS export is broken',
    waitsOn: { kind: 'outside', name: 'the data team' },
    raisedBy: 'bob',
    checkInId: 'week-1',
    unit: support,
    ownerIds: ['ann'],
    escalateAfter: '2026-03-11T16:00:00.000Z',
    raisedAt: '2026-03-06T15:30:00.000Z',
  },
};
const acknowledged: BlockerEvent = {
  type: 'BlockerAcknowledged',
  data: { blockerId, acknowledgedBy: 'ann', acknowledgedAt: '2026-03-09T08:30:00.000Z' },
};
const escalate: EscalateBlocker = {
  type: 'EscalateBlocker',
  actor: sweeper,
  data: { blockerId, at: '2026-03-11T16:00:00Z' },
  facts: { visible: true, above: { unit: customerTribe, leadIds: ['tom'] } },
};
const escalated: BlockerEvent = {
  type: 'BlockerEscalated',
  data: {
    blockerId,
    to: customerTribe,
    fromOwnerIds: ['ann'],
    ownerIds: ['tom'],
    escalatedBy: 'system:checkins-cadence',
    why: 'deadline',
    escalatedAt: '2026-03-11T16:00:00.000Z',
  },
};
const resolved: BlockerEvent = {
  type: 'BlockerResolved',
  data: {
    blockerId,
    target: { kind: 'key-result', objectiveId, keyResultId },
    raisedBy: 'bob',
    resolvedBy: 'tom',
    note: 'Export fixed',
    resolvedAt: '2026-03-12T10:00:00.000Z',
  },
};

describe('Blockers', () => {
  describe('raise', () => {
    it("one involved raises it, in a check-in, and it is routed to the unit's lead", () =>
      spec.given([]).when(raise).then([raised]));

    it('on an objective, waiting on a person, without a deadline', () =>
      spec
        .given([])
        .when({
          ...raise,
          data: {
            blockerId,
            target: { kind: 'objective', objectiveId },
            description: 'Waiting for legal',
            waitsOn: { kind: 'person', personId: 'lena' },
            at: '2026-03-06T15:30:00Z',
          },
        })
        .then([
          {
            type: 'BlockerRaised',
            data: {
              blockerId,
              target: { kind: 'objective', objectiveId },
              description: 'Waiting for legal',
              waitsOn: { kind: 'person', personId: 'lena' },
              raisedBy: 'bob',
              unit: support,
              ownerIds: ['ann'],
              raisedAt: '2026-03-06T15:30:00.000Z',
            },
          },
        ]));

    it('a private objective answers as an unknown one, before the power and the input', () =>
      spec
        .given([])
        .when({
          ...raise,
          actor: eve,
          data: { ...raise.data, description: '' },
          facts: { target: 'no-objective' },
        })
        .thenThrows(NotFound, `Objective ${objectiveId} not found`));

    it('an unknown key result answers 404', () =>
      spec
        .given([])
        .when({ ...raise, facts: { target: 'no-key-result' } })
        .thenThrows(NotFound, `Key result ${keyResultId} not found on objective ${objectiveId}`));

    it('someone not involved may not raise one, whatever the input', () =>
      spec
        .given([raised])
        .when({ ...raise, actor: eve, data: { ...raise.data, description: '' } })
        .thenThrows(Forbidden, /Only those involved/));

    it('names every field at fault', () =>
      spec
        .given([])
        .when({
          ...raise,
          data: {
            ...raise.data,
            description: ' ',
            waitsOn: { kind: 'person', personId: 'no body' },
            escalateAfter: '2026-03-01T00:00:00Z',
          },
        })
        .thenThrows(
          ValidationFailed,
          withFields({
            description: 'must not be empty',
            waitsOn: /letter or digit/,
            escalateAfter: 'must be after at',
          }),
        ));

    it('the input before the state: a taken id', () => {
      spec
        .given([raised])
        .when({ ...raise, data: { ...raise.data, description: '' } })
        .thenThrows(ValidationFailed);
      spec
        .given([raised])
        .when(raise)
        .thenThrows(AlreadyExists, `Blocker ${blockerId} already exists`);
    });
  });

  describe('acknowledge', () => {
    const acknowledge = {
      type: 'AcknowledgeBlocker',
      actor: ann,
      data: { blockerId, at: '2026-03-09T09:30:00+01:00' },
      facts: { visible: true },
    } as const;

    it('the lead it is routed to acknowledges', () =>
      spec.given([raised]).when(acknowledge).then([acknowledged]));

    it('twice changes nothing', () =>
      spec.given([raised, acknowledged]).when(acknowledge).thenNothingHappens());

    it('only its owner', () =>
      spec
        .given([raised])
        .when({ ...acknowledge, actor: bob })
        .thenThrows(Forbidden));

    it('the power before the state', () =>
      spec
        .given([raised, resolved])
        .when({ ...acknowledge, actor: bob })
        .thenThrows(Forbidden));

    it('not once resolved', () =>
      spec
        .given([raised, escalated, resolved])
        .when({ ...acknowledge, actor: tom })
        .thenThrows(RuleViolated, /resolved/));

    it('on a goal the caller may not see it is an unknown blocker', () =>
      spec
        .given([raised])
        .when({ ...acknowledge, facts: { visible: false } })
        .thenThrows(NotFound, `Blocker ${blockerId} not found`));

    it('an unknown blocker answers 404', () =>
      spec.given([]).when(acknowledge).thenThrows(NotFound));

    it('after an escalation the new owner acknowledges anew; the old one no longer may', () => {
      spec
        .given([raised, acknowledged, escalated])
        .when({ ...acknowledge, actor: tom })
        .then([
          { type: 'BlockerAcknowledged', data: { ...acknowledged.data, acknowledgedBy: 'tom' } },
        ]);
      spec.given([raised, acknowledged, escalated]).when(acknowledge).thenThrows(Forbidden);
    });
  });

  describe('escalate', () => {
    it("a squad's blocker goes to its tribe's lead once its deadline passed", () =>
      spec.given([raised, acknowledged]).when(escalate).then([escalated]));

    it('the scheduler ticking again escalates nothing twice', () =>
      spec
        .given([raised, escalated])
        .when({ ...escalate, data: { blockerId, at: '2026-03-16T08:00:00Z' } })
        .thenNothingHappens());

    it('the scheduler before the deadline is refused', () =>
      spec
        .given([raised])
        .when({ ...escalate, data: { blockerId, at: '2026-03-11T15:59:59Z' } })
        .thenThrows(RuleViolated, withFields({ blocker: 'deadline not passed' })));

    it('the one who raised it may ask at any time', () =>
      spec
        .given([raised])
        .when({ ...escalate, actor: bob, data: { blockerId, at: '2026-03-07T10:00:00Z' } })
        .then([
          {
            type: 'BlockerEscalated',
            data: {
              ...escalated.data,
              escalatedBy: 'bob',
              why: 'asked',
              escalatedAt: '2026-03-07T10:00:00.000Z',
            },
          },
        ]));

    it("a guild's blocker goes to all its coordinators", () => {
      const guild = { kind: 'guild', id: 'customer-success' } as const;
      return spec
        .given([{ ...raised, data: { ...raised.data, unit: guild, ownerIds: ['gus'] } }])
        .when({
          ...escalate,
          actor: gus,
          facts: { visible: true, above: { unit: guild, leadIds: ['gus', 'gwen'] } },
        })
        .then([
          {
            type: 'BlockerEscalated',
            data: {
              ...escalated.data,
              to: guild,
              fromOwnerIds: ['gus'],
              ownerIds: ['gus', 'gwen'],
              escalatedBy: 'gus',
              why: 'asked',
            },
          },
        ]);
    });

    it("a tribe's blocker has nowhere to go", () =>
      spec
        .given([{ ...raised, data: { ...raised.data, unit: customerTribe, ownerIds: ['tom'] } }])
        .when({ ...escalate, actor: tom, facts: { visible: true, above: 'none' } })
        .thenThrows(RuleViolated, withFields({ blocker: 'no level above' })));

    it('someone else may not escalate it', () =>
      spec
        .given([raised])
        .when({ ...escalate, actor: eve })
        .thenThrows(Forbidden));

    it('a resolved blocker is not escalated', () =>
      spec
        .given([raised, escalated, resolved])
        .when({ ...escalate, actor: bob })
        .thenThrows(RuleViolated, /resolved/));
  });

  describe('resolve', () => {
    const resolve = {
      type: 'ResolveBlocker',
      actor: tom,
      data: { blockerId, note: ' Export fixed ', at: '2026-03-12T11:00:00+01:00' },
      facts: { visible: true },
    } as const;

    it('its owner resolves it with a note', () =>
      spec.given([raised, escalated]).when(resolve).then([resolved]));

    it.each([
      ['the one who raised it', bob],
      ['the lead who owned it before the escalation', ann],
    ])('%s may resolve it too', (_, actor) =>
      spec
        .given([raised, escalated])
        .when({ ...resolve, actor })
        .then([{ ...resolved, data: { ...resolved.data, resolvedBy: actor.personId } }]),
    );

    it('needs a note', () =>
      spec
        .given([raised])
        .when({ ...resolve, actor: ann, data: { ...resolve.data, note: '' } })
        .thenThrows(ValidationFailed, withFields({ note: 'must not be empty' })));

    it('someone else may not, whatever the input', () =>
      spec
        .given([raised])
        .when({ ...resolve, actor: eve, data: { ...resolve.data, note: '' } })
        .thenThrows(Forbidden));

    it('resolved is final', () =>
      spec
        .given([raised, escalated, resolved])
        .when(resolve)
        .thenThrows(RuleViolated, /is resolved/));
  });

  describe('its life, from the events alone', () => {
    it('time to acknowledge and to resolve, and who owned it when', () => {
      const blocker = fold(blockerDecider, [raised, acknowledged, escalated, resolved]);
      if (blocker.status === 'none') throw new Error('expected a blocker');
      expect(blockerTimes(blocker)).toEqual({
        toAcknowledgeMs: 65 * 3600_000, // Fri 15:30 → Mon 08:30
        toResolveMs: (5 * 24 + 18.5) * 3600_000, // Fri 15:30 → Thu 10:00
      });
      expect(blocker.owners).toEqual([
        { ownerIds: ['ann'], from: '2026-03-06T15:30:00.000Z' },
        { ownerIds: ['tom'], from: '2026-03-11T16:00:00.000Z' },
      ]);
    });

    it('an open, unacknowledged blocker has no times yet', () => {
      const blocker = fold(blockerDecider, [raised]);
      if (blocker.status === 'none') throw new Error('expected a blocker');
      expect(blockerTimes(blocker)).toEqual({});
    });
  });
});
