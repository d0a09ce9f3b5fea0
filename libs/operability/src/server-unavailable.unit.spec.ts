import { isServerUnavailable } from './server-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const named = (name: string, message = 'failed') => Object.assign(new Error(message), { name });

describe('isServerUnavailable', () => {
  it.each([
    [
      'a statement the server cancelled at statement_timeout',
      withCode('canceling statement due to statement timeout', '57014'),
    ],
    [
      'a lock wait ended by lock_timeout',
      withCode('canceling statement due to lock timeout', '55P03'),
    ],
    [
      'no pooled PostgreSQL connection in time',
      new Error('timeout exceeded when trying to connect'),
    ],
    ['a PostgreSQL server that went silent', new Error('Query read timeout')],
    ['a read store whose socket timed out', named('MongoNetworkTimeoutError')],
    ['no pooled read-store connection in time', named('MongoWaitQueueTimeoutError')],
    [
      'a server shutting down',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    [
      'a timeout wrapped as a cause',
      new Error('Relay failed', { cause: withCode('timeout', '57014') }),
    ],
  ])('counts %s as an outage', (_, error) => {
    expect(isServerUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a refused read-store write', named('MongoServerError', 'E11000 duplicate key error')],
    ['a bug', new TypeError('cannot read properties of undefined')],
  ])('does not count %s as an outage', (_, error) => {
    expect(isServerUnavailable(error)).toBe(false);
  });
});
