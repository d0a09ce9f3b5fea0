import type { Unit, UnitKind } from '../directory-facts';
import { unitKinds } from '../directory-facts';

/**
 * One kudos as the flow reads it: each person with the units they belonged to **at the moment
 * of the kudos**, from the org history (the application joins them); a unit thanked counts as
 * itself and, for a squad or chapter, its tribe of that day.
 */
export type FlowKudos = Readonly<{
  kudosId: string;
  givenAt: string;
  withdrawnAt?: string;
  tiedToOkr: boolean;
  giver: Readonly<{ personId: string; units: readonly Unit[] }>;
  receivers: readonly Readonly<{ personId?: string; units: readonly Unit[] }>[];
}>;

/** Who was there to give or receive: the people and units of the organisation in the window. */
export type FlowPopulation = Readonly<{ personIds: readonly string[]; units: readonly Unit[] }>;

export type FlowWindow = Readonly<{ asOf: string; from?: string }>;

export type Tally = Readonly<{ given: number; received: number }>;
export type FlowCell = Readonly<{ from: string; to: string; kudos: number }>;

export type RecognitionFlow = Readonly<{
  asOf: string;
  from?: string;
  kudos: number;
  /** Kudos tied to an objective, key result, check-in or blocker, over all kudos (0 when none). */
  okrShare: number;
  /** Per kind of unit, the kudos from one unit to another (a kudos counts once per pair). */
  matrix: Readonly<Record<UnitKind, readonly FlowCell[]>>;
  people: Readonly<Record<string, Tally>>;
  units: Readonly<Record<string, Tally>>;
  /** Those who give or receive little: at most a quarter of the median, sorted by count. */
  givesLittle: Readonly<{ people: readonly string[]; units: readonly string[] }>;
  receivesLittle: Readonly<{ people: readonly string[]; units: readonly string[] }>;
}>;

export const unitKey = (unit: Unit): string => `${unit.kind}:${unit.id}`;

