import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { CORRELATION_HEADER, metrics } from '@rhythm/operability';
import type { NextFunction, Request, Response } from 'express';
import type { ConsoleSession } from '../session/console-session';
import { sendError, sendUnauthenticated } from './gateway-answers';
import { encodingFor, shouldCompress, streamingCompressor } from './response-compression';

/** The header every unsafe request from the console carries; a cross-site form cannot set it. */
export const CONSOLE_HEADER = 'x-rhythm-console';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Hop-by-hop (RFC 9110 §7.6.1) and what the gateway decides itself: never passed on. */
const notForwarded = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // The session stays at the gateway; the service gets the token instead.
  'cookie',
  'authorization',
  CONSOLE_HEADER,
]);

const notReturned = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // A service never sets the console's cookies.
  'set-cookie',
]);

const proxyLatency = metrics.histogram({
  name: 'rhythm_gateway_proxy_duration_seconds',
  help: 'Time from a request at the gateway to the first byte of the service, by service and status',
  labelNames: ['service', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** A service behind the gateway. */
export type RoutedTarget = Readonly<{ name: string; url: string }>;

/** Why a request never reached a service, for the 503's message. */
const unreachable = (target: RoutedTarget) =>
  `The ${target.name} service is not reachable right now; try again in a moment.`;

/**
 * Sends one request on to a service and its answer back, both streamed: the path under the
 * target's base URL, the query, the body and the headers a service reads (If-Match,
 * Accept-Language, Content-Type, x-correlation-id...), plus the bearer token of the session.
 * A service that cannot be reached, or does not start answering within `timeoutMs`, is a 503
 * in the services' error shape, never a hang.
 */
export class ServiceForwarder {
  // Kept-alive connections: the services are few and close, a handshake per request is waste.
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly timeoutMs: number) {}

  forward(
    request: Request,
    response: Response,
    target: RoutedTarget,
    path: string,
    token: string | undefined,
  ): void {
    const started = process.hrtime.bigint();
    const url = new URL(`${target.url}${path}`);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !notForwarded.has(name)) headers[name] = value;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const correlationId = (request as { correlationId?: string }).correlationId;
    if (correlationId) headers[CORRELATION_HEADER] = correlationId;
    const secure = url.protocol === 'https:';
    const outgoing = (secure ? httpsRequest : httpRequest)(url, {
      method: request.method,
      headers,
      agent: secure ? this.httpsAgent : this.httpAgent,
    });
    let answered = false;
    const fail = () => {
      if (answered) return;
      answered = true;
      proxyLatency.observe({ service: target.name, status: '503' }, seconds(started));
      outgoing.destroy();
      sendError(request, response, 503, 'service_unavailable', unreachable(target), {});
    };
    const timer = setTimeout(fail, this.timeoutMs);
    outgoing.on('error', () => {
      clearTimeout(timer);
      if (answered) response.destroy();
      else fail();
    });
    outgoing.on('response', (incoming) => {
      clearTimeout(timer);
      if (answered) {
        incoming.resume();
        return;
      }
      answered = true;
      const status = incoming.statusCode ?? 502;
      proxyLatency.observe({ service: target.name, status: String(status) }, seconds(started));
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined && !notReturned.has(name)) response.setHeader(name, value);
      }
      response.status(status);
      const encoding = encodingFor(request.headers['accept-encoding']);
      if (encoding && shouldCompress(incoming.headers, status)) {
        response.removeHeader('content-length');
        response.setHeader('content-encoding', encoding);
        response.vary('accept-encoding');
        incoming.pipe(streamingCompressor(encoding)).pipe(response);
      } else {
        incoming.pipe(response);
      }
      incoming.on('error', () => response.destroy());
    });
    // The browser went away: the service need not finish writing to nobody.
    response.on('close', () => {
      clearTimeout(timer);
      if (!response.writableFinished) outgoing.destroy();
    });
    request.pipe(outgoing);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * Unsafe methods must carry X-Rhythm-Console: a page of another site can make a browser send a
 * form or a simple request with the cookie, but not a custom header (it would need CORS, which
 * the gateway never grants). SameSite=Strict is the first wall, this the second.
 */
export const requireConsoleHeader = (
  request: Request,
  response: Response,
  next: NextFunction,
): void => {
  if (SAFE_METHODS.has(request.method) || request.headers[CONSOLE_HEADER] !== undefined) {
    next();
    return;
  }
  sendError(
    request,
    response,
    403,
    'forbidden',
    `A change must come from the console (the ${CONSOLE_HEADER} header is missing).`,
  );
};

/** `/api/<service>/rest?query` → `/rest?query`. */
export const pathUnder = (request: Request, prefix: string): string => {
  const rest = request.originalUrl.slice(prefix.length);
  if (rest === '' || rest.startsWith('?')) return `/${rest}`;
  return rest;
};

/**
 * The routes `/api/<service>/*`: CSRF header for changes, a session, then the service with the
 * session's token.
 */
export const serviceRoute =
  (
    target: RoutedTarget,
    forwarder: ServiceForwarder,
    sessionOf: (request: Request) => ConsoleSession | undefined,
  ) =>
  (request: Request, response: Response, next: NextFunction): void => {
    requireConsoleHeader(request, response, () => {
      const session = sessionOf(request);
      if (!session) {
        sendUnauthenticated(request, response);
        return;
      }
      (request as { actor?: unknown }).actor = {
        personId: session.personId,
        tenantId: session.organisationId,
      };
      try {
        forwarder.forward(
          request,
          response,
          target,
          pathUnder(request, `/api/${target.name}`),
          session.token,
        );
      } catch (error) {
        next(error);
      }
    });
  };
