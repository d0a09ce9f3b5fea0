import type { Unit } from '../directory-facts';
import type { FlowKudos, FlowPopulation } from './recognition-flow';
import { recognitionFlow } from './recognition-flow';

const squad = (id: string): Unit => ({ kind: 'squad', id });
const chapter = (id: string): Unit => ({ kind: 'chapter', id });
const tribe = (id: string): Unit => ({ kind: 'tribe', id });
const cx = tribe('cx');

// carl was in Billing until 1 March, then moved to Support; dana is in Billing throughout.
const kudos: FlowKudos[] = [
  {
    kudosId: 'k1',
    givenAt: '2026-02-10T10:00:00.000Z',
    tiedToOkr: true,
    giver: { personId: 'carl', units: [squad('billing'), chapter('cs'), cx] },
    receivers: [{ personId: 'bob', units: [squad('support'), chapter('cs'), cx] }],
  },
  {
    kudosId: 'k2',
    givenAt: '2026-03-10T10:00:00.000Z',
    tiedToOkr: false,
    giver: { personId: 'carl', units: [squad('support'), chapter('cs'), cx] },
    receivers: [
      { personId: 'bob', units: [squad('support'), chapter('cs'), cx] },
      { personId: 'cleo', units: [squad('support'), cx] },
    ],
  },
  {
    kudosId: 'k3',
    givenAt: '2026-03-12T10:00:00.000Z',
    tiedToOkr: true,
    giver: { personId: 'dana', units: [squad('billing'), cx] },
    receivers: [{ units: [squad('support'), cx] }],
  },
  {
    kudosId: 'k4',
    givenAt: '2026-03-13T10:00:00.000Z',
    withdrawnAt: '2026-03-14T10:00:00.000Z',
    tiedToOkr: true,
    giver: { personId: 'bob', units: [squad('support'), cx] },
    receivers: [{ personId: 'dana', units: [squad('billing'), cx] }],
  },
];
const population: FlowPopulation = {
  personIds: ['bob', 'carl', 'cleo', 'dana', 'erik'],
  units: [squad('billing'), squad('support'), squad('design'), chapter('cs'), cx],
};

describe('Recognition flow', () => {
  it('counts a kudos under the squads giver and receiver were in that day, once per pair', () => {
    const flow = recognitionFlow(kudos, population, { asOf: '2026-03-31T00:00:00.000Z' });
    expect(flow.matrix.squad).toEqual([
      { from: 'billing', to: 'support', kudos: 2 },
      { from: 'support', to: 'support', kudos: 1 },
    ]);
    expect(flow.matrix.chapter).toEqual([{ from: 'cs', to: 'cs', kudos: 2 }]);
    expect(flow.matrix.tribe).toEqual([{ from: 'cx', to: 'cx', kudos: 3 }]);
    expect(flow.matrix.guild).toEqual([]);
    expect(flow.kudos).toBe(3);
    expect(flow.okrShare).toBeCloseTo(2 / 3);
  });

  it('as of a past date: what was given by then, withdrawn kudos included until withdrawn', () => {
    const before = recognitionFlow(kudos, population, { asOf: '2026-03-13T12:00:00.000Z' });
    expect(before.kudos).toBe(4);
    expect(before.matrix.squad).toContainEqual({ from: 'support', to: 'billing', kudos: 1 });
    const february = recognitionFlow(kudos, population, { asOf: '2026-02-28T23:59:59.999Z' });
    expect(february.kudos).toBe(1);
    expect(february.matrix.squad).toEqual([{ from: 'billing', to: 'support', kudos: 1 }]);
    expect(february.okrShare).toBe(1);
  });

  it('per cycle window', () => {
    const march = recognitionFlow(kudos, population, {
      from: '2026-03-01T00:00:00.000Z',
      asOf: '2026-03-31T00:00:00.000Z',
    });
    expect(march.kudos).toBe(2);
    expect(march.matrix.squad).toEqual([
      { from: 'billing', to: 'support', kudos: 1 },
      { from: 'support', to: 'support', kudos: 1 },
    ]);
    expect(march.okrShare).toBeCloseTo(0.5);
  });

  it('names who gives and receives little, the population’s silent ones included', () => {
    const flow = recognitionFlow(kudos, population, { asOf: '2026-03-31T00:00:00.000Z' });
    expect(flow.people).toEqual({
      bob: { given: 0, received: 2 },
      carl: { given: 2, received: 0 },
      cleo: { given: 0, received: 1 },
      dana: { given: 1, received: 0 },
      erik: { given: 0, received: 0 },
    });
    // Medians: given 0, received 0: little means none.
    expect(flow.givesLittle.people).toEqual(['bob', 'cleo', 'erik']);
    expect(flow.receivesLittle.people).toEqual(['carl', 'dana', 'erik']);
    expect(flow.units['squad:design']).toEqual({ given: 0, received: 0 });
    expect(flow.givesLittle.units).toContain('squad:design');
    expect(flow.receivesLittle.units).toEqual(['squad:billing', 'squad:design']);
  });

  it('no kudos: an empty flow, a share of 0', () => {
    const flow = recognitionFlow([], population, { asOf: '2026-03-31T00:00:00.000Z' });
    expect(flow.kudos).toBe(0);
    expect(flow.okrShare).toBe(0);
    expect(flow.matrix.squad).toEqual([]);
  });
});
