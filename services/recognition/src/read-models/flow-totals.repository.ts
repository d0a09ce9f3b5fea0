import {
  addFlowTotals,
  countedInFlow,
  emptyFlowTotals,
  flowContribution,
  type FlowPopulation,
  type FlowTotals,
  type FlowWindow,
  type Tally,
  type Unit,
  type UnitKind,
} from '@rhythm/recognition-domain';
import {
  TenantScopedRepository,
  type ReadModelCollections,
  type TenantId,
} from '@rhythm/projections';
import { idOfFieldKey } from './kudos.projection';
import {
  everything,
  periodId,
  periodsOf,
  withdrawnId,
  type FlowKudosDocument,
  type FlowPeriodDocument,
  type FlowWithdrawnDocument,
} from './flow.projection';

type FlowCollections = 'recognition_flow_kudos' | 'recognition_flow_periods';

const decodeTallies = (stored: Record<string, Partial<Tally>> | undefined) =>
  Object.fromEntries(
    Object.entries(stored ?? {}).map(([key, t]) => [
      idOfFieldKey(key),
      { given: t.given ?? 0, received: t.received ?? 0 },
    ]),
  );

/** A stored period as totals, keys back as ids. */
const totalsOf = (period: FlowPeriodDocument | null | undefined): FlowTotals => ({
  kudos: period?.kudos ?? 0,
  tied: period?.tied ?? 0,
  cells: Object.fromEntries(
    Object.entries(period?.cells ?? {}).map(([key, n]) => [idOfFieldKey(key), n]),
  ),
  people: decodeTallies(period?.people),
  units: decodeTallies(period?.units),
});

/** `squad:support` back to the unit. */
const unitOfKey = (key: string): Unit => {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as UnitKind, id: key.slice(at + 1) };
};

class FlowKudosRows extends TenantScopedRepository<FlowKudosDocument, FlowCollections> {
  constructor(collections: ReadModelCollections<FlowCollections>) {
    super(collections, 'recognition_flow_kudos');
  }

  /** The kudos given in one hour: an equality FerretDB answers from its index (ADR 0023). */
  ofHour(tenantId: TenantId, hour: string) {
    return this.find(tenantId, { hour });
  }
}

class FlowPeriods extends TenantScopedRepository<FlowPeriodDocument, FlowCollections> {
  constructor(collections: ReadModelCollections<FlowCollections>) {
    super(collections, 'recognition_flow_periods');
  }

  /** Each by its id, one equality each, side by side: never an `$in` that reads them all. */
  async byIds(tenantId: TenantId, ids: readonly string[]) {
    const found = await Promise.all(ids.map((id) => this.findById(tenantId, id)));
    return found.filter((period): period is FlowPeriodDocument => period !== null);
  }
}

/** The periods whose totals are added and those taken away, and the hour read kudos by kudos. */
type Plan = { add: string[]; subtract: string[] };

/**
 * The flow's totals as of any instant and within any window, from few documents (ADR 0048).
 * G(t), what was given by `t`, is read down the tree all → month → day → hour → the hour's
 * kudos: at each level the parts before t's part, or the whole minus the parts after and t's
 * part — whichever reads less. The window `[from, asOf]` is G(asOf) − G(before from), minus the
 * kudos of the window withdrawn by `asOf`. Sums of per-kudos shares: equal to `recognitionFlow`
 * over the raw kudos (the read-models spec checks it on random dates).
 */
export class FlowTotalsRepository {
  private readonly rows: FlowKudosRows;
  private readonly periods: FlowPeriods;

  constructor(collections: ReadModelCollections<FlowCollections>) {
    this.rows = new FlowKudosRows(collections);
    this.periods = new FlowPeriods(collections);
  }

  /** Every kudos' row: the raw kudos the flow over them is checked against. */
  kudos(tenantId: TenantId): Promise<FlowKudosDocument[]> {
    return this.rows.find(tenantId);
  }

