/**
 * Verifies the hash chain of every stream (docs/adr/0029-a-record-no-one-can-rewrite.md): each
 * event's hash recomputed from its content and the previous hash, revisions and positions
 * without gaps. Prints a summary and every stream's first broken link; exits 1 when a chain is
 * broken (or a store named with --schema cannot be verified), 2 on a usage or connection error.
 *
 *   npm run audit:verify                       # every event store of the database
 *   npm run audit:verify -- --schema goals_event_store [--schema …]
 *
 * Env: DATABASE_URL (default: the local stack's). Reading is enough: the services' role will do.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { verifyHashChains, type StoreVerification } from '../src';

const localStack = 'postgres://rhythm:rhythm@127.0.0.1:55432/rhythm';
const write = (line: string) => process.stdout.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');
const counted = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

const storeLine = (store: StoreVerification, width: number): string => {
  const name = store.schema.padEnd(width);
  if (!store.chained) {
    return `  ${name}  ${count(store.events).padStart(9)} events   NOT CHAINED (not migrated yet: start its service)`;
  }
  const state =
    store.brokenStreams === 0 && store.missingPositions.length === 0
      ? 'intact'
      : `BROKEN (${counted(store.brokenStreams, 'stream')}, ${counted(store.missingPositions.length, 'position gap')})`;
  return (
    `  ${name}  ${count(store.streams).padStart(7)} streams ${count(store.events).padStart(9)} events   ` +
    `${state}   may rewrite: ${store.mayRewrite.join(', ') || 'nobody'}`
  );
};

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { schema: { type: 'string', multiple: true } },
    strict: true,
  });
  const connectionString = process.env.DATABASE_URL ?? localStack;
  const client = new Client({ connectionString, application_name: 'rhythm-audit-verify' });
  await client.connect();
  try {
    const where = await client.query<{ role: string; database: string }>(
      'SELECT current_user AS role, current_database() AS database',
    );
    const { role, database } = where.rows[0];
    const url = new URL(connectionString);
    const result = await verifyHashChains(client, { schemas: values.schema });

    write(
      `Hash chains of ${counted(result.stores.length, 'event store')} in ${url.host}/${database} (as ${role}), ` +
        `verified in ${(result.elapsedMs / 1000).toFixed(2)} s:`,
    );
    const width = Math.max(12, ...result.stores.map((store) => store.schema.length));
    for (const store of result.stores) write(storeLine(store, width));
    for (const store of result.stores) {
      for (const link of store.brokenLinks) {
        write(
          `✗ ${link.schema} · stream ${link.streamId} · revision ${link.streamRevision} · ` +
            `position ${link.globalPosition} · ${link.problem}: ${link.detail}`,
        );
      }
      const unlisted = store.brokenStreams - store.brokenLinks.length;
      if (unlisted > 0)
        write(`✗ ${store.schema}: ${counted(unlisted, 'more broken stream')} not listed`);
      for (const gap of store.missingPositions) {
        write(`✗ ${gap.schema} · positions ${gap.from}..${gap.to} are missing (deleted events)`);
      }
    }
    const unverifiable = values.schema
      ? result.stores.filter((store) => !store.chained).map((store) => store.schema)
      : [];
    if (unverifiable.length > 0)
      write(`✗ not chained, so not verified: ${unverifiable.join(', ')}`);
    const events = result.stores.reduce((sum, store) => sum + store.events, 0);
    const streams = result.stores.reduce((sum, store) => sum + store.streams, 0);
    if (result.intact && unverifiable.length === 0) {
      write(`✓ every chain intact: ${counted(streams, 'stream')}, ${counted(events, 'event')}`);
      return 0;
    }
    return 1;
  } finally {
    await client.end();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
