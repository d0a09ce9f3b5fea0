import { type NextFunction, type Request, type Response } from 'express';
import { type Logger } from 'pino';
import { httpRequestDuration } from './metrics';
import { CORRELATION_HEADER, correlationIdFrom, runWithCorrelationId } from './request-context';

/** Probes arrive every few seconds: logged at debug so that they do not bury real traffic. */
const probePaths = /^\/(health\/(live|ready)|metrics)$/;

/** Route pattern for the metric label: `/squads/:id`, never raw ids (label cardinality). */
const routeOf = (request: Request): string => {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${request.baseUrl}${route}` : 'unmatched';
};

/**
 * First middleware of every request: takes `x-correlation-id` or makes one, echoes it, runs the
 * request inside its context, and at the end writes one request log line and the duration metric.
 */
export const requestLoggingMiddleware =
  (logger: Logger) =>
  (request: Request & { correlationId?: string }, response: Response, next: NextFunction) => {
    const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    request.correlationId = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();

    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      const status = response.statusCode;
      httpRequestDuration.observe(
        { method: request.method, route, status: String(status) },
        seconds,
      );
      const actor = (request as { actor?: { personId: string; tenantId: string } }).actor;
      const line = {
        correlationId,
        method: request.method,
        path: request.path,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(actor ? { personId: actor.personId, tenantId: actor.tenantId } : {}),
      };
      if (status >= 500) logger.error(line, 'request');
      else if (probePaths.test(request.path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });

    runWithCorrelationId(correlationId, next);
  };
