import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import type { mongo } from 'mongoose';
import { defineProjection, ProjectionDefinitionError, type Projection } from './projection';
import { InvalidReadModelWrite } from './read-model-update';
import { ReadModelWriter, recordingContext, type PendingWrite } from './read-model-writer';
import { TenantId } from './tenant-id';
import { orgDirectory } from './testing/org-directory.projection';
import type { SquadFormed, TribeRenamed } from './testing/org-events';

type SquadEvent = SquadFormed | TribeRenamed;

const squadNames = (apply: Projection<SquadEvent, 'squad_names' | 'tribe_log'>['apply']) =>
  defineProjection({
    name: 'squad_names',
    version: 1,
    handles: ['SquadFormed', 'TribeRenamed'],
    collections: [
      { name: 'squad_names', guard: 'stream' },
      { name: 'tribe_log', guard: 'position' },
    ],
    apply: (event: RecordedEvent<SquadEvent>, ctx) => apply(event, ctx),
  });

const recorded = (
  overrides: Partial<RecordedEvent<SquadFormed>> = {},
): RecordedEvent<SquadEvent> => ({
  type: 'SquadFormed',
  data: { squadId: 's1', tribeId: 't1', name: 'Payments', mission: '' },
  metadata: {
    eventId: 'e1',
    tenantId: 'acme',
    actor: 'person-1',
    correlationId: 'c1',
    causationId: 'c1',
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
  streamId: 'squad-s1',
  streamRevision: 0,
  globalPosition: 7n,
  recordedAt: new Date('2026-01-01T00:00:00.000Z'),
  ...overrides,
});

// Recording writes touches no database; flushing (not done here) does.
const noDatabase = undefined as unknown as mongo.Db;

describe('defineProjection', () => {
  const valid = {
    name: 'squad_names',
    version: 1,
    handles: ['SquadFormed'],
    collections: [{ name: 'squad_names', guard: 'stream' as const }],
    apply: () => undefined,
  };

  it.each([
    ['a name that cannot name a collection', { name: 'Squad-Names' }, /lower case/],
    ['a version below 1', { version: 0 }, /version/],
    ['no event type', { handles: [] }, /handles no event type/],
    ['no collection', { collections: [] }, /no collection/],
    [
      'a collection name with a double underscore',
      { collections: [{ name: 'squad__names', guard: 'stream' }] },
      /single underscores/,
    ],
    [
      'a collection declared twice',
      {
        collections: [
          { name: 'a', guard: 'stream' },
          { name: 'a', guard: 'position' },
        ],
      },
      /declared twice/,
    ],
    [
      'an index that does not say which query it serves',
      { collections: [{ name: 'a', guard: 'stream', indexes: [{ keys: { x: 1 }, serves: ' ' }] }] },
      /must name the query it serves/,
    ],
    [
      'a unique index without the tenant (ids are unique per tenant only)',
      {
        collections: [
          {
            name: 'a',
            guard: 'stream',
            indexes: [{ keys: { cycleId: 1 }, serves: 'a cycle by id', unique: true }],
          },
        ],
      },
      /unique index \{"cycleId":1\} of "a" must include tenantId/,
    ],
  ])('refuses %s', (_, overrides, message) => {
    expect(() => defineProjection({ ...valid, ...overrides } as typeof valid)).toThrow(
      ProjectionDefinitionError,
    );
    expect(() => defineProjection({ ...valid, ...overrides } as typeof valid)).toThrow(message);
  });

  it('accepts a unique index that includes the tenant, and non-unique ones without it', () => {
    const indexes = [
      { keys: { tenantId: 1, cycleId: 1 }, serves: 'a cycle by id', unique: true },
      { keys: { startsOn: -1 }, serves: 'cycles, newest first' },
    ] as const;
    const projection = defineProjection({
      ...valid,
      collections: [{ name: 'a', guard: 'stream', indexes }],
    });
    expect(projection.collections[0].indexes).toEqual(indexes);
  });

  it('types collection names and event types, so typos do not compile', () => {
    defineProjection({
      name: 'typed',
      version: 1,
      // @ts-expect-error 'SquadFromed' is not a type of the events apply takes
      handles: ['SquadFromed'],
      collections: [{ name: 'squad_names', guard: 'stream' }],
      apply: (event: RecordedEvent<SquadEvent>, ctx) => {
        // @ts-expect-error 'squad_name' is not a declared collection
        ctx.upsert('squad_name', event.data.tribeId, { $set: { a: 1 } });
        // @ts-expect-error $currentDate is not an operator a projection may use
        ctx.upsert('squad_names', event.data.tribeId, { $currentDate: { at: true } });
      },
    });
    // Any projection fits the general type a service keeps its list of projections in.
    const all: Projection<Event, string>[] = [orgDirectory(), squadNames(() => undefined)];
    expect(all).toHaveLength(2);
  });
});

describe('the projection context', () => {
  const recordFor = async (
    apply: Projection<SquadEvent, 'squad_names' | 'tribe_log'>['apply'],
    event = recorded(),
  ) => {
    const writer = new ReadModelWriter(noDatabase, squadNames(apply), 1);
    await writer.apply(event);
    return writer.pendingWrites;
  };

  it('records one guarded write per call, and none for event types it does not handle', async () => {
    expect(
      await recordFor((event, ctx) => {
        ctx.upsert('squad_names', 's1', { $set: { name: 'Payments' } });
        ctx.updateMany('tribe_log', { tribeId: 't1' }, { $inc: { renames: 1 } });
      }),
    ).toBe(2);
    const other = { ...recorded(), type: 'SquadRenamed' } as unknown as RecordedEvent<SquadEvent>;
    expect(await recordFor((_, ctx) => ctx.remove('squad_names', 's1'), other)).toBe(0);
  });

  it("refuses updateMany on a 'stream' collection: its documents belong to other streams", async () => {
    await expect(
      recordFor((_, ctx) => ctx.updateMany('squad_names', { tribeId: 't1' }, { $set: { x: 1 } })),
    ).rejects.toThrow(/declare it 'streams' or 'position'/);
  });

  it("stores documents under the event's tenant and hands the projection's ids back", async () => {
    const writes: PendingWrite[] = [];
    const looked: string[] = [];
    const found: unknown[] = [];
    const projection = squadNames(async (event, ctx) => {
      ctx.upsert('squad_names', 's1', { $set: { name: 'Payments' } });
      ctx.updateMany('tribe_log', { _id: { $in: ['t1', 't2'] } }, { $inc: { renames: 1 } });
      found.push(await ctx.findOne('squad_names', 's1'));
    });
    const context = recordingContext(
      projection,
      new Map([
        ['squad_names', 'stream'],
        ['tribe_log', 'position'],
      ]),
      recorded(),
      {
        record: (write) => writes.push(write),
        findOne: (_collection, key, tenantId) => {
          looked.push(key);
          return Promise.resolve({ _id: key, tenantId, name: 'Payments', _revision: 0 });
        },
      },
    );
    await projection.apply(recorded(), context);
    expect(writes[0]).toMatchObject({
      id: 'acme/s1',
      filter: { _id: 'acme/s1', tenantId: 'acme' },
    });
    expect(writes[1].filter).toMatchObject({
      _id: { $in: ['acme/t1', 'acme/t2'] },
      tenantId: 'acme',
    });
    expect(looked).toEqual(['acme/s1']);
    expect(found).toEqual([{ _id: 's1', tenantId: 'acme', name: 'Payments' }]);
  });

  it('refuses an updateMany whose filter matches _id in a way keys cannot follow', async () => {
    await expect(
      recordFor((_, ctx) => ctx.updateMany('tribe_log', { _id: /^t/ }, { $set: { x: 1 } })),
    ).rejects.toThrow(InvalidReadModelWrite);
  });

  it('refuses writes to undeclared collections, reserved fields and empty ids', async () => {
    await expect(
      recordFor((_, ctx) => ctx.upsert('nowhere' as 'squad_names', 's1', { $set: { a: 1 } })),
    ).rejects.toThrow(/undeclared collection/);
    await expect(
      recordFor((_, ctx) => ctx.upsert('squad_names', 's1', { $set: { tenantId: 'other' } })),
    ).rejects.toThrow(InvalidReadModelWrite);
    await expect(
      recordFor((_, ctx) => ctx.upsert('squad_names', '', { $set: { a: 1 } })),
    ).rejects.toThrow(/the id must be a string/);
  });
});

describe('TenantId', () => {
  it('is branded: a plain string is not a tenant', () => {
    const takesTenant = (tenantId: TenantId) => tenantId;
    // @ts-expect-error a string from anywhere is not a TenantId
    takesTenant('acme');
    expect(takesTenant(TenantId.of('acme'))).toBe('acme');
    expect(() => TenantId.of(' ')).toThrow(/non-empty/);
  });
});
