import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import {
  unitKey,
  type CelebrationEvent,
  type KudosEvent,
  type StoryEvent,
  type Unit,
} from '@rhythm/recognition-domain';
import type { MembershipHistory } from '../application/recognition-directory.port';
import { objectiveOfAchievement } from './celebrations.projection';

/** The organisation-wide feed is a wall like a unit's. */
export const organisationWall = 'organisation';
export type WallItem = 'kudos' | 'celebration' | 'story';

/**
 * One item on one wall (ADR 0048): a unit's (`squad:support`) or the organisation's. The entry
 * holds what the visibility rule needs (the objective the item is about), the item itself is
 * read from its own collection. An item withdrawn is marked gone on every wall it was on.
 */
export type WallEntryDocument = {
  _id: string;
  tenantId: string;
  wall: string;
  item: WallItem;
  itemId: string;
  /** When it appeared: given, celebrated, published. Walls read newest first. */
  at: string;
  /** `wall@hour` (`squad:support@2026-03-12T10`): a page reads a few hours by equality. */
  bucket: string;
  /** `wall@day` (`squad:support@2026-03-12`): a quiet wall's page reads a day in one query. */
  dayBucket: string;
  objectiveId?: string;
  gone?: true;
};

/**
 * How many entries a wall holds per day (`wall`: `{ days: { '2026-03-12': 31 } }`) and a day per
 * hour (`wall@2026-03-12`: `{ hours: { '10': 4 } }`): where its pages are, in small documents
 * (FerretDB reads a document of thousands of keys slowly).
 */
export type WallCountsDocument = {
  _id: string;
  tenantId: string;
  days?: Record<string, number>;
  hours?: Record<string, number>;
};

export const hourOf = (instant: string): string => instant.slice(0, 13);
export const bucketOf = (wall: string, hour: string): string => `${wall}@${hour}`;

const entryId = (wall: string, item: WallItem, itemId: string) => `${wall}/${item}:${itemId}`;

/** The squads and chapters people belonged to at that instant: where their kudos are seen. */
const teamsAt = async (
  history: MembershipHistory,
  tenantId: string,
  personIds: readonly string[],
  at: string,
): Promise<Unit[]> => {
  if (personIds.length === 0) return [];
  const units = await history.unitsAt(tenantId, personIds, at);
  return [...units.values()]
    .flat()
    .filter((unit) => unit.kind === 'squad' || unit.kind === 'chapter');
};

type WallEvent = KudosEvent | CelebrationEvent | StoryEvent;

/** Where the walls live: readers open it without the history the projection needs. */
export const wallsStorage = {
  name: 'recognition_walls',
  collections: [
    {
      name: 'recognition_wall_entries',
      guard: 'position',
      indexes: [
        { keys: { tenantId: 1, wall: 1, at: -1 }, serves: 'a wall, newest first' },
        { keys: { tenantId: 1, itemId: 1 }, serves: "a withdrawal finds its item's entries" },
        // Without it FerretDB answers each bucket's equality by scanning the table (the bench's
        // explain); with it, its companion GIN index serves the containment it pushes down.
        { keys: { tenantId: 1, bucket: 1 }, serves: 'a page reads the entries of a day or hour' },
      ],
    },
    { name: 'recognition_wall_counts', guard: 'position' },
  ],
} as const;

/**
 * The walls: a public kudos on the organisation's feed, the unit thanked's wall and the walls of
 * the receivers' squads and chapters **of that day** (the org history, not today's org); a
 * celebration on its walls and the feed; a published story on its unit's wall, that unit's
 * tribe's of the day and the feed. A private kudos is on no wall. Entries are written by the
 * kudos, celebration and story streams and marked gone by a withdrawal: one ordered feed of the
 * store, so 'position' guards them.
 */
export const wallsProjection = (history: MembershipHistory) =>
  defineProjection({
    ...wallsStorage,
    // 2: entries bucketed by day too. 3: counts per day, and per hour of each day.
    version: 3,
    handles: [
      'KudosGiven',
      'KudosWithdrawn',
      'AchievementCelebrated',
      'StoryPublished',
      'StoryWithdrawn',
    ],
    streamPrefixes: ['kudos-', 'celebration-', 'story-'],
    apply: async (event: RecordedEvent<WallEvent>, context) => {
      const tenantId = event.metadata.tenantId;
      const post = (
        walls: readonly string[],
        item: WallItem,
        itemId: string,
        at: string,
        objectiveId?: string,
      ) => {
        const hour = hourOf(at);
        for (const wall of new Set(walls)) {
          context.upsert('recognition_wall_entries', entryId(wall, item, itemId), {
            $set: {
              wall,
              item,
              itemId,
              at,
              bucket: bucketOf(wall, hour),
              dayBucket: bucketOf(wall, hour.slice(0, 10)),
              ...(objectiveId === undefined ? {} : { objectiveId }),
            },
          });
          const day = hour.slice(0, 10);
          context.upsert('recognition_wall_counts', wall, { $inc: { [`days.${day}`]: 1 } });
          context.upsert('recognition_wall_counts', bucketOf(wall, day), {
            $inc: { [`hours.${hour.slice(11)}`]: 1 },
          });
        }
      };
      const gone = (item: WallItem, itemId: string) =>
        context.updateMany('recognition_wall_entries', { item, itemId }, { $set: { gone: true } });
      switch (event.type) {
        case 'KudosGiven': {
          const { data } = event;
          if (data.audience === 'private') return;
          const teams = await teamsAt(history, tenantId, data.to.personIds, data.givenAt);
          const units = data.to.unit === undefined ? teams : [data.to.unit, ...teams];
          return post(
            [organisationWall, ...units.map(unitKey)],
            'kudos',
            data.kudosId,
            data.givenAt,
            data.about?.objectiveId,
          );
        }
        case 'KudosWithdrawn':
          return gone('kudos', event.data.kudosId);
        case 'AchievementCelebrated': {
          const { data } = event;
          return post(
            [organisationWall, ...data.walls.map(unitKey)],
            'celebration',
            data.achievementKey,
            data.celebratedAt,
            objectiveOfAchievement(data.achievement),
          );
        }
        case 'StoryPublished': {
          const { data } = event;
          const units: Unit[] = [];
          if (data.unit !== undefined) {
            units.push(data.unit);
            const tribeId = await history.tribeOfAt(tenantId, data.unit, data.publishedAt);
            if (tribeId !== undefined) units.push({ kind: 'tribe', id: tribeId });
          }
          return post(
            [organisationWall, ...units.map(unitKey)],
            'story',
            data.storyId,
            data.publishedAt,
            data.about.objectiveId,
          );
        }
        case 'StoryWithdrawn':
          return gone('story', event.data.storyId);
        case 'StoryDrafted':
        case 'StoryRevised':
        case 'KudosReactionAdded':
        case 'KudosReactionRemoved':
        case 'KudosCommented':
          return;
        default:
          return assertNever(event);
      }
    },
  });
