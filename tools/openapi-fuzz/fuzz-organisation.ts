import { randomUUID } from 'node:crypto';
import { assertLocalTarget } from './local-target';

/** Signs a token for a subject of a tenant with these roles (the development key, or a test key). */
export type Mint = (subject: string, tenant: string, roles: readonly string[]) => string;

/** Who acts in a fuzz run, and the ids that exist before it starts. */
export type FuzzOrganisation = Readonly<{
  tenant: string;
  /** Ada: a person of the organisation and an admin. Every request but the auth cases. */
  token: string;
  /** Bob, a member; the founder (an admin who is no person); an admin of another organisation. */
  otherTokens: readonly string[];
  /** By collection, as the fuzzer's chaining keeps them: `people`, `tribes`, `cycles`, … */
  knownIds: Readonly<Record<string, readonly string[]>>;
}>;

export type FuzzOrganisationOptions = Readonly<{
  /** The org service: the organisation, its people and units are made there. */
  orgUrl: string;
  /** The goals service, if it is fuzzed too: waits until it knows Ada, then adds a cycle and OKRs. */
  goalsUrl?: string;
  tenant: string;
  mint: Mint;
  /** Default 60 s: how long the goals service may take to learn of the organisation. */
  goalsWaitMs?: number;
  log?: (line: string) => void;
}>;

const call = async (
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; answer: Record<string, unknown> }> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    answer: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
};

const created = async (baseUrl: string, token: string, path: string, body: unknown) => {
  const { status, answer } = await call(baseUrl, token, 'POST', path, body);
  if (status < 200 || status >= 300) {
    throw new Error(`setting up: POST ${path} answered ${status} ${JSON.stringify(answer)}`);
  }
  return answer as Record<string, string>;
};

/**
 * The identities ADR 0032 asks for: a founder (an admin who is no person) establishes the
 * organisation and registers its people; Ada (a person, admin) and Bob (a person, member) act.
 * Then a small organisation, so that the fuzzer's ids reach units, people and OKRs that exist.
 */
export const establishFuzzOrganisation = async (
  options: FuzzOrganisationOptions,
): Promise<FuzzOrganisation> => {
  const orgUrl = assertLocalTarget(options.orgUrl).toString().replace(/\/$/, '');
  const log = options.log ?? (() => undefined);
  const { tenant, mint } = options;
  const founder = mint(randomUUID(), tenant, ['admin']);
  log(`setting up organisation ${tenant} on ${orgUrl} as its founder`);
  await created(orgUrl, founder, '/organisation', { name: `Fuzz ${tenant}` });
  const person = async (name: string) =>
    (await created(orgUrl, founder, '/people', { name, email: `${name.toLowerCase()}@fuzz.test` }))
      .id;
  const ada = await person('Ada');
  const bob = await person('Bob');
  // Ada is not among the known ids: the fuzzer making her leave would leave nobody to act.
  const people = [bob, await person('Cid'), await person('Dee')];
  const token = mint(ada, tenant, ['admin']);
  const member = mint(bob, tenant, ['member']);
  const elsewhere = mint(randomUUID(), `${tenant}-elsewhere`, ['admin']);

  const tribe = (await created(orgUrl, token, '/tribes', { name: 'Payments', mission: 'Money' }))
    .id;
  const squad = (await created(orgUrl, token, '/squads', { tribeId: tribe, name: 'Checkout' })).id;
  const chapter = (
    await created(orgUrl, token, '/chapters', { tribeId: tribe, name: 'Backend', craft: 'code' })
  ).id;
  const guild = (await created(orgUrl, token, '/guilds', { name: 'Web' })).id;
  await created(orgUrl, token, `/squads/${squad}/members`, { personId: bob });
  await created(orgUrl, token, `/guilds/${guild}/members`, { personId: people[1] });
  log(`Ada (admin) ${ada}, Bob (member) ${bob}; tribe ${tribe}, squad ${squad}`);
  const knownIds: Record<string, string[]> = {
    people,
    tribes: [tribe],
    squads: [squad],
    chapters: [chapter],
    guilds: [guild],
  };
  if (options.goalsUrl) {
    Object.assign(knownIds, await goalsOf(options, { token, ada, bob, squad, guild }));
  }
  return { tenant, token, otherTokens: [member, founder, elsewhere], knownIds };
};

/** Waits until the goals service has heard of Ada and the squad, then a cycle with OKRs. */
const goalsOf = async (
  options: FuzzOrganisationOptions,
  org: Readonly<{ token: string; ada: string; bob: string; squad: string; guild: string }>,
) => {
  const goalsUrl = assertLocalTarget(options.goalsUrl ?? '')
    .toString()
    .replace(/\/$/, '');
  const { token } = org;
  const deadline = Date.now() + (options.goalsWaitMs ?? 60_000);
  options.log?.(`waiting until ${goalsUrl} knows the organisation (from the org topic)`);
  for (;;) {
    // 403 until the org directory has Ada as a person; 404 until it has the squad.
    const { status } = await call(goalsUrl, token, 'GET', `/units/squad/${org.squad}/objectives`);
    if (status === 200) break;
    if (Date.now() > deadline) {
      throw new Error(`${goalsUrl} did not learn of the organisation (last answer ${status})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const cycleId = `fuzz-${randomUUID().slice(0, 8)}`;
  await created(goalsUrl, token, '/cycles', {
    cycleId,
    name: 'Q1',
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
  });
  await created(goalsUrl, token, `/cycles/${cycleId}/activate`, {});
  const objective = (
    await created(goalsUrl, token, '/objectives', {
      cycleId,
      title: 'Checkout that never fails',
      owner: { kind: 'squad', id: org.squad },
      kind: 'committed',
    })
  ).id;
  const keyResult = (
    await created(goalsUrl, token, `/objectives/${objective}/key-results`, {
      title: 'Cut failed payments to 0.5%',
      metric: { type: 'percentage', unit: '%', start: 2, target: 0.5, direction: 'decrease' },
      owner: org.bob,
    })
  ).keyResultId;
  const proposal = (
    await created(goalsUrl, token, '/proposals/objectives', {
      cycleId,
      unit: { kind: 'squad', id: org.squad },
      draft: { title: 'Faster refunds', kind: 'aspirational' },
    })
  ).id;
  const ambition = (
    await created(goalsUrl, token, '/people/me/ambitions', { kind: 'growth', title: 'Learn Go' })
  ).id;
  options.log?.(`cycle ${cycleId}, objective ${objective}, key result ${keyResult}`);
  return {
    cycles: [cycleId],
    objectives: [objective],
    'key-results': [keyResult],
    proposals: [proposal],
    ambitions: [ambition],
    contributors: [org.bob],
    followers: [org.guild],
    alignments: [objective],
    units: [org.squad],
    templates: ['improve-customer-satisfaction'],
  };
};
