import { type CanActivate, type ExecutionContext } from '@nestjs/common';
import { bearerTokenOf } from '@rhythm/identity';
import { type NextFunction, type Request, type Response } from 'express';
import { metrics } from './metrics';
import { type RateLimit, TokenBuckets } from './token-buckets';

/** Whose allowance a refused request used up. */
export type ThrottledBy = 'tenant' | 'client';

/** 429 too_many_requests, with Retry-After (ADR 0008, ADR 0033). */
export class RequestThrottled extends Error {
  constructor(
    readonly by: ThrottledBy,
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many requests from this ${by}; retry after ${retryAfterSeconds} s`);
    this.name = 'RequestThrottled';
  }
}

export type RateLimits = Readonly<{
  /** Every authenticated request, by the tenant of its token. */
  tenant: RateLimit;
  /** Every request that does not authenticate, by client address. */
  client: RateLimit;
}>;

const throttledRequests = () =>
  metrics.counter({
    name: 'rhythm_http_requests_throttled_total',
    help: 'Requests refused with 429, by limit (tenant or client) and tenant ("" for clients)',
    labelNames: ['limit', 'tenant'],
  });

/** Probes and scrapes are never limited: an orchestrator must always get its answer. */
const unlimitedPaths = /^\/(health\/(live|ready)|metrics)$/;

type RequestWithActor = Request & { actor?: Readonly<{ tenantId: string }> };

/**
 * The services' rate limits, per replica (ADR 0033): a token bucket per tenant for authenticated
 * requests, and one per client address for the rest.
 */
export class RequestRateLimits {
  private readonly tenants: TokenBuckets;
  private readonly clients: TokenBuckets;

  constructor(limits: RateLimits, clock?: () => number) {
    this.tenants = new TokenBuckets(limits.tenant, clock);
    this.clients = new TokenBuckets(limits.client, clock);
  }

  private refused(by: ThrottledBy, tenant: string, seconds: number): RequestThrottled {
    throttledRequests().inc({ limit: by, tenant });
    return new RequestThrottled(by, seconds);
  }

  /**
   * First, before the body is read. A request without a token takes from its client's bucket;
   * one with a token is let through unless its client's bucket is empty, and takes from it when
   * it ends without authenticating (a refused token, an unknown route, a body that does not
   * parse). So a client that sends bad tokens is slowed like one that sends none.
   */
  readonly byClient = (request: RequestWithActor, response: Response, next: NextFunction) => {
    if (unlimitedPaths.test(request.path)) return next();
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    if (bearerTokenOf({ headers: request.headers }) === undefined) {
      const wait = this.clients.take(client);
      return next(wait > 0 ? this.refused('client', '', wait) : undefined);
    }
    const wait = this.clients.wait(client);
    if (wait > 0) return next(this.refused('client', '', wait));
    response.once('finish', () => {
      if (request.actor === undefined) this.clients.take(client);
    });
    next();
  };

  /** A guard after the token guard: every authenticated request takes from its tenant's bucket. */
  readonly byTenant: CanActivate = {
    canActivate: (context: ExecutionContext) => {
      if (context.getType() !== 'http') return true;
      const tenant = context.switchToHttp().getRequest<RequestWithActor>().actor?.tenantId;
      if (tenant === undefined) return true;
      const wait = this.tenants.take(tenant);
      if (wait > 0) throw this.refused('tenant', tenant, wait);
      return true;
    },
  };
}
