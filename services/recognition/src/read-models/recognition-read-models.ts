import { Inject, Injectable } from '@nestjs/common';
import {
  ReadModelCollections,
  TenantScopedRepository,
  type TenantFilter,
  type TenantId,
} from '@rhythm/projections';
import type { Connection } from 'mongoose';
import { RECOGNITION_READ_STORE } from '../infrastructure/recognition-tokens';
import { celebrationsProjection, type CelebrationDocument } from './celebrations.projection';
import { flowStorage } from './flow.projection';
import { FlowTotalsRepository } from './flow-totals.repository';
import { kudosProjection, type KudosDocument } from './kudos.projection';
import { storiesProjection, type StoryDocument } from './stories.projection';
import {
  bucketOf,
  hourOf,
  wallsStorage,
  type WallEntryDocument,
  type WallHoursDocument,
} from './walls.projection';

const filter = <T extends { tenantId: string }>(fields: Record<string, unknown>) =>
  fields as TenantFilter<T>;

/** Where a page of a newest-first list starts: after this entry (instant desc, then id). */
export type Position = Readonly<{ at: string; id: string }>;

/** Newest first, ties by id: entries after `after` in that order. */
const pageFilter = (field: string, after: Position | undefined) =>
  after === undefined
    ? {}
    : {
        $or: [{ [field]: { $lt: after.at } }, { [field]: after.at, _id: { $gt: after.id } }],
      };

export class KudosRepository extends TenantScopedRepository<KudosDocument, 'recognition_kudos'> {
  constructor(collections: ReadModelCollections<'recognition_kudos'>) {
    super(collections, 'recognition_kudos');
  }

  /** Kudos a person received (`receiverIds`) or gave (`giverId`), newest first. */
  ofPerson(
    tenantId: TenantId,
    side: 'received' | 'given',
    personId: string,
    after: Position | undefined,
    limit: number,
  ) {
    return this.find(
      tenantId,
      filter({
        [side === 'received' ? 'receiverIds' : 'giverId']: personId,
        ...pageFilter('givenAt', after),
      }),
      { sort: { givenAt: -1, _id: 1 }, limit },
    );
  }
}

export class StoriesRepository extends TenantScopedRepository<
  StoryDocument,
  'recognition_stories'
> {
  constructor(collections: ReadModelCollections<'recognition_stories'>) {
    super(collections, 'recognition_stories');
  }
}

export class CelebrationsRepository extends TenantScopedRepository<
  CelebrationDocument,
  'recognition_celebrations'
> {
  constructor(collections: ReadModelCollections<'recognition_celebrations'>) {
    super(collections, 'recognition_celebrations');
  }
}

type WallCollections = (typeof wallsStorage)['collections'][number]['name'];

class WallHours extends TenantScopedRepository<WallHoursDocument, WallCollections> {
  constructor(collections: ReadModelCollections<WallCollections>) {
    super(collections, 'recognition_wall_hours');
  }
}

/** A day with at most this many entries on a wall is read in one query. */
const quietDay = 200;

const newestFirst = (a: WallEntryDocument, b: WallEntryDocument) =>
  a.at < b.at ? 1 : a.at > b.at ? -1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;

export class WallsRepository extends TenantScopedRepository<WallEntryDocument, WallCollections> {
  private readonly hours: WallHours;

  constructor(collections: ReadModelCollections<WallCollections>) {
    super(collections, 'recognition_wall_entries');
    this.hours = new WallHours(collections);
  }

  /**
   * A wall's entries still standing, newest first, after `after`: the wall's hours say which
   * hours hold entries; the page reads the newest of them, one equality each, until it holds
   * `limit` (FerretDB reads what an equality selects, never the whole wall).
   */
  async page(tenantId: TenantId, wall: string, after: Position | undefined, limit: number) {
    const counts = (await this.hours.findById(tenantId, wall))?.hours ?? {};
    const from = after === undefined ? undefined : hourOf(after.at);
    const hours = Object.keys(counts)
      .filter((hour) => (counts[hour] ?? 0) > 0 && (from === undefined || hour <= from))
      .sort()
      .reverse();
    const page: WallEntryDocument[] = [];
    for (let next = 0; next < hours.length && page.length < limit;) {
      // Enough hours to fill the page if nothing in them is gone or before the cursor.
      const batch: string[] = [];
      for (let held = 0; next < hours.length && held < limit - page.length; next++) {
        batch.push(hours[next]);
        held += counts[hours[next]] ?? 0;
      }
      // Hours of a quiet day are read as the day, in one query (a busy day hour by hour).
      const days = new Map<string, string[]>();
      for (const hour of batch)
        days.set(hour.slice(0, 10), [...(days.get(hour.slice(0, 10)) ?? []), hour]);
      const byDay: string[] = [];
      const byHour: string[] = [];
      for (const [day, hoursOfDay] of days) {
        const ofDay = Object.entries(counts)
          .filter(([hour]) => hour.startsWith(day))
          .reduce((sum, [, n]) => sum + n, 0);
        if (hoursOfDay.length > 1 && ofDay <= quietDay) byDay.push(bucketOf(wall, day));
        else byHour.push(...hoursOfDay.map((hour) => bucketOf(wall, hour)));
      }
      const [ofDays, ofHours] = await Promise.all([
        this.findWhereIn(tenantId, 'dayBucket', byDay),
        this.findWhereIn(tenantId, 'bucket', byHour),
      ]);
      // A day read whole holds hours outside the batch: those are another batch's.
      const inBatch = new Set(batch);
      const found = [...ofDays, ...ofHours].filter((entry) => inBatch.has(hourOf(entry.at)));
      page.push(
        ...found
          .filter((entry) => entry.gone !== true)
          .filter(
            (entry) =>
              after === undefined ||
              entry.at < after.at ||
              (entry.at === after.at && entry._id > after.id),
          )
          .sort(newestFirst),
      );
    }
    return page.slice(0, limit);
  }
}

/** The recognition read models on the read store: tenant-scoped repositories. */
@Injectable()
export class RecognitionReadModels {
  readonly kudos: KudosRepository;
  readonly stories: StoriesRepository;
  readonly celebrations: CelebrationsRepository;
  readonly walls: WallsRepository;
  readonly flow: FlowTotalsRepository;

  constructor(@Inject(RECOGNITION_READ_STORE) connection: Connection) {
    this.kudos = new KudosRepository(new ReadModelCollections(connection, kudosProjection));
    this.stories = new StoriesRepository(new ReadModelCollections(connection, storiesProjection));
    this.celebrations = new CelebrationsRepository(
      new ReadModelCollections(connection, celebrationsProjection),
    );
    this.walls = new WallsRepository(new ReadModelCollections(connection, wallsStorage));
    this.flow = new FlowTotalsRepository(new ReadModelCollections(connection, flowStorage));
  }
}
