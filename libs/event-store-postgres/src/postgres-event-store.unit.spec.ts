import { appendFunctionStatement, assertSchemaName } from './event-store-schema';
import { expectedRevisionParameter, translateAppendError } from './postgres-event-store';

describe('PostgreSQL event store, without a server', () => {
  it.each([
    ['any', 'any'],
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    [0, '0'],
    [12, '12'],
    [-1, 'no_stream'],
  ] as const)('passes the expected revision %p to the append function as %p', (expected, sent) => {
    expect(expectedRevisionParameter(expected)).toBe(sent);
  });

  it.each([-2, 0.5, Number.NaN])('refuses %p as an expected revision', (expected) => {
    expect(() => expectedRevisionParameter(expected)).toThrow(RangeError);
  });

  it.each(['event_store', 'es_m3x_ab12cd', '_x'])('accepts the schema name %p', (schema) => {
    expect(assertSchemaName(schema)).toBe(schema);
  });

  it.each(['Events', 'a-b', 'x"; DROP TABLE', '1st', ''])(
    'refuses the schema name %p',
    (schema) => {
      expect(() => assertSchemaName(schema)).toThrow(/Invalid event store schema name/);
    },
  );

  it('takes the per-schema append lock before it reads the head position', () => {
    const appendFunction = appendFunctionStatement('orgs');
    const lock = appendFunction.indexOf("pg_advisory_xact_lock(1380473137, hashtext('orgs'))");
    expect(lock).toBeGreaterThan(0);
    expect(lock).toBeLessThan(appendFunction.indexOf('max(e.global_position)'));
    expect(appendFunction).toContain("pg_notify('orgs_events'");
  });

  it('names a duplicate event id plainly and leaves other failures alone', () => {
    const duplicate = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'events_event_id_key',
    });
    expect(String(translateAppendError(duplicate, 'squad-1'))).toMatch(/already stored/);
    const other = new Error('connection refused');
    expect(translateAppendError(other, 'squad-1')).toBe(other);
  });
});
