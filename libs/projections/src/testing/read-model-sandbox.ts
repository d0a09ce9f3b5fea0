import type { Event, EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import type { Projection } from '../projection';
import { physicalCollectionName, ProjectionGenerations } from '../projection-generations';
import { ProjectionRunner } from '../projection-runner';
import { rebuildProjection } from '../rebuild-projection';

type AnyProjection = Projection<Event, string>;

/**
 * A service's read models against the real stores, for its int specs: a PostgreSQL event store
 * in a schema of its own and a read-store database of its own, the projections run to the head,
 * and the two checks every projection owes (a replay changes nothing; a rebuild from zero gives
 * the same documents).
 *
 *   const sandbox = await ReadModelSandbox.open('checkins_rm');
 *   // … append the scenario's events to sandbox.store …
 *   await sandbox.runToHead(projections);
 *   await sandbox.expectReplayChangesNothing(projections, tenantId);
 */
export class ReadModelSandbox {
  private events: RecordedEvent[] = [];

  private constructor(
    readonly store: EventStore,
    readonly connection: Connection,
    private readonly schema: string,
  ) {}

  static async open(name: string): Promise<ReadModelSandbox> {
    const schema = uniqueName(name);
    const store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await store.migrate();
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${uniqueName(name)}`;
    const connection = await mongoose.createConnection(url.toString()).asPromise();
    return new ReadModelSandbox(store, connection, schema);
  }

  /** Every event of the store, read once the scenario is written. */
  async allEvents(): Promise<RecordedEvent[]> {
    this.events = [];
    for await (const event of this.store.readAll()) this.events.push(event);
    return this.events;
  }

  /** The events the projection reads: those of its stream prefixes. */
  eventsOf(projection: AnyProjection): RecordedEvent[] {
    return this.events.filter((event) =>
      (projection.streamPrefixes ?? ['']).some((prefix) => event.streamId.startsWith(prefix)),
    );
  }

  /** Runs each projection until it has applied the last of its events, then stops it. */
  async runToHead(projections: readonly AnyProjection[]): Promise<void> {
    await this.allEvents();
    for (const projection of projections) {
      const runner = new ProjectionRunner(projection, {
        connection: this.connection,
        store: this.store,
      });
      await runner.start();
      const last = this.eventsOf(projection).at(-1)?.globalPosition;
      await expectEventually(() => expect(runner.position).toBe(last));
      await runner.stop();
    }
  }

  /** Every document of the projection's active generation for the tenant, guard fields too. */
  async documents(projection: AnyProjection, tenantId: string): Promise<Record<string, unknown[]>> {
    const pointer = await new ProjectionGenerations(this.connection.db!).read(projection.name);
    const generation = pointer?.active.generation ?? 1;
    const all: Record<string, unknown[]> = {};
    for (const { name } of projection.collections) {
      all[name] = await this.connection
        .db!.collection(physicalCollectionName(name, generation))
        .find({ tenantId })
        .sort({ _id: 1 })
        .toArray();
    }
    return all;
  }

  /** Every event applied a second time, in order and then backwards, changes no document. */
  async expectReplayChangesNothing(
    projections: readonly AnyProjection[],
    tenantId: string,
  ): Promise<void> {
    for (const projection of projections) {
      const before = await this.documents(projection, tenantId);
      const runner = new ProjectionRunner(projection, {
        connection: this.connection,
        store: this.store,
      });
      await runner.handle(this.eventsOf(projection));
      await runner.handle([...this.eventsOf(projection)].reverse());
      expect(await this.documents(projection, tenantId)).toEqual(before);
    }
  }

  /** A rebuild from zero reads every event of the projection and gives identical documents. */
  async expectRebuildIdentical(
    projections: readonly AnyProjection[],
    tenantId: string,
  ): Promise<void> {
    for (const projection of projections) {
      const before = await this.documents(projection, tenantId);
      const result = await rebuildProjection(projection, {
        store: this.store,
        connection: this.connection,
        dropOldAfterMs: 0,
      });
      expect(result.generation).toBeGreaterThan(result.previousGeneration);
      expect(result.eventsRead).toBe(this.eventsOf(projection).length);
      expect(await this.documents(projection, tenantId)).toEqual(before);
    }
  }

  async dispose(): Promise<void> {
    await this.connection.db?.dropDatabase();
    await this.connection.close();
    await this.store.close();
    const pool = new Pool({ connectionString: testInfrastructure.databaseUrl() });
    await pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    await pool.end();
  }
}
