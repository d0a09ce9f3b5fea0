import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { retireReadStoreSnapshots } from './cycle-snapshots.module';
import { retiredCycleSnapshotCollections } from './cycle-snapshots.store';

/** ADR 0062: the read store's former snapshot collections go at start-up; nothing else does. */
describe('the cycle snapshots leave the read store', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfrastructure.mongoUrl(), { dbName: uniqueName('goals_retired') })
      .asPromise();
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const collections = async () =>
    (await connection.db!.listCollections({}, { nameOnly: true }).toArray())
      .map(({ name }) => name)
      .sort();

  it('drops the former collections, keeps the read models, and may run again', async () => {
    for (const name of [...retiredCycleSnapshotCollections, 'goals_objective_cards']) {
      await connection.collection(name).insertOne({ _id: 'x' as never });
    }
    await retireReadStoreSnapshots(connection);
    expect(await collections()).toEqual(['goals_objective_cards']);
    // Replicas starting together, or a later start: nothing left to drop, no error.
    await Promise.all([retireReadStoreSnapshots(connection), retireReadStoreSnapshots(connection)]);
    expect(await collections()).toEqual(['goals_objective_cards']);
  });
});
