import { fold } from '@rhythm/event-sourcing';
import type { AddKeyResult, DefineObjective, ObjectiveEvent } from '../../goals-domain';
import { contribution } from '../ambitions/ambition-command.handlers';
import { alreadyDone, approvalSteps, remainingSteps } from './approved-proposal.steps';

const actor = { personId: 'pia', isAdmin: false, leads: [] };
const define: DefineObjective = {
  type: 'DefineObjective',
  actor,
  data: {
    objectiveId: 'okr-1',
    cycleId: 'q1',
    title: 'Self-service answers',
    description: '',
    owner: { kind: 'squad', id: 'support' },
    kind: 'committed',
    visibility: 'public',
    fromProposalId: 'p1',
  },
  facts: { cycle: 'active', ownerExists: true },
};
const metric = {
  type: 'number' as const,
  unit: 'tickets',
  start: 100,
  target: 80,
  direction: 'decrease' as const,
};
const add = (keyResultId: string): AddKeyResult => ({
  type: 'AddKeyResult',
  actor,
  data: {
    objectiveId: 'okr-1',
    keyResultId,
    title: 'Deflect tickets',
    metric,
    owner: 'max',
    weight: 1,
  },
  facts: { cycle: 'active', ownerExists: true },
});
const defined: ObjectiveEvent = { type: 'ObjectiveDefined', data: define.data };
const added = (keyResultId: string): ObjectiveEvent => ({
  type: 'KeyResultAdded',
  data: { ...add(keyResultId).data },
});

const stepsAfter = (recorded: readonly ObjectiveEvent[]) => fold(approvalSteps, recorded);

describe('The approved-proposal process, run again after an interruption', () => {
  it('does everything on an empty objective stream', () => {
    expect(
      [define, add('kr-1'), add('kr-2')].filter((c) => !alreadyDone(c, stepsAfter([]))),
    ).toHaveLength(3);
  });

  it('skips the objective and the key results already recorded', () => {
    const steps = stepsAfter([defined, added('kr-1')]);
    expect(
      [define, add('kr-1'), add('kr-2')]
        .filter((command) => !alreadyDone(command, steps))
        .map((command) => command.type === 'AddKeyResult' && command.data.keyResultId),
    ).toEqual(['kr-2']);
  });

  it('decides the remaining steps as one change on the objective', () => {
    const approver = { personId: 'ada', isAdmin: true, leads: [] };
    const events = remainingSteps(
      [define, add('kr-1'), add('kr-2')].map((command) => ({ ...command, actor: approver })),
    )(stepsAfter([defined, added('kr-1')]));
    expect(events.map((event) => event.type)).toEqual(['KeyResultAdded']);
    expect(events[0].data).toMatchObject({ keyResultId: 'kr-2' });
  });

  it('never adds a key result twice, even one dropped since', () => {
    const recorded: ObjectiveEvent[] = [
      defined,
      added('kr-1'),
      {
        type: 'KeyResultDropped',
        data: { objectiveId: 'okr-1', keyResultId: 'kr-1', title: 'Deflect tickets' },
      },
    ];
    expect(alreadyDone(add('kr-1'), stepsAfter(recorded))).toBe(true);
  });
});

describe('Whom an ambition may be linked to', () => {
  const objective = {
    status: 'active' as const,
    objectiveId: 'okr-1',
    cycleId: 'q1',
    title: 'Self-service answers',
    description: '',
    owner: { kind: 'squad' as const, id: 'support' },
    kind: 'committed' as const,
    visibility: 'public' as const,
    keyResults: [
      {
        keyResultId: 'kr-1',
        title: 'A',
        metric,
        current: 100,
        owner: 'max',
        weight: 1,
        achieved: false,
      },
      {
        keyResultId: 'kr-2',
        title: 'B',
        metric,
        current: 100,
        owner: 'pia',
        weight: 1,
        achieved: false,
      },
    ],
    parents: [],
    followers: [],
    contributors: ['cara'],
    reviewNotes: [],
  };

  it.each([
    ['max', { kind: 'objective', objectiveId: 'okr-1' }, true, true],
    ['cara', { kind: 'objective', objectiveId: 'okr-1' }, true, true],
    ['eve', { kind: 'objective', objectiveId: 'okr-1' }, true, false],
    ['max', { kind: 'key-result', objectiveId: 'okr-1', keyResultId: 'kr-1' }, true, true],
    ['max', { kind: 'key-result', objectiveId: 'okr-1', keyResultId: 'kr-2' }, true, false],
    ['cara', { kind: 'key-result', objectiveId: 'okr-1', keyResultId: 'kr-2' }, true, true],
    ['max', { kind: 'key-result', objectiveId: 'okr-1', keyResultId: 'kr-9' }, false, false],
  ] as const)('%s linking to %j: exists %s, contributes %s', (person, link, exists, contributes) =>
    expect(contribution(objective, link, person)).toEqual({
      targetExists: exists,
      personContributes: contributes,
    }),
  );

  it('finds nothing on an objective that does not exist', () =>
    expect(
      contribution({ status: 'none' }, { kind: 'objective', objectiveId: 'okr-1' }, 'max'),
    ).toEqual({ targetExists: false, personContributes: false }));
});
