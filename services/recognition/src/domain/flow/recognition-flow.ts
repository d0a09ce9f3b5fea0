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

const unitKey = (unit: Unit): string => `${unit.kind}:${unit.id}`;

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

const counted = (kudos: FlowKudos, window: FlowWindow): boolean =>
  kudos.givenAt <= window.asOf &&
  (window.from === undefined || kudos.givenAt >= window.from) &&
  (kudos.withdrawnAt === undefined || kudos.withdrawnAt > window.asOf);

/**
 * How recognition flows, as of `asOf` (kudos given by then and not withdrawn by then), within
 * `[from, asOf]` for a cycle's window. Instants are UTC ISO strings, so they compare as text.
 */
export const recognitionFlow = (
  kudos: Iterable<FlowKudos>,
  population: FlowPopulation,
  window: FlowWindow,
): RecognitionFlow => {
  const cells = new Map<string, { kind: UnitKind; from: string; to: string; kudos: number }>();
  const people = new Map<string, { given: number; received: number }>(
    population.personIds.map((id) => [id, { given: 0, received: 0 }]),
  );
  const units = new Map<string, { given: number; received: number }>(
    population.units.map((unit) => [unitKey(unit), { given: 0, received: 0 }]),
  );
  const tally = (map: typeof people, key: string, side: keyof Tally) => {
    const entry = map.get(key) ?? { given: 0, received: 0 };
    entry[side] += 1;
    map.set(key, entry);
  };
  let total = 0;
  let tied = 0;
  for (const one of kudos) {
    if (!counted(one, window)) continue;
    total += 1;
    if (one.tiedToOkr) tied += 1;
    tally(people, one.giver.personId, 'given');
    const receiverIds = new Set(one.receivers.flatMap((r) => (r.personId ? [r.personId] : [])));
    for (const personId of receiverIds) tally(people, personId, 'received');
    const givingUnits = new Set(one.giver.units.map(unitKey));
    const receivingUnits = new Set(one.receivers.flatMap((r) => r.units.map(unitKey)));
    for (const key of givingUnits) tally(units, key, 'given');
    for (const key of receivingUnits) tally(units, key, 'received');
    const pairs = new Set<string>();
    for (const from of one.giver.units) {
      for (const receiver of one.receivers) {
        for (const to of receiver.units) {
          if (to.kind === from.kind) pairs.add(`${from.kind}|${from.id}|${to.id}`);
        }
      }
    }
    for (const pair of pairs) {
      const [kind, from, to] = pair.split('|') as [UnitKind, string, string];
      const cell = cells.get(pair) ?? { kind, from, to, kudos: 0 };
      cell.kudos += 1;
      cells.set(pair, cell);
    }
  }
  const matrix = Object.fromEntries(
    unitKinds.map((kind) => [
      kind,
      [...cells.values()]
        .filter((cell) => cell.kind === kind)
        .map(({ from, to, kudos: n }) => ({ from, to, kudos: n }))
        .sort(
          (a, b) => b.kudos - a.kudos || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
        ),
    ]),
  ) as Record<UnitKind, FlowCell[]>;
  const peopleTallies = Object.fromEntries(people);
  const unitTallies = Object.fromEntries(units);
  return {
    asOf: window.asOf,
    ...(window.from === undefined ? {} : { from: window.from }),
    kudos: total,
    okrShare: total === 0 ? 0 : tied / total,
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
