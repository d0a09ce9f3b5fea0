import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden } from '@rhythm/event-sourcing';
import { AccessTokenVerifier } from './access-token-verifier';
import { hasAnyRole, type Role } from './authenticated-actor';
import { type AuthenticatedRequest, bearerTokenOf } from './authenticated-request';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './require-role.decorator';

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked `@Public()`, and the
 * roles of `@RequireRole(...)` when present. Only HTTP: Kafka handlers are not reached by it.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = this.verifier.verify(bearerTokenOf(request));
    request.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !hasAnyRole(actor, required)) {
      throw new Forbidden(`This needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
