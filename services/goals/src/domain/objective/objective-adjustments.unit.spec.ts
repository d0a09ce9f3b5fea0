import { Forbidden, NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, olga, withFields } from '../testing/actors.fixtures';
import {
  activeObjective,
  conversionAdded,
  draftObjective,
  objectiveActivated,
  objectiveDefined,
  objectiveId,
} from '../testing/objective.fixtures';
import { objectiveDecider } from './objective.decider';

const spec = DeciderSpecification.for(objectiveDecider);
const cycle = 'active' as const;

describe('Change with accountability', () => {
  describe('rename the objective', () => {
    const rename = {
      type: 'RenameObjective',
      actor: ann,
      data: {
        objectiveId,
        title: ' Checkout in one tap ',
        description: 'Customers pay in seconds, on any device',
        reason: 'Sharper wording',
      },
      facts: { cycle },
    } as const;

    it('records title and description before and after, and why', () =>
      spec
        .given(activeObjective)
        .when(rename)
        .then([
          {
            type: 'ObjectiveRenamed',
            data: {
              objectiveId,
              title: { before: 'Make checkout effortless', after: 'Checkout in one tap' },
              description: {
                before: 'Customers pay in seconds, on any device',
                after: 'Customers pay in seconds, on any device',
              },
              reason: 'Sharper wording',
            },
          },
        ]));

    it('does nothing when the text is unchanged', () =>
      spec
        .given(activeObjective)
        .when({ ...rename, data: { ...rename.data, title: 'Make checkout effortless' } })
        .thenNothingHappens());

    it('needs a title', () =>
      spec
        .given(activeObjective)
        .when({ ...rename, data: { ...rename.data, title: '' } })
        .thenThrows(ValidationFailed, withFields({ title: 'must not be empty' })));
  });

  describe('adjust a target', () => {
    const adjust = (keyResultId: string, target: number, reason?: string) =>
      ({
        type: 'AdjustKeyResultTarget',
        actor: ann,
        data: { objectiveId, keyResultId, target, ...(reason === undefined ? {} : { reason }) },
        facts: { cycle },
      }) as const;

    it('raises a target without a reason', () =>
      spec
        .given(activeObjective)
        .when(adjust('conversion', 80))
        .then([
          {
            type: 'KeyResultTargetAdjusted',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              target: { before: 75, after: 80 },
              lowersAmbition: false,
            },
          },
        ]));

    it('needs a reason to lower the target of an active objective', () =>
      spec
        .given(activeObjective)
        .when(adjust('conversion', 70))
        .thenThrows(
          ValidationFailed,
          withFields({
            reason: 'is required to lower the target of a key result of an active objective',
          }),
        ));

    it('lowers the target with a reason', () =>
      spec
        .given(activeObjective)
        .when(adjust('conversion', 70, 'Payment provider outage in January'))
        .then([
          {
            type: 'KeyResultTargetAdjusted',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              target: { before: 75, after: 70 },
              lowersAmbition: true,
              reason: 'Payment provider outage in January',
            },
          },
        ]));

    it('knows that a higher number lowers the ambition of a decreasing key result', () =>
      spec
        .given(activeObjective)
        .when(adjust('payment-time', 3))
        .thenThrows(ValidationFailed, withFields({ reason: /is required to lower the target/ })));

    it('takes a lower number for a decreasing key result as more ambition', () =>
      spec
        .given(activeObjective)
        .when(adjust('payment-time', 1))
        .then([
          {
            type: 'KeyResultTargetAdjusted',
            data: {
              objectiveId,
              keyResultId: 'payment-time',
              target: { before: 2, after: 1 },
              lowersAmbition: false,
            },
          },
        ]));

    it('lets a draft be shaped without reasons', () =>
      spec
        .given(draftObjective)
        .when({ ...adjust('conversion', 65), facts: { cycle: 'planning' } })
        .then([
          {
            type: 'KeyResultTargetAdjusted',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              target: { before: 75, after: 65 },
              lowersAmbition: true,
            },
          },
        ]));

    it('keeps the direction: the target stays above the start of an increase', () =>
      spec
        .given(activeObjective)
        .when(adjust('conversion', 50, 'whatever'))
        .thenThrows(
          ValidationFailed,
          withFields({ target: 'must be above the start for an increasing key result' }),
        ));

    it('does nothing for the same target', () =>
      spec.given(activeObjective).when(adjust('conversion', 75)).thenNothingHappens());

    it('needs an existing key result', () =>
      spec
        .given(activeObjective)
        .when(adjust('churn', 5))
        .thenThrows(NotFound, /Key result churn not found/));

    it('refuses a blank reason where one is required', () =>
      spec
        .given(activeObjective)
        .when(adjust('conversion', 70, '   '))
        .thenThrows(ValidationFailed, withFields({ reason: /is required/ })));
  });

  describe('change who owns a key result', () => {
    const handOver = {
      type: 'ChangeKeyResultOwner',
      actor: ann,
      data: {
        objectiveId,
        keyResultId: 'conversion',
        owner: 'eve',
        reason: 'Bob moved to the wallet squad',
      },
      facts: { cycle, ownerExists: true },
    } as const;

    it('records the owner before and after', () =>
      spec
        .given(activeObjective)
        .when(handOver)
        .then([
          {
            type: 'KeyResultOwnerChanged',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              owner: { before: 'bob', after: 'eve' },
              reason: 'Bob moved to the wallet squad',
            },
          },
        ]));

    it('needs a person the organisation knows', () =>
      spec
        .given(activeObjective)
        .when({ ...handOver, facts: { cycle, ownerExists: false } })
        .thenThrows(RuleViolated, withFields({ owner: 'unknown person' })));

    it('does nothing when the owner stays', () =>
      spec
        .given(activeObjective)
        .when({ ...handOver, data: { ...handOver.data, owner: 'bob' } })
        .thenNothingHappens());
  });

  describe('hand the objective over', () => {
    // Ann is the product owner of both squads.
    const annOfBoth = { ...ann, leads: [...ann.leads, { kind: 'squad', id: 'wallet' } as const] };
    const handOver = {
      type: 'ChangeObjectiveOwner',
      actor: annOfBoth,
      data: {
        objectiveId,
        owner: { kind: 'squad', id: 'wallet' },
        reason: 'Wallet squad owns payments now',
      },
      facts: { cycle, ownerExists: true },
    } as const;

    it('records the owner before and after', () =>
      spec
        .given(activeObjective)
        .when(handOver)
        .then([
          {
            type: 'ObjectiveOwnerChanged',
            data: {
              objectiveId,
              owner: {
                before: { kind: 'squad', id: 'checkout' },
                after: { kind: 'squad', id: 'wallet' },
              },
              reason: 'Wallet squad owns payments now',
            },
          },
        ]));

    it('only to an owner whose goals the actor sets too', () =>
      spec
        .given(activeObjective)
        .when({ ...handOver, actor: ann })
        .thenThrows(
          Forbidden,
          'Only the lead of squad wallet or an admin can hand objectives over to squad wallet',
        ));

    it('is an admin’s to hand anywhere', () =>
      spec
        .given(activeObjective)
        .when({ ...handOver, actor: olga })
        .then([
          {
            type: 'ObjectiveOwnerChanged',
            data: {
              objectiveId,
              owner: {
                before: { kind: 'squad', id: 'checkout' },
                after: { kind: 'squad', id: 'wallet' },
              },
              reason: 'Wallet squad owns payments now',
            },
          },
        ]));

    it('needs an owner the organisation knows', () =>
      spec
        .given(activeObjective)
        .when({ ...handOver, facts: { cycle, ownerExists: false } })
        .thenThrows(RuleViolated, withFields({ owner: 'unknown owner' })));

    it('does nothing when the owner stays', () =>
      spec
        .given(activeObjective)
        .when({ ...handOver, data: { objectiveId, owner: { kind: 'squad', id: 'checkout' } } })
        .thenNothingHappens());
  });

  describe('reweigh a key result', () => {
    const reweigh = {
      type: 'ReweighKeyResult',
      actor: ann,
      data: { objectiveId, keyResultId: 'payment-time', weight: 3 },
      facts: { cycle },
    } as const;

    it('records the weight before and after', () =>
      spec
        .given(activeObjective)
        .when(reweigh)
        .then([
          {
            type: 'KeyResultReweighted',
            data: { objectiveId, keyResultId: 'payment-time', weight: { before: 1, after: 3 } },
          },
        ]));

    it.each([0, -1, 101, Number.NaN])('refuses weight %d', (weight) =>
      spec
        .given(activeObjective)
        .when({ ...reweigh, data: { ...reweigh.data, weight } })
        .thenThrows(ValidationFailed, withFields({ weight: /must be/ })),
    );
  });

  describe('rename a key result', () => {
    it('records the title before and after', () =>
      spec
        .given(activeObjective)
        .when({
          type: 'RenameKeyResult',
          actor: ann,
          data: { objectiveId, keyResultId: 'conversion', title: 'Conversion at 75%' },
          facts: { cycle },
        })
        .then([
          {
            type: 'KeyResultRenamed',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              title: { before: 'Raise checkout conversion to 75%', after: 'Conversion at 75%' },
            },
          },
        ]));
  });

  describe('change visibility', () => {
    it('makes an objective private', () =>
      spec
        .given(activeObjective)
        .when({
          type: 'ChangeObjectiveVisibility',
          actor: ann,
          data: { objectiveId, visibility: 'private', reason: 'Contains pricing plans' },
          facts: { cycle },
        })
        .then([
          {
            type: 'ObjectiveVisibilityChanged',
            data: {
              objectiveId,
              visibility: { before: 'public', after: 'private' },
              reason: 'Contains pricing plans',
            },
          },
        ]));

    it('refuses an unknown visibility', () =>
      spec
        .given(activeObjective)
        .when({
          type: 'ChangeObjectiveVisibility',
          actor: ann,
          data: { objectiveId, visibility: 'hidden' as 'private' },
          facts: { cycle },
        })
        .thenThrows(
          ValidationFailed,
          withFields({ visibility: 'must be one of public, private' }),
        ));
  });

  describe('drop a key result', () => {
    const drop = (reason?: string) =>
      ({
        type: 'DropKeyResult',
        actor: ann,
        data: {
          objectiveId,
          keyResultId: 'conversion',
          ...(reason === undefined ? {} : { reason }),
        },
        facts: { cycle },
      }) as const;

    it('needs a reason on an active objective', () =>
      spec
        .given(activeObjective)
        .when(drop())
        .thenThrows(
          ValidationFailed,
          withFields({ reason: 'is required to drop a key result of an active objective' }),
        ));

    it('drops it with a reason, keeping its title for the history', () =>
      spec
        .given(activeObjective)
        .when(drop('Conversion is the wallet squad’s now'))
        .then([
          {
            type: 'KeyResultDropped',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              title: 'Raise checkout conversion to 75%',
              reason: 'Conversion is the wallet squad’s now',
            },
          },
        ]));

    it('drops from a draft without a reason', () =>
      spec
        .given(draftObjective)
        .when({ ...drop(), facts: { cycle: 'planning' } })
        .then([
          {
            type: 'KeyResultDropped',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              title: 'Raise checkout conversion to 75%',
            },
          },
        ]));

    it('keeps the last key result of an active objective', () =>
      spec
        .given([objectiveDefined, conversionAdded, objectiveActivated])
        .when(drop('no longer relevant'))
        .thenThrows(RuleViolated, /abandon the objective instead/));

    it('lets a draft lose its last key result', () =>
      spec
        .given([objectiveDefined, conversionAdded])
        .when({ ...drop(), actor: olga, facts: { cycle: 'planning' } })
        .then([
          {
            type: 'KeyResultDropped',
            data: {
              objectiveId,
              keyResultId: 'conversion',
              title: 'Raise checkout conversion to 75%',
            },
          },
        ]));
  });

  describe('abandon the objective', () => {
    it('needs a reason', () =>
      spec
        .given(activeObjective)
        .when({
          type: 'AbandonObjective',
          actor: ann,
          data: { objectiveId, reason: '' },
          facts: { cycle },
        })
        .thenThrows(
          ValidationFailed,
          withFields({ reason: 'is required to abandon an objective' }),
        ));

    it('records the reason', () =>
      spec
        .given(activeObjective)
        .when({
          type: 'AbandonObjective',
          actor: ann,
          data: { objectiveId, reason: ' Merged into the wallet objective ' },
          facts: { cycle },
        })
        .then([
          {
            type: 'ObjectiveAbandoned',
            data: { objectiveId, reason: 'Merged into the wallet objective' },
          },
        ]));
  });
});
