import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import {
  flowContribution,
  type FlowKudos,
  type FlowTotals,
  type KudosEvent,
  type Unit,
} from '@rhythm/recognition-domain';
import type { MembershipHistory } from '../application/recognition-directory.port';
import { fieldKey } from './kudos.projection';

/** A kudos as the flow counts it: its people with their units at the moment it was given. */
export type FlowKudosDocument = FlowKudos & { _id: string; tenantId: string; hour: string };

/**
 * The totals of the kudos **given** in one period, in a tree: everything (`all`), a month
 * (`m:2026-03`), a day (`d:2026-03-12`), an hour (`h:2026-03-12T10`). Each knows how many
 * kudos each of its parts holds, so a reader picks the few documents it needs without a scan.
 * Withdrawals are not taken off here but at read time, from `withdrawn`: the figures as of a
 * date before a withdrawal still hold the kudos (ADR 0048). Keys are stored with `fieldKey`.
 */
export type FlowPeriodDocument = { _id: string; tenantId: string } & Partial<FlowTotals> & {
    /** The parts below: months of `all`, days of a month, hours of a day. */
    parts?: Record<string, number>;
    /** On `all`: the latest kudos; as of any later moment, `all` is the answer. */
    latest?: string;
  };

/** Every kudos withdrawn, with what it counted for: few, so one document. */
export type FlowWithdrawnDocument = {
  _id: string;
  tenantId: string;
  withdrawals?: Record<string, FlowKudos>;
};

export const everything = 'all';
export const withdrawnId = 'withdrawn';
/** `2026-03-12T10:15:00.000Z` → month `2026-03`, day `2026-03-12`, hour `2026-03-12T10`. */
export const periodsOf = (instant: string) => ({
  month: instant.slice(0, 7),
  day: instant.slice(0, 10),
  hour: instant.slice(0, 13),
});
export const periodId = {
  month: (month: string) => `m:${month}`,
  day: (day: string) => `d:${day}`,
  hour: (hour: string) => `h:${hour}`,
};

/** Totals as `$inc` paths: each count of the kudos' share adds one. */
const increments = (totals: FlowTotals): Record<string, number> => {
  const inc: Record<string, number> = { kudos: totals.kudos, tied: totals.tied };
  for (const [pair, n] of Object.entries(totals.cells)) inc[`cells.${fieldKey(pair)}`] = n;
  for (const [id, t] of Object.entries(totals.people)) {
    if (t.given) inc[`people.${fieldKey(id)}.given`] = t.given;
    if (t.received) inc[`people.${fieldKey(id)}.received`] = t.received;
  }
  for (const [key, t] of Object.entries(totals.units)) {
    if (t.given) inc[`units.${fieldKey(key)}.given`] = t.given;
    if (t.received) inc[`units.${fieldKey(key)}.received`] = t.received;
  }
  return inc;
};

/** Where the flow lives: readers open it without the history the projection needs. */
export const flowStorage = {
  name: 'recognition_flow',
  collections: [
    {
      name: 'recognition_flow_kudos',
      guard: 'stream',
      indexes: [{ keys: { tenantId: 1, hour: 1 }, serves: 'the kudos of one hour' }],
    },
    { name: 'recognition_flow_periods', guard: 'position' },
  ],
} as const;

/**
 * The recognition flow's read model: each kudos with the units of its giver and receivers **at
 * the moment it was given** (MembershipHistory, the org topic's history: not today's org), and
 * totals per month, day and hour. One stream writes a kudos' row ('stream'); a period's totals
 * are added to by every kudos in it, in the store's order ('position').
 */
export const flowProjection = (history: MembershipHistory) =>
  defineProjection({
    ...flowStorage,
    version: 1,
    handles: ['KudosGiven', 'KudosWithdrawn'],
    streamPrefixes: ['kudos-'],
    apply: async (event: RecordedEvent<KudosEvent>, context) => {
      switch (event.type) {
        case 'KudosGiven': {
          const { data } = event;
          const tenantId = event.metadata.tenantId;
          const at = data.givenAt;
          const people = await history.unitsAt(
            tenantId,
            [...new Set([data.giverId, ...data.to.personIds])],
            at,
          );
          const thanked: Unit[] = [];
          if (data.to.unit !== undefined) {
            thanked.push(data.to.unit);
            const tribeId =
              data.to.unit.kind === 'squad' || data.to.unit.kind === 'chapter'
                ? await history.tribeOfAt(tenantId, data.to.unit, at)
                : undefined;
            if (tribeId !== undefined) thanked.push({ kind: 'tribe', id: tribeId });
          }
          const kudos: FlowKudos = {
            kudosId: data.kudosId,
            givenAt: at,
            tiedToOkr: data.about !== undefined,
            giver: { personId: data.giverId, units: [...(people.get(data.giverId) ?? [])] },
            receivers: [
              ...[...new Set(data.to.personIds)].map((personId) => ({
                personId,
                units: [...(people.get(personId) ?? [])],
              })),
              ...(thanked.length === 0 ? [] : [{ units: thanked }]),
            ],
          };
          const { month, day, hour } = periodsOf(at);
          context.upsert('recognition_flow_kudos', data.kudosId, { $set: { ...kudos, hour } });
          const inc = increments(flowContribution(kudos));
          const add = (id: string, part?: string) =>
            context.upsert('recognition_flow_periods', id, {
              $inc: { ...inc, ...(part === undefined ? {} : { [`parts.${part}`]: 1 }) },
              ...(id === everything ? { $max: { latest: at } } : {}),
            });
          add(everything, month);
          add(periodId.month(month), day.slice(8));
          add(periodId.day(day), hour.slice(11));
          return add(periodId.hour(hour));
        }
        case 'KudosWithdrawn': {
          const { kudosId, withdrawnAt } = event.data;
          // A kudos' row is what its KudosGiven wrote, whatever came later: a replay reads the same.
          const row = await context.findOne<FlowKudosDocument>('recognition_flow_kudos', kudosId);
          context.update('recognition_flow_kudos', kudosId, { $set: { withdrawnAt } });
          if (row === null) return;
          const kudos: FlowKudos = {
            kudosId,
            givenAt: row.givenAt,
            withdrawnAt,
            tiedToOkr: row.tiedToOkr,
            giver: row.giver,
            receivers: row.receivers,
          };
          return context.upsert('recognition_flow_periods', withdrawnId, {
            $set: { [`withdrawals.${fieldKey(kudosId)}`]: kudos },
          });
        }
        case 'KudosReactionAdded':
        case 'KudosReactionRemoved':
        case 'KudosCommented':
          return;
        default:
          return assertNever(event);
      }
    },
  });
