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
export type FlowKudosDocument = FlowKudos & { _id: string; tenantId: string; day: string };

/**
 * The flow's totals of the kudos **given** on one UTC day (`2026-03-12`), and of all days
 * (`all`): withdrawals are not taken off here but at read time, so the figures as of a date
 * before a withdrawal still hold the kudos (ADR 0048). Keys are stored with `fieldKey`.
 */
export type FlowDayDocument = { _id: string; tenantId: string } & Partial<FlowTotals> & {
    /** On `all` only: how many kudos each day holds, so a reader knows the days without a scan. */
    days?: Record<string, number>;
  };

export const allDays = 'all';
export const dayOf = (instant: string): string => instant.slice(0, 10);

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
      indexes: [
        { keys: { tenantId: 1, givenAt: 1 }, serves: 'the kudos of a part of a day' },
        { keys: { tenantId: 1, withdrawnAt: 1 }, serves: 'kudos withdrawn by a date' },
      ],
    },
    { name: 'recognition_flow_days', guard: 'position' },
  ],
} as const;

/**
 * The recognition flow's read model: each kudos with the units of its giver and receivers **at
 * the moment it was given** (MembershipHistory, the org topic's history: not today's org), and
 * totals per day. One stream writes a kudos' row ('stream'); a day's totals are added to by
 * every kudos of the day, in the store's order ('position').
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
          context.upsert('recognition_flow_kudos', data.kudosId, {
            $set: { ...kudos, day: dayOf(at) },
          });
          const inc = increments(flowContribution(kudos));
          context.upsert('recognition_flow_days', dayOf(at), { $inc: inc });
          return context.upsert('recognition_flow_days', allDays, {
            $inc: { ...inc, [`days.${dayOf(at)}`]: 1 },
          });
        }
        case 'KudosWithdrawn':
          return context.update('recognition_flow_kudos', event.data.kudosId, {
            $set: { withdrawnAt: event.data.withdrawnAt },
          });
        case 'KudosReactionAdded':
        case 'KudosReactionRemoved':
        case 'KudosCommented':
          return;
        default:
          return assertNever(event);
      }
    },
  });