const median = (counts: readonly number[]): number => {
  if (counts.length === 0) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** "Little": at most a quarter of the median, so with a median of 0 only those with none. */
const little = (tallies: Readonly<Record<string, Tally>>, side: keyof Tally): string[] => {
  const entries = Object.entries(tallies);
  const threshold = median(entries.map(([, tally]) => tally[side])) / 4;
  return entries
    .filter(([, tally]) => tally[side] <= threshold)
    .sort(([a, x], [b, y]) => x[side] - y[side] || a.localeCompare(b))
    .map(([key]) => key);
};

/** Whether the kudos counts in the window: given in it, not withdrawn by `asOf`. */
export const countedInFlow = (kudos: FlowKudos, window: FlowWindow): boolean =>
  kudos.givenAt <= window.asOf &&
  (window.from === undefined || kudos.givenAt >= window.from) &&
  (kudos.withdrawnAt === undefined || kudos.withdrawnAt > window.asOf);

/**
 * What counted kudos add up to. Every figure is a sum over kudos, so totals of days add and a
 * withdrawn kudos' totals subtract: a read model keeps them per day (ADR 0048).
 */
export type FlowTotals = {
  kudos: number;
  tied: number;
  /** `kind|from|to` → kudos from one unit to another of that kind. */
  cells: Record<string, number>;
  people: Record<string, Tally>;
  /** By `kind:id`. */
  units: Record<string, Tally>;
};

export const emptyFlowTotals = (): FlowTotals => ({
  kudos: 0,
  tied: 0,
  cells: {},
  people: {},
  units: {},
});

const addTally = (
  tallies: Record<string, Tally>,
  key: string,
  given: number,
  received: number,
): void => {
  const tally = tallies[key] ?? { given: 0, received: 0 };
  tallies[key] = { given: tally.given + given, received: tally.received + received };
};

/** One kudos' share: once per person, per unit on each side and per pair of units. */
export const flowContribution = (kudos: FlowKudos): FlowTotals => {
  const totals = emptyFlowTotals();
  totals.kudos = 1;
  totals.tied = kudos.tiedToOkr ? 1 : 0;
  addTally(totals.people, kudos.giver.personId, 1, 0);
  const receiverIds = new Set(kudos.receivers.flatMap((r) => (r.personId ? [r.personId] : [])));
  for (const personId of receiverIds) addTally(totals.people, personId, 0, 1);
  for (const key of new Set(kudos.giver.units.map(unitKey))) addTally(totals.units, key, 1, 0);
  const receivingUnits = new Set(kudos.receivers.flatMap((r) => r.units.map(unitKey)));
  for (const key of receivingUnits) addTally(totals.units, key, 0, 1);
  for (const from of kudos.giver.units) {
    for (const receiver of kudos.receivers) {
      for (const to of receiver.units) {
        if (to.kind === from.kind) totals.cells[`${from.kind}|${from.id}|${to.id}`] = 1;
      }
    }
  }
  return totals;
};

/** Adds `more` (or, with `sign` -1, takes it away) into `into`. */
export const addFlowTotals = (into: FlowTotals, more: FlowTotals, sign: 1 | -1 = 1): FlowTotals => {
  into.kudos += sign * more.kudos;
  into.tied += sign * more.tied;
  for (const [pair, n] of Object.entries(more.cells)) {
    into.cells[pair] = (into.cells[pair] ?? 0) + sign * n;
  }
  for (const [key, t] of Object.entries(more.people)) {
    addTally(into.people, key, sign * t.given, sign * t.received);
  }
  for (const [key, t] of Object.entries(more.units)) {
    addTally(into.units, key, sign * t.given, sign * t.received);
  }
  return into;
};

/**
 * The flow from the totals of the kudos that count in the window and the population then. Zero
 * entries left by a subtraction are dropped, so the answer does not depend on how totals were
 * added up.
 */
export const flowOfTotals = (
  totals: FlowTotals,
  population: FlowPopulation,
  window: FlowWindow,
): RecognitionFlow => {
  const tallied = (of: Record<string, Tally>, present: readonly string[]) => {
    const all = new Map<string, Tally>(present.map((key) => [key, { given: 0, received: 0 }]));
    for (const [key, tally] of Object.entries(of)) {
      if (tally.given !== 0 || tally.received !== 0 || all.has(key)) all.set(key, tally);
    }
    return Object.fromEntries(all);
  };
  const cells = Object.entries(totals.cells)
    .filter(([, n]) => n !== 0)
    .map(([pair, n]) => {
      const [kind, from, to] = pair.split('|') as [UnitKind, string, string];
      return { kind, from, to, kudos: n };
    });
  const matrix = Object.fromEntries(
    unitKinds.map((kind) => [
      kind,
      cells
        .filter((cell) => cell.kind === kind)
        .map(({ from, to, kudos: n }) => ({ from, to, kudos: n }))
        .sort(
          (a, b) => b.kudos - a.kudos || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
        ),
    ]),
  ) as Record<UnitKind, FlowCell[]>;
  const peopleTallies = tallied(totals.people, population.personIds);
  const unitTallies = tallied(totals.units, population.units.map(unitKey));
  return {
    asOf: window.asOf,
    ...(window.from === undefined ? {} : { from: window.from }),
    kudos: totals.kudos,
    okrShare: totals.kudos === 0 ? 0 : totals.tied / totals.kudos,
    matrix,
    people: peopleTallies,
    units: unitTallies,
    givesLittle: { people: little(peopleTallies, 'given'), units: little(unitTallies, 'given') },
    receivesLittle: {
      people: little(peopleTallies, 'received'),
      units: little(unitTallies, 'received'),
    },
  };
};

/**
 * How recognition flows, as of `asOf` (kudos given by then and not withdrawn by then), within
 * `[from, asOf]` for a cycle's window. Instants are UTC ISO strings, so they compare as text.
 */
export const recognitionFlow = (
  kudos: Iterable<FlowKudos>,
  population: FlowPopulation,
  window: FlowWindow,
): RecognitionFlow => {
  const totals = emptyFlowTotals();
  for (const one of kudos) {
    if (countedInFlow(one, window)) addFlowTotals(totals, flowContribution(one));
  }
  return flowOfTotals(totals, population, window);
};
