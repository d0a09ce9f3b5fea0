import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { AbsenceEvent } from '../checkins-domain';

/** One person's spans out of office: the cadence skips them. */
export type AbsencesDocument = {
  _id: string;
  tenantId: string;
  personId: string;
  /** By absence: FerretDB v1 cannot pull a document out of an array, so a map it is. */
  absences: Record<string, { absenceId: string; from: string; until: string }>;
};

/** A field name of the map: no `.` (a path separator) and no leading `$`. */
const fieldOf = (absenceId: string) =>
  `absences.${encodeURIComponent(absenceId).replace(/\./g, '%2E')}`;

/** One document per person, from their absence stream ('stream' guard). */
export const absencesProjection = defineProjection({
  name: 'checkins_absences',
  version: 1,
  handles: ['OutOfOfficeDeclared', 'OutOfOfficeCancelled'],
  streamPrefixes: ['absence-'],
  collections: [{ name: 'checkins_absences', guard: 'stream' }],
  apply: (event: RecordedEvent<AbsenceEvent>, context) => {
    const { personId, absenceId } = event.data;
    switch (event.type) {
      case 'OutOfOfficeDeclared':
        return context.upsert('checkins_absences', personId, {
          $set: {
            personId,
            [fieldOf(absenceId)]: { absenceId, from: event.data.from, until: event.data.until },
          },
        });
      case 'OutOfOfficeCancelled':
        return context.update('checkins_absences', personId, {
          $unset: { [fieldOf(absenceId)]: '' },
        });
      default:
        return assertNever(event);
    }
  },
});
