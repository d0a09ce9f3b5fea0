/**
 * What the edge's defences cost per request (docs/adr/0033), in-process, no servers:
 *
 *   node -r ./tools/register.js libs/operability/bench/edge.bench.ts
 *
 * The body check and parse (parseJsonBody) against a bare JSON.parse of the same bytes, for a
 * typical command, 100 kB of text, 100 kB of numbers and the finding's 3,000 nested arrays; then
 * a token bucket's take for one tenant and among 100,000 client addresses. BENCH_SECONDS (1) per
 * figure.
 */
import { parseJsonBody } from '../src/json-body.parser';
import { TokenBuckets } from '../src/token-buckets';

const seconds = Number(process.env.BENCH_SECONDS ?? 1);

/** Nanoseconds per call of `work`, run for about `seconds` after a warm-up. */
const nanosecondsPer = (work: () => unknown): number => {
  for (let i = 0; i < 200; i += 1) work();
  let calls = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(seconds * 1e9));
  let now = started;
  while (now < until) {
    for (let i = 0; i < 50; i += 1) work();
    calls += 50;
    now = process.hrtime.bigint();
  }
  return Number(now - started) / calls;
};

const refusedOrParsed = (body: Buffer) => () => {
  try {
    return parseJsonBody(body, 'application/json');
  } catch (refusal) {
    return refusal;
  }
};

const bodies: [string, string][] = [
  [
    'a command (objective, 270 B)',
    JSON.stringify({
      cycleId: 'q1-2026',
      title: 'Improve customer satisfaction',
      description: 'Customers recommend us because we solve their problems quickly.',
      owner: { kind: 'squad', id: '0b6f3a52-8d1e-4c47-9d1a-5f2f0c9e7a10' },
      kind: 'committed',
    }),
  ],
  [
    '100 kB of text (50 fields)',
    JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`f${i}`, 'Ünïcode text '.repeat(150)]),
      ),
    ),
  ],
  [
    '100 kB of numbers (an array)',
    JSON.stringify(Array.from({ length: 20_000 }, (_, i) => i * 1.5)),
  ],
  ['3,000 nested arrays (6 kB, refused)', `${'['.repeat(3000)}${']'.repeat(3000)}`],
];

const microseconds = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;

console.log(`Edge benchmark: ${seconds} s per figure, Node ${process.version}`);
for (const [label, text] of bodies) {
  const bytes = Buffer.from(text);
  const checked = nanosecondsPer(refusedOrParsed(bytes));
  const bare = nanosecondsPer(() => {
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch (error) {
      return error;
    }
  });
  console.log(
    `  ${label.padEnd(38)} checked + parsed ${microseconds(checked).padStart(10)}` +
      `   JSON.parse alone ${microseconds(bare).padStart(10)}   ×${(checked / bare).toFixed(1)}`,
  );
}

const oneTenant = new TokenBuckets({ perSecond: 1e6, burst: 1e6 });
console.log(
  `  token bucket, one tenant               ${nanosecondsPer(() => oneTenant.take('acme')).toFixed(0)} ns per take`,
);
const manyClients = new TokenBuckets({ perSecond: 10, burst: 100 });
let client = 0;
console.log(
  `  token bucket, 100,000 client addresses  ${nanosecondsPer(() => manyClients.take(`198.51.${(client += 1) % 100_000}`)).toFixed(0)} ns per take (${manyClients.size} buckets kept)`,
);
