import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { Cadence, CadenceEvent } from '../checkins-domain';

/** A unit's cadence as its lead set it: what a person's agenda reads (not the sweeps' record). */
export type CadenceDocument = {
  _id: string;
  tenantId: string;
  unitKind: string;
  unitId: string;
  cadence: Cadence;
};

export const cadenceKey = (unit: Readonly<{ kind: string; id: string }>) =>
  `${unit.kind}:${unit.id}`;

/**
 * One document per unit that set a cadence, from its cadence stream ('stream' guard). The
 * stream also holds every overdue the sweeps found; the agenda needs only the cadence.
 */
export const cadencesProjection = defineProjection({
  name: 'checkins_cadences',
  version: 1,
  handles: ['CadenceSet'],
  streamPrefixes: ['cadence-'],
  collections: [{ name: 'checkins_cadences', guard: 'stream' }],
  apply: (event: RecordedEvent<CadenceEvent>, context) => {
    if (event.type !== 'CadenceSet') return;
    const { unit, cadence } = event.data;
    context.upsert('checkins_cadences', cadenceKey(unit), {
      $set: { unitKind: unit.kind, unitId: unit.id, cadence },
    });
  },
});
