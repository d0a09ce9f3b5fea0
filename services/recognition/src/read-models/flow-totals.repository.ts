import {
  addFlowTotals,
  countedInFlow,
  emptyFlowTotals,
  flowContribution,
  type FlowPopulation,
  type FlowTotals,
  type FlowWindow,
  type Unit,
  type UnitKind,
  type Tally,
} from '@rhythm/recognition-domain';
import {
  type ReadModelCollections,
  TenantScopedRepository,
  type TenantFilter,
  type TenantId,
} from '@rhythm/projections';
import { idOfFieldKey } from './kudos.projection';
import { allDays, dayOf, type FlowDayDocument, type FlowKudosDocument } from './flow.projection';

type FlowCollections = 'recognition_flow_kudos' | 'recognition_flow_days';
const filter = <T extends { tenantId: string }>(fields: Record<string, unknown>) =>
  fields as TenantFilter<T>;

/** A day document weighs about as much as this many kudos rows: what choosing a side weighs. */
const rowsPerDayDocument = 50;
const dayMs = 86_400_000;

const decodeTallies = (stored: Record<string, Partial<Tally>> | undefined) =>
  Object.fromEntries(
    Object.entries(stored ?? {}).map(([key, t]) => [
      idOfFieldKey(key),
      { given: t.given ?? 0, received: t.received ?? 0 },
    ]),
  );

/** `squad:support` back to the unit. */
const unitOfKey = (key: string): Unit => {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as UnitKind, id: key.slice(at + 1) };
};

/** A stored day as totals, keys back as ids. */
const totalsOf = (day: FlowDayDocument | null | undefined): FlowTotals => ({
  kudos: day?.kudos ?? 0,
  tied: day?.tied ?? 0,
  cells: Object.fromEntries(
    Object.entries(day?.cells ?? {}).map(([key, n]) => [idOfFieldKey(key), n]),
  ),
  people: decodeTallies(day?.people),
  units: decodeTallies(day?.units),
});

class FlowKudosRows extends TenantScopedRepository<FlowKudosDocument, FlowCollections> {
  constructor(collections: ReadModelCollections<FlowCollections>) {
    super(collections, 'recognition_flow_kudos');
  }

  /** Kudos given in `(after, before)`, bounds given by which of them are inclusive. */
  between(
    tenantId: TenantId,
    lower: Readonly<{ at: string; inclusive: boolean }>,
    upper: Readonly<{ at: string; inclusive: boolean }>,
  ) {
    return this.find(
      tenantId,
      filter({
        givenAt: {
          [lower.inclusive ? '$gte' : '$gt']: lower.at,
          [upper.inclusive ? '$lte' : '$lt']: upper.at,
        },
      }),
    );
  }

  withdrawnBy(tenantId: TenantId, asOf: string) {
    return this.find(tenantId, filter({ withdrawnAt: { $lte: asOf } }));
  }
}

class FlowDays extends TenantScopedRepository<FlowDayDocument, FlowCollections> {
  constructor(collections: ReadModelCollections<FlowCollections>) {
    super(collections, 'recognition_flow_days');
  }
}

/**
 * The flow's totals as of any instant and within any window, from few documents (ADR 0048):
 * G(t), what was given by `t`, is either the days before t's day plus t's day's kudos up to t,
 * or everything minus the days after and t's day's kudos after t — whichever reads less. The
 * window `[from, asOf]` is G(asOf) − G(before from), minus the kudos of the window withdrawn by
 * `asOf`. Sums of per-kudos shares: equal to `recognitionFlow` over the raw kudos.
 */
export class FlowTotalsRepository {
  private readonly rows: FlowKudosRows;
  private readonly days: FlowDays;

  constructor(collections: ReadModelCollections<FlowCollections>) {
    this.rows = new FlowKudosRows(collections);
    this.days = new FlowDays(collections);
  }

  /** Every kudos' row (a check, and small tenants): the flow over them is the answer's twin. */
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
    const all = await this.days.findById(tenantId, allDays);
    const totals = emptyFlowTotals();
    if (all === null) return { totals, parties: { personIds: [], units: [] } };
    const [upTo, before, withdrawn] = await Promise.all([
      this.given(tenantId, all, window.asOf, true),
      window.from === undefined
        ? Promise.resolve(emptyFlowTotals())
        : this.given(tenantId, all, window.from, false),
      this.rows.withdrawnBy(tenantId, window.asOf),
    ]);
    addFlowTotals(totals, upTo);
    addFlowTotals(totals, before, -1);
    for (const row of withdrawn) {
      // Given in the window and withdrawn by asOf: counted in G, not in the flow.
      const given = { ...row, withdrawnAt: undefined };
      if (countedInFlow(given, window) && !countedInFlow(row, window)) {
        addFlowTotals(totals, flowContribution(row), -1);
      }
    }
    const parties: FlowPopulation = {
      personIds: Object.keys(upTo.people),
      units: Object.keys(upTo.units).map(unitOfKey),
    };
    return { totals, parties };
  }

  /** What was given by `at` (`inclusive`) or before it, withdrawn kudos included. */
  private async given(
    tenantId: TenantId,
    all: FlowDayDocument,
    at: string,
    inclusive: boolean,
  ): Promise<FlowTotals> {
    const day = dayOf(at);
    const counts = Object.entries(all.days ?? {});
    const daysBefore = counts.filter(([d, n]) => d < day && n > 0).map(([d]) => d);
    const daysAfter = counts.filter(([d, n]) => d > day && n > 0).map(([d]) => d);
    const ofDay = all.days?.[day] ?? 0;
    const startOfDay = `${day}T00:00:00.000Z`;
    const endOfDay = new Date(Date.parse(startOfDay) + dayMs).toISOString();
    const spent = Math.min(Math.max((Date.parse(at) - Date.parse(startOfDay)) / dayMs, 0), 1);
    const costBefore = daysBefore.length * rowsPerDayDocument + ofDay * spent;
    const costAfter = daysAfter.length * rowsPerDayDocument + ofDay * (1 - spent);
    const totals = emptyFlowTotals();
    if (costBefore <= costAfter) {
      const [documents, rows] = await Promise.all([
        this.days.findWhereIn(tenantId, '_id', daysBefore),
        ofDay === 0
          ? Promise.resolve([])
          : this.rows.between(tenantId, { at: startOfDay, inclusive: true }, { at, inclusive }),
      ]);
      for (const document of documents) addFlowTotals(totals, totalsOf(document));
      for (const row of rows) addFlowTotals(totals, flowContribution(row));
      return totals;
    }
    const [documents, rows] = await Promise.all([
      this.days.findWhereIn(tenantId, '_id', daysAfter),
      ofDay === 0
        ? Promise.resolve([])
        : this.rows.between(
            tenantId,
            { at, inclusive: !inclusive },
            { at: endOfDay, inclusive: false },
          ),
    ]);
    addFlowTotals(totals, totalsOf(all));
    for (const document of documents) addFlowTotals(totals, totalsOf(document), -1);
    for (const row of rows) addFlowTotals(totals, flowContribution(row), -1);
    return totals;
  }
}
