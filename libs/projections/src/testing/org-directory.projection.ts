import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '../projection';
import type { OrgEvent } from './org-events';

export type TribeCard = { _id: string; tenantId: string; name: string; formedAt: string };

export type SquadCard = {
  _id: string;
  tenantId: string;
  name: string;
  mission: string;
  tribeId: string;
  tribeName: string;
  /** Keyed by person id: FerretDB v1's $pull cannot remove an element by a partial match. */
  members: Record<string, { role: string }>;
};

export type TribeStats = {
  _id: string;
  tenantId: string;
  squads: number;
  members: number;
};

/**
 * Exercises every guard: `tribes` belong to their tribe stream ('stream'); `squads` are written by
 * their squad stream and by the tribe's renames ('streams'); `tribe_stats` count with $inc from
 * every squad stream of a tribe ('position': non-idempotent operators, one ordered feed).
 */
export const orgDirectory = (name = 'org_directory', version = 1) =>
  defineProjection({
    name,
    version,
    handles: [
      'TribeFormed',
      'TribeRenamed',
      'SquadFormed',
      'SquadRenamed',
      'MemberJoinedSquad',
      'MemberLeftSquad',
      'SquadDissolved',
    ],
    collections: [
      { name: 'tribes', guard: 'stream' },
      {
        name: 'squads',
        guard: 'streams',
        indexes: [
          // SquadDirectory.inTribe: the squads of a tribe, by name; also TribeRenamed's updateMany.
          { keys: { tenantId: 1, tribeId: 1, name: 1 }, serves: 'squads of a tribe by name' },
        ],
      },
      { name: 'tribe_stats', guard: 'position' },
    ],
    apply: async (event: RecordedEvent<OrgEvent>, ctx) => {
      switch (event.type) {
        case 'TribeFormed':
          ctx.upsert('tribes', event.data.tribeId, {
            $set: { name: event.data.name, formedAt: event.metadata.occurredAt },
          });
          return;
        case 'TribeRenamed':
          ctx.update('tribes', event.data.tribeId, { $set: { name: event.data.name } });
          ctx.updateMany(
            'squads',
            { tribeId: event.data.tribeId },
            {
              $set: { tribeName: event.data.name },
            },
          );
          return;
        case 'SquadFormed': {
          const tribe = await ctx.findOne<{ name: string }>('tribes', event.data.tribeId);
          ctx.upsert('squads', event.data.squadId, {
            $set: {
              name: event.data.name,
              mission: event.data.mission,
              tribeId: event.data.tribeId,
              tribeName: tribe?.name ?? '',
            },
            $setOnInsert: { members: {} },
          });
          ctx.upsert('tribe_stats', event.data.tribeId, { $inc: { squads: 1, members: 0 } });
          return;
        }
        case 'SquadRenamed':
          ctx.update('squads', event.data.squadId, { $set: { name: event.data.name } });
          return;
        case 'MemberJoinedSquad':
          ctx.update('squads', event.data.squadId, {
            $set: { [`members.${event.data.personId}`]: { role: event.data.role } },
          });
          ctx.upsert('tribe_stats', event.data.tribeId, { $inc: { members: 1 } });
          return;
        case 'MemberLeftSquad':
          ctx.update('squads', event.data.squadId, {
            $unset: { [`members.${event.data.personId}`]: '' },
          });
          ctx.upsert('tribe_stats', event.data.tribeId, { $inc: { members: -1 } });
          return;
        case 'SquadDissolved':
          ctx.remove('squads', event.data.squadId);
          ctx.upsert('tribe_stats', event.data.tribeId, { $inc: { squads: -1 } });
          return;
        default:
          return assertNever(event);
      }
    },
  });
