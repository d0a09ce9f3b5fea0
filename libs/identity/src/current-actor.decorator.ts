import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedActor } from './authenticated-actor';
import { type AuthenticatedRequest, correlationIdOf } from './authenticated-request';

/** The authenticated caller of this request. Not available on `@Public()` routes. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedActor => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) {
      throw new Error('@CurrentActor() used on a route without authentication (@Public?)');
    }
    return { ...request.actor, correlationId: correlationIdOf(request) };
  },
);
