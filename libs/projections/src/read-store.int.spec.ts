import net from 'node:net';
import { isServerUnavailable } from '@rhythm/operability';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import { connectReadStore, readStoreConnectionOptions } from './read-store';

jest.setTimeout(60_000);

/** A TCP hop in front of the read store that, once stalled, passes nothing on and closes nothing. */
const stallingProxy = async (target: URL) => {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('error', () => from.destroy());
      from.on('data', (chunk: Buffer) => {
        if (!stalled) to.write(chunk);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stall: () => {
      stalled = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

// ADR 0028: a read store that stops answering in the middle of a call fails the call as an
// outage (the projection runner recovers, HTTP answers 503) instead of holding it forever.
describe('read-store connection bounds', () => {
  it('bounds server selection, the connection pool wait and every socket read', () => {
    for (const bound of Object.values(readStoreConnectionOptions)) {
      expect(bound).toBeGreaterThan(0);
    }
  });

  it('fails a call to a server gone silent, as an outage', async () => {
    const proxy = await stallingProxy(new URL(testInfrastructure.mongoUrl()));
    const connection = await connectReadStore(
      `mongodb://127.0.0.1:${proxy.port}/${uniqueName('read_store')}`,
    );
    try {
      const documents = connection.collection('stalls');
      expect(await documents.countDocuments({})).toBe(0);

      proxy.stall();
      const failure: unknown = await documents
        .findOne({ name: 'any' })
        .catch((error: unknown) => error);

      // Which bound ends it depends on the driver's path: the 30 s socket read, then the server
      // counts as gone (selection), or the 10 s pool wait when the call needed a new connection.
      expect((failure as Error).name).toMatch(
        /^Mongo(NetworkTimeout|ServerSelection|WaitQueueTimeout)Error$/,
      );
      expect(isServerUnavailable(failure)).toBe(true);
    } finally {
      await connection.close(true);
      await proxy.close();
    }
  });
});
