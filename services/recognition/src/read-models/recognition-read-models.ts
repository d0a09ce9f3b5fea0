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
  type WallCountsDocument,
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

class WallCounts extends TenantScopedRepository<WallCountsDocument, WallCollections> {
  constructor(collections: ReadModelCollections<WallCollections>) {
    super(collections, 'recognition_wall_counts');
  }
}

/** A day with at most this many entries on a wall is read in one query. */
const quietDayEntries = 200;

const newestFirst = (a: WallEntryDocument, b: WallEntryDocument) =>
  a.at < b.at ? 1 : a.at > b.at ? -1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;

export class WallsRepository extends TenantScopedRepository<WallEntryDocument, WallCollections> {
  private readonly counts: WallCounts;

  constructor(
    collections: ReadModelCollections<WallCollections>,
    private readonly quietDay = quietDayEntries,
  ) {
    super(collections, 'recognition_wall_entries');
    this.counts = new WallCounts(collections);
  }

  /**
   * A wall's entries still standing, newest first, after `after`: the wall's day counts say
   * which days hold entries; a quiet day is read in one query, a busy one by the hours its count
   * document names, newest first, until the page holds `limit` (FerretDB reads what an equality
   * selects, never the whole wall).
   */
  async page(tenantId: TenantId, wall: string, after: Position | undefined, limit: number) {
    const days = (await this.counts.findById(tenantId, wall))?.days ?? {};
    const fromDay = after?.at.slice(0, 10);
    const newest = Object.keys(days)
      .filter((day) => (days[day] ?? 0) > 0 && (fromDay === undefined || day <= fromDay))
      .sort()
      .reverse();
    const standing = (entry: WallEntryDocument) =>
      entry.gone !== true &&
      (after === undefined ||
        entry.at < after.at ||
        (entry.at === after.at && entry._id > after.id));
    const page: WallEntryDocument[] = [];
    for (let next = 0; next < newest.length && page.length < limit;) {
      // Enough days to fill the page if nothing in them is gone or before the cursor.
      const batch: string[] = [];
      for (let held = 0; next < newest.length && held < limit - page.length; next++) {
        batch.push(newest[next]);
        held += days[newest[next]] ?? 0;
      }
      const quiet = batch.filter((day) => (days[day] ?? 0) <= this.quietDay);
      const busy = batch.filter((day) => (days[day] ?? 0) > this.quietDay);
      const [ofQuietDays, ...ofBusyDays] = await Promise.all([
        this.findWhereIn(
          tenantId,
          'dayBucket',
          quiet.map((day) => bucketOf(wall, day)),
        ),
        ...busy.map((day) =>
          this.busyDay(
            tenantId,
            wall,
            day,
            after && hourOf(after.at),
            standing,
            limit - page.length,
          ),
        ),
      ]);
      page.push(...[...ofQuietDays, ...ofBusyDays.flat()].filter(standing).sort(newestFirst));
    }
    return page.slice(0, limit);
  }

  /** A busy day's standing entries, its newest hours first, until `needed` are found. */
  private async busyDay(
    tenantId: TenantId,
    wall: string,
    day: string,
    from: string | undefined,
    standing: (entry: WallEntryDocument) => boolean,
    needed: number,
  ): Promise<WallEntryDocument[]> {
    const hours = (await this.counts.findById(tenantId, bucketOf(wall, day)))?.hours ?? {};
    const newest = Object.keys(hours)
      .map((hour) => `${day}T${hour}`)
      .filter((hour) => (hours[hour.slice(11)] ?? 0) > 0 && (from === undefined || hour <= from))
      .sort()
      .reverse();
    const found: WallEntryDocument[] = [];
    for (let next = 0; next < newest.length && found.length < needed;) {
      const batch: string[] = [];
      for (let held = 0; next < newest.length && held < needed - found.length; next++) {
        batch.push(bucketOf(wall, newest[next]));
        held += hours[newest[next].slice(11)] ?? 0;
      }
      found.push(...(await this.findWhereIn(tenantId, 'bucket', batch)).filter(standing));
    }
    return found;
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
