import { mintDevelopmentToken } from '@rhythm/identity';
import { expectEventually, uniqueName } from '@rhythm/testing';
import type { ConsoleWorld } from './console-world';

type Answer = Readonly<{ status: number; body: Record<string, unknown> }>;

/** One person's calls to a service, with a development token, as `npm run token` mints. */
const caller =
  (baseUrl: string, organisationId: string, personId: string, roles: readonly string[]) =>
  async (method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<Answer> => {
    const token = mintDevelopmentToken({
      sub: personId,
      tenant: organisationId,
      roles: [...roles],
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };

const expectStatus = (answer: Answer, statuses: readonly number[], what: string): Answer => {
  if (!statuses.includes(answer.status)) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
};

const idOf = (answer: Answer): string => String(answer.body.id);

/** The people of the scripted quarter, by name as the sign-in page lists them. */
export type QuarterPeople = Readonly<{
  /** The OKR champion, an administrator of the organisation. */
  olivia: string;
  /** Tribe lead of Payments. */
  tess: string;
  /** Product owner of the Checkout squad. */
  pete: string;
  /** A member of the Checkout squad. */
  sam: string;
  /** In the organisation, in no unit of Sam's or Pete's: leads neither of them. */
  uma: string;
}>;

/**
 * What the quarter starts from, set up over the services' APIs (the brief allows it): an
 * organisation with a tribe, a squad and its people, an active cycle, and the company's objective
 * the squad will align to. Everything after this happens in the browser.
 */
export type QuarterCast = Readonly<{
  organisationId: string;
  organisationName: string;
  people: QuarterPeople;
  names: Readonly<Record<keyof QuarterPeople, string>>;
  tribeId: string;
  squadId: string;
  cycleId: string;
  cycleName: string;
  companyObjectiveId: string;
  companyObjectiveTitle: string;
}>;

const day = 24 * 3600_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

export const castTheQuarter = async (
  world: ConsoleWorld,
  options: Readonly<{ prefix?: string }> = {},
): Promise<QuarterCast> => {
  const organisationId = uniqueName(options.prefix ?? 'quarter').replace(/_/g, '-');
  const organisationName = 'Acme Music';
  const founder = caller(world.services.org.url, organisationId, 'founder', ['admin']);
  expectStatus(
    await founder('POST', '/organisation', { name: organisationName }),
    [201],
    'establish the organisation',
  );
  const names = { olivia: 'Olivia', tess: 'Tess', pete: 'Pete', sam: 'Sam', uma: 'Uma' } as const;
  const people = {} as Record<keyof QuarterPeople, string>;
  for (const [key, name] of Object.entries(names) as [keyof QuarterPeople, string][]) {
    people[key] = idOf(
      expectStatus(
        await founder('POST', '/people', { name, email: `${name.toLowerCase()}@acme.test` }),
        [201],
        `${name} joins`,
      ),
    );
  }
  const admin = caller(world.services.org.url, organisationId, people.olivia, ['admin']);
  const tribeId = idOf(
    expectStatus(
      await admin('POST', '/tribes', { name: 'Payments', mission: 'Money moves safely' }),
      [201],
      'form the tribe',
    ),
  );
  const squadId = idOf(
    expectStatus(
      await admin('POST', '/squads', { tribeId, name: 'Checkout' }),
      [201],
      'form the squad',
    ),
  );
  expectStatus(
    await admin('PUT', `/tribes/${tribeId}/lead`, { personId: people.tess }),
    [200],
    'appoint the tribe lead',
  );
  expectStatus(
    await admin('PUT', `/squads/${squadId}/product-owner`, { personId: people.pete }),
    [200],
    'appoint the product owner',
  );
  for (const personId of [people.pete, people.sam]) {
    expectStatus(
      await admin('POST', `/squads/${squadId}/members`, { personId }),
      [200, 201],
      'join the squad',
    );
  }

  const goals = caller(world.services.goals.url, organisationId, people.olivia, ['admin']);
  const cycleId = 'q1';
  const cycleName = 'Quarter one';
  // Goals learns the organisation from the org topic: the admin is known once this is accepted.
  await expectEventually(
    async () =>
      expectStatus(
        await goals('POST', '/cycles', {
          cycleId,
          name: cycleName,
          startsOn: isoDay(Date.now() - 30 * day),
          endsOn: isoDay(Date.now() + 60 * day),
        }),
        [201, 409],
        'plan the cycle',
      ),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  expectStatus(
    await goals('POST', `/cycles/${cycleId}/activate`),
    [200, 409],
    'activate the cycle',
  );
  const companyObjectiveTitle = 'Customers pay without friction';
  const companyObjectiveId = idOf(
    expectStatus(
      await goals('POST', '/objectives', {
        cycleId,
        title: companyObjectiveTitle,
        description: "The company's objective for the quarter",
        owner: { kind: 'company' },
        kind: 'committed',
        visibility: 'public',
      }),
      [201],
      "set the company's objective",
    ),
  );
  expectStatus(
    await goals('POST', `/objectives/${companyObjectiveId}/key-results`, {
      title: 'Checkout conversion',
      metric: { type: 'percentage', unit: '%', start: 60, target: 75, direction: 'increase' },
      owner: people.olivia,
    }),
    [201],
    "the company objective's key result",
  );
  expectStatus(
    await goals('POST', `/objectives/${companyObjectiveId}/activate`),
    [200],
    "activate the company's objective",
  );
  return {
    organisationId,
    organisationName,
    people,
    names,
    tribeId,
    squadId,
    cycleId,
    cycleName,
    companyObjectiveId,
    companyObjectiveTitle,
  };
};

/** A person's calls to one of the world's services, for the few steps a test sets up by API. */
export const callAs = (
  world: ConsoleWorld,
  service: 'org' | 'goals' | 'checkins' | 'recognition',
  organisationId: string,
  personId: string,
  roles: readonly string[] = ['member'],
) => caller(world.services[service].url, organisationId, personId, roles);

/** A squad objective with one key result, set up and activated over goals' API by its lead. */
export type SquadKeyResult = Readonly<{
  objectiveId: string;
  objectiveTitle: string;
  keyResultId: string;
  keyResultTitle: string;
}>;

/**
 * The squad's product owner sets an objective of the squad with one key result (0 → 100 points)
 * owned by `ownerId`, and activates it: for tests whose subject comes after the setting of OKRs.
 */
export const squadKeyResult = async (
  world: ConsoleWorld,
  cast: QuarterCast,
  options: Readonly<{ objectiveTitle: string; keyResultTitle: string; ownerId: string }>,
): Promise<SquadKeyResult> => {
  const lead = callAs(world, 'goals', cast.organisationId, cast.people.pete);
  // Goals' org directory may not know Pete as the squad's lead, nor the owner, yet (the org
  // topic's partitions are read independently).
  const objectiveId = idOf(
    await expectEventually(
      async () =>
        expectStatus(
          await lead('POST', '/objectives', {
            cycleId: cast.cycleId,
            title: options.objectiveTitle,
            owner: { kind: 'squad', id: cast.squadId },
            kind: 'committed',
            visibility: 'public',
          }),
          [201],
          "set the squad's objective",
        ),
      { timeoutMs: 60_000, intervalMs: 250 },
    ),
  );
  const keyResult = await expectEventually(
    async () =>
      expectStatus(
        await lead('POST', `/objectives/${objectiveId}/key-results`, {
          title: options.keyResultTitle,
          metric: { type: 'number', unit: 'points', start: 0, target: 100, direction: 'increase' },
          owner: options.ownerId,
        }),
        [201],
        'add the key result',
      ),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  expectStatus(
    await lead('POST', `/objectives/${objectiveId}/activate`),
    [200],
    "activate the squad's objective",
  );
  return {
    objectiveId,
    objectiveTitle: options.objectiveTitle,
    keyResultId: String(keyResult.body.keyResultId),
    keyResultTitle: options.keyResultTitle,
  };
};
