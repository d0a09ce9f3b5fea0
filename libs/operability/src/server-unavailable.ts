/**
 * PostgreSQL SQLSTATEs of a server that is not there for now: 57P01–57P03 (shut down, cannot
 * connect now), 53300 (too many connections) and class 08 (connection exception); and of a call
 * it did not finish in time (ADR 0028): 57014 (statement_timeout, a cancel) and 55P03
 * (lock_timeout). A timed-out call changed nothing, and trying again later is the cure.
 */
const unavailableSqlStates = /^(57P0[123]|53300|08\d{3}|57014|55P03)$/;
/** node-postgres' own timeouts: no connection from the pool, no answer to a query. */
const postgresClientTimeouts = /^(timeout exceeded when trying to connect|Query read timeout)/;
const unavailableSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** The MongoDB driver's errors of a server it cannot reach or lost (by name: no driver import). */
const unavailableMongoErrors =
  /^Mongo(Network|NetworkTimeout|ServerSelection|NotConnected|PoolCleared|TopologyClosed|WaitQueueTimeout)Error$/;

/**
 * A store or broker under the service is unreachable, restarting, out of connections or did not
 * answer in time: waiting cures it. HTTP answers 503 with Retry-After; a projection runner waits and recovers. Anything
 * else (a bug, a refused statement) is not this.
 */
export const isServerUnavailable = (error: unknown, depth = 0): boolean => {
  if (!(error instanceof Error) || depth > 5) return false;
  if (unavailableMongoErrors.test(error.name)) return true;
  if (error.name === 'KafkaJSConnectionError' || error.name === 'KafkaJSBrokerNotFound')
    return true;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (unavailableSocketCodes.has(code) || unavailableSqlStates.test(code))
  ) {
    return true;
  }
  // pg: "Connection terminated unexpectedly" when the server goes away mid-query.
  if (/^Connection terminated/.test(error.message)) return true;
  if (postgresClientTimeouts.test(error.message)) return true;
  return error.cause !== undefined && isServerUnavailable(error.cause, depth + 1);
};
