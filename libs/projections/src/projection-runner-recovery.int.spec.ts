import net from 'node:net';
import { expectEventually, InMemoryEventStore, testInfrastructure } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { ProjectionRunner, type ProjectionRunnerStatus } from './projection-runner';
import { orgDirectory } from './testing/org-directory.projection';
import { appendOrgHistory, openReadStore, snapshot } from './testing/read-store.fixture';

/** A TCP hop in front of the read store that can drop every connection and refuse new ones. */
const cuttableProxy = async (target: URL) => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    /** Every open connection dies; new ones are refused until `resume`. */
    cut: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    resume: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

describe('ProjectionRunner when the read store goes away', () => {
  it('waits, reloads its checkpoint and catches up exactly once when the read store is back', async () => {
    const tenant = 'org-acme';
    const store = new InMemoryEventStore();
    const direct = await openReadStore();
    const proxy = await cuttableProxy(new URL(testInfrastructure.mongoUrl()));
    const viaProxy: Connection = await mongoose
      .createConnection(`mongodb://127.0.0.1:${proxy.port}/${direct.name}`, {
        serverSelectionTimeoutMS: 500,
        socketTimeoutMS: 2_000,
      })
      .asPromise();
    const projection = orgDirectory();
    const statuses = new Set<ProjectionRunnerStatus>();
    const recoveries: unknown[] = [];
    const runner = new ProjectionRunner(projection, {
      connection: viaProxy,
      store,
      batchSize: 5,
      idleFlushMs: 5,
      recoveryDelayMs: 100,
      maxRecoveryDelayMs: 400,
      onRecovering: (error) => recoveries.push(error),
    });
    const watch = setInterval(() => statuses.add(runner.status), 5);
    try {
      await appendOrgHistory(store, tenant, { tribes: 1, squadsPerTribe: 2, membersPerSquad: 3 });
      await runner.start();
      await expectEventually(async () => expect(runner.position).toBe(await store.headPosition()));

      await proxy.cut();
      await appendOrgHistory(
        store,
        tenant,
        { tribes: 1, squadsPerTribe: 3, membersPerSquad: 4 },
        'late',
      );
      await expectEventually(() => expect(runner.status).toBe('recovering'), { timeoutMs: 10_000 });
      await proxy.resume();

      const head = await store.headPosition();
      await expectEventually(() => expect(runner.position).toBe(head), { timeoutMs: 30_000 });
      expect(runner.status).toBe('live');
      expect(recoveries.length).toBeGreaterThan(0);

      // The same documents a runner that never saw an outage builds.
      const reference = await openReadStore();
      const referenceRunner = new ProjectionRunner(projection, {
        connection: reference.connection,
        store,
      });
      await referenceRunner.start();
      await expectEventually(() => expect(referenceRunner.position).toBe(head));
      await referenceRunner.stop();
      await runner.stop();
      const expected = await snapshot(reference.connection, projection);
      await reference.drop();
      expect(await snapshot(direct.connection, projection)).toEqual(expected);
      expect(statuses.has('failed')).toBe(false);
    } finally {
      clearInterval(watch);
      await runner.stop();
      await viaProxy.close(true);
      await proxy.close();
      await store.close();
      await direct.drop();
    }
  }, 90_000);
});
