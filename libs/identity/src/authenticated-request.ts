import { randomUUID } from 'node:crypto';
import { type AuthenticatedActor } from './authenticated-actor';

/**
 * What identity reads from and adds to the HTTP request. `correlationId` is set by the
 * operability correlation middleware; `actor` by JwtAuthGuard.
 */
export type AuthenticatedRequest = {
  headers: Record<string, string | string[] | undefined>;
  correlationId?: string;
  actor?: Omit<AuthenticatedActor, 'correlationId'>;
};

export const bearerTokenOf = (request: AuthenticatedRequest): string | undefined => {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match?.[1];
};

export const correlationIdOf = (request: AuthenticatedRequest): string => {
  if (request.correlationId) return request.correlationId;
  // Without the operability middleware there is still one id per request.
  request.correlationId = randomUUID();
  return request.correlationId;
};
