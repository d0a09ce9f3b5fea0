import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { Forbidden } from '@rhythm/event-sourcing';
import { AccessTokenVerifier, IdentityMisconfigured } from './access-token-verifier';
import { hasAnyRole, type Role } from './authenticated-actor';
import { type AuthenticatedRequest, bearerTokenOf } from './authenticated-request';
import { ORGANISATION_SETUP } from './organisation-setup.decorator';
import { PERSON_REGISTRY, type PersonRegistry, rememberingPersonRegistry } from './person-registry';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './require-role.decorator';

/** Why a verified token still may not act: precise, for the logs (the answer is a plain 403). */
export class NotAMember extends Forbidden {
  constructor(
    readonly refusal: 'no_known_role' | 'not_a_person',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked `@Public()`; the token
 * must carry a role this service knows, and its subject must be a person of the organisation
 * (except for an admin on an `@OrganisationSetup()` route); then the roles of `@RequireRole(...)`.
 * Only HTTP: Kafka handlers are not reached by it.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate, OnModuleInit {
  private people?: PersonRegistry;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier,
    private readonly modules: ModuleRef,
  ) {}

  /** The service's PersonRegistry, bound in any of its modules; a service without one cannot start. */
  onModuleInit(): void {
    let registry: PersonRegistry;
    try {
      registry = this.modules.get<PersonRegistry>(PERSON_REGISTRY, { strict: false });
    } catch {
      throw new IdentityMisconfigured(
        'No PersonRegistry is bound: provide PERSON_REGISTRY (@rhythm/identity) in a module of ' +
          'the service, so that only people of the organisation can act',
      );
    }
    this.people = rememberingPersonRegistry(registry);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.verifier.verify(bearerTokenOf(request));
    // Unknown roles were dropped by the verifier: a token left with none is nobody's member.
    if (actor.roles.length === 0) {
      throw new NotAMember(
        'no_known_role',
        'The access token grants no role in this organisation.',
      );
    }
    const setup = this.reflector.getAllAndOverride<boolean>(ORGANISATION_SETUP, targets) === true;
    if (!(setup && actor.roles.includes('admin'))) {
      if (!this.people) throw new Error('JwtAuthGuard used before the module was initialised');
      if (!(await this.people.isPerson(actor.tenantId, actor.personId))) {
        throw new NotAMember('not_a_person', 'The caller is not a person of this organisation.');
      }
    }
    request.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !hasAnyRole(actor, required)) {
      throw new Forbidden(`This needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
