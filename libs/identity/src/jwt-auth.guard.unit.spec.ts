import { Controller, Get, Module, Post } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import { Forbidden } from '@rhythm/event-sourcing';
import { AccessTokenVerifier, IdentityMisconfigured } from './access-token-verifier';
import { IdentityModule } from './identity.module';
import { JwtAuthGuard, NotAMember } from './jwt-auth.guard';
import { OrganisationSetup } from './organisation-setup.decorator';
import { PERSON_REGISTRY, type PersonRegistry } from './person-registry';
import { Public } from './public.decorator';
import { RequireRole } from './require-role.decorator';
import { mintTestToken, testIdentityConfig } from './testing';

@Controller('squads')
class SquadsController {
  @Get()
  list() {
    return [];
  }

  @Post()
  @RequireRole('admin')
  form() {
    return {};
  }

  @Get('health')
  @Public()
  health() {
    return 'ok';
  }
}

@Controller('organisation')
class OrganisationController {
  @Post()
  @RequireRole('admin')
  @OrganisationSetup()
  establish() {
    return {};
  }
}

const tenant = 'acme';
/** The people of acme: Pia and Olga; any other subject is no person of it. */
const people = new Set(['pia', 'olga']);
const lookups: string[] = [];
const registry: PersonRegistry = {
  isPerson: (tenantId, personId) => {
    lookups.push(`${tenantId}/${personId}`);
    return Promise.resolve(tenantId === tenant && people.has(personId));
  },
};

const guardWith = (persons: PersonRegistry) => {
  const guard = new JwtAuthGuard(new Reflector(), new AccessTokenVerifier(testIdentityConfig()), {
    get: () => persons,
  } as unknown as ModuleRef);
  guard.onModuleInit();
  return guard;
};

/** What the guard says about a request with this token to one handler of a controller. */
const outcome = async (
  guard: JwtAuthGuard,
  route: [controller: new () => object, handler: string],
  token: string | undefined,
): Promise<string> => {
  const [controller, handler] = route;
  const request = { headers: token ? { authorization: `Bearer ${token}` } : {} };
  const context = new ExecutionContextHost(
    [request, {}, () => undefined],
    controller as never,
    (controller.prototype as Record<string, () => unknown>)[handler],
  );
  try {
    await guard.canActivate(context);
    return 'allowed';
  } catch (error) {
    if (error instanceof NotAMember) return `403 ${error.refusal}`;
    if (error instanceof Forbidden) return '403 role';
    throw error;
  }
};

const list: [typeof SquadsController, string] = [SquadsController, 'list'];
const form: [typeof SquadsController, string] = [SquadsController, 'form'];
const establish: [typeof OrganisationController, string] = [OrganisationController, 'establish'];
const token = (sub: string, roles: readonly string[]) => mintTestToken({ sub, tenant, roles });

describe('JwtAuthGuard', () => {
  const guard = guardWith(registry);

  it('lets a person of the organisation with a known role act', async () => {
    expect(await outcome(guard, list, token('pia', ['member']))).toBe('allowed');
    expect(await outcome(guard, form, token('olga', ['admin']))).toBe('allowed');
  });

  it('refuses a token whose roles are all unknown, even for a person (403)', async () => {
    for (const roles of [['Admin'], ['superuser'], [], ['ADMIN', 'Member']]) {
      expect(await outcome(guard, list, token('pia', roles))).toBe('403 no_known_role');
      expect(await outcome(guard, establish, token('pia', roles))).toBe('403 no_known_role');
    }
  });

  it('refuses a subject that is not a person of the organisation (403)', async () => {
    expect(await outcome(guard, list, token('mallory', ['member']))).toBe('403 not_a_person');
    expect(await outcome(guard, form, token('mallory', ['admin']))).toBe('403 not_a_person');
    const otherTenant = mintTestToken({ sub: 'pia', tenant: 'globex', roles: ['member'] });
    expect(await outcome(guard, list, otherTenant)).toBe('403 not_a_person');
  });

  it('lets an admin who is not a person yet set up the organisation, and nothing else', async () => {
    expect(await outcome(guard, establish, token('first-admin', ['admin']))).toBe('allowed');
    expect(await outcome(guard, form, token('first-admin', ['admin']))).toBe('403 not_a_person');
    expect(await outcome(guard, establish, token('stranger', ['member']))).toBe('403 not_a_person');
  });

  it('still asks for the roles of @RequireRole', async () => {
    expect(await outcome(guard, form, token('pia', ['member']))).toBe('403 role');
  });

  it('lets anyone reach a @Public route, without looking at the token', async () => {
    expect(await outcome(guard, [SquadsController, 'health'], undefined)).toBe('allowed');
  });

  it('asks the registry once for a burst of requests by one person', async () => {
    const counting = guardWith(registry);
    lookups.length = 0;
    const pia = token('pia', ['member']);
    await Promise.all([1, 2, 3, 4, 5].map(() => outcome(counting, list, pia)));
    await outcome(counting, list, pia);
    expect(lookups).toEqual(['acme/pia']);
  });
});

describe('IdentityModule', () => {
  @Module({ controllers: [SquadsController] })
  class WithoutRegistry {}

  @Module({
    controllers: [SquadsController],
    providers: [{ provide: PERSON_REGISTRY, useValue: registry }],
  })
  class WithRegistry {}

  const boot = async (module: new () => object) => {
    const testing = await Test.createTestingModule({
      imports: [IdentityModule.forRoot(testIdentityConfig()), module],
    }).compile();
    const app = testing.createNestApplication({ logger: false });
    try {
      await app.init();
      return 'started';
    } finally {
      await app.close();
    }
  };

  it('finds the PersonRegistry a service binds in one of its own modules', async () => {
    expect(await boot(WithRegistry)).toBe('started');
  });

  it('does not start a service that binds no PersonRegistry', async () => {
    await expect(boot(WithoutRegistry)).rejects.toThrow(IdentityMisconfigured);
  });
});