  /**
   * The totals of the kudos that count in the window, and the parties: everyone who gave or
   * received by `asOf` (withdrawn kudos too), a population when no better one is known.
   */
  async totals(
    tenantId: TenantId,
    window: FlowWindow,
  ): Promise<{ totals: FlowTotals; parties: FlowPopulation }> {
    const [upTo, before, withdrawn] = await Promise.all([
      this.given(tenantId, window.asOf, true),
      window.from === undefined
        ? Promise.resolve(emptyFlowTotals())
        : this.given(tenantId, window.from, false),
      this.periods.findById(tenantId, withdrawnId) as Promise<FlowWithdrawnDocument | null>,
    ]);
    const totals = addFlowTotals(addFlowTotals(emptyFlowTotals(), upTo), before, -1);
    for (const kudos of Object.values(withdrawn?.withdrawals ?? {})) {
      // Given in the window and withdrawn by asOf: in G, not in the flow.
      const given = { ...kudos, withdrawnAt: undefined };
      if (countedInFlow(given, window) && !countedInFlow(kudos, window)) {
        addFlowTotals(totals, flowContribution(kudos), -1);
      }
    }
    const took = (tallies: Record<string, Tally>) =>
      Object.entries(tallies)
        .filter(([, t]) => t.given !== 0 || t.received !== 0)
        .map(([key]) => key);
    return {
      totals,
      parties: { personIds: took(upTo.people), units: took(upTo.units).map(unitOfKey) },
    };
  }

  /** What was given by `at` (`inclusive`) or before it, withdrawn kudos included. */
  private async given(tenantId: TenantId, at: string, inclusive: boolean): Promise<FlowTotals> {
    const { month, day, hour } = periodsOf(at);
    const [all, monthly, daily] = await Promise.all([
      this.periods.findById(tenantId, everything),
      this.periods.findById(tenantId, periodId.month(month)),
      this.periods.findById(tenantId, periodId.day(day)),
    ]);
    if (all === null) return emptyFlowTotals();
    // Nothing given after `at`: everything is the answer (as of now, always).
    if (all.latest !== undefined && (inclusive ? all.latest <= at : all.latest < at)) {
      return totalsOf(all);
    }
    const known = new Map<string, FlowPeriodDocument>([[everything, all]]);
    if (monthly) known.set(periodId.month(month), monthly);
    if (daily) known.set(periodId.day(day), daily);
    const levels = [
      { parentId: everything, parent: all, current: month, id: periodId.month },
      {
        parentId: periodId.month(month),
        parent: monthly,
        current: day.slice(8),
        id: (part: string) => periodId.day(`${month}-${part}`),
      },
      {
        parentId: periodId.day(day),
        parent: daily,
        current: hour.slice(11),
        id: (part: string) => periodId.hour(`${day}T${part}`),
      },
    ];
    const plan: Plan = { add: [], subtract: [] };
    // G over a period = the parts before t's part + G over t's part, or (the same) the whole
    // − the parts after − t's part + G over t's part: whichever reads fewer documents.
    for (const { parentId, parent, current, id } of levels) {
      const parts = Object.entries(parent?.parts ?? {}).filter(([, n]) => n > 0);
      const before = parts.filter(([key]) => key < current).map(([key]) => id(key));
      const after = parts.filter(([key]) => key > current).map(([key]) => id(key));
      const holds = (parent?.parts?.[current] ?? 0) > 0;
      if (before.length <= after.length + (holds ? 1 : 0)) {
        plan.add.push(...before);
      } else {
        plan.add.push(parentId);
        plan.subtract.push(...after, ...(holds ? [id(current)] : []));
      }
      if (!holds) return this.sum(tenantId, plan, known);
    }
    const [rows, totals] = await Promise.all([
      this.rows.ofHour(tenantId, hour),
      this.sum(tenantId, plan, known),
    ]);
    for (const row of rows) {
      if (inclusive ? row.givenAt <= at : row.givenAt < at) {
        addFlowTotals(totals, flowContribution(row));
      }
    }
    return totals;
  }

  private async sum(
    tenantId: TenantId,
    plan: Plan,
    known: ReadonlyMap<string, FlowPeriodDocument>,
  ): Promise<FlowTotals> {
    const read = (ids: readonly string[]) =>
      this.periods.byIds(
        tenantId,
        ids.filter((id) => !known.has(id)),
      );
    const [added, subtracted] = await Promise.all([read(plan.add), read(plan.subtract)]);
    const totals = emptyFlowTotals();
    const from = (ids: readonly string[], fetched: readonly FlowPeriodDocument[]) => [
      ...ids.flatMap((id) => known.get(id) ?? []),
      ...fetched,
    ];
    for (const period of from(plan.add, added)) addFlowTotals(totals, totalsOf(period));
    for (const period of from(plan.subtract, subtracted)) {
      addFlowTotals(totals, totalsOf(period), -1);
    }
    return totals;
  }
}
