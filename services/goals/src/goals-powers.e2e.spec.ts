import { randomUUID } from 'node:crypto';
import { uniqueName } from '@rhythm/testing';
import type { Response, Test } from 'supertest';
import { startGoalsTestApp, type GoalsTestApp } from './testing/goals-test-app';
import {
  staff,
  staffOrganisation,
  units,
  type GoalsClient,
  type StaffRole,
  type StaffedOrganisation,
} from './testing/staffed-organisation';

jest.setTimeout(300_000);

/** One try at a power, as one person (their id for what they do to themselves). */
type Attempt = (client: GoalsClient, personId: string) => Test;

type Row = Readonly<{
  /** The row as docs/security.md ("Powers", goals) writes it. */
  power: string;
  /** Who holds it: every other role is refused. */
  may: readonly StaffRole[];
  /** Fresh state for one try, and the try. */
  arrange: () => Promise<Attempt>;
  /** What a refusal answers: 403, or 404 where the object is out of the caller's reach. */
  refusedWith?: number;
}>;

const roles = Object.keys(staff) as StaffRole[];
const everyone = roles;

const percentage = { type: 'percentage', unit: '%', start: 0, target: 100, direction: 'increase' };
const squadTitle = 'Effortless checkout';
const tribeTitle = 'Delight payment customers';
const titles = [squadTitle, tribeTitle, 'Card payments on the new provider'];

/**
 * The goals rows of the table of powers (docs/security.md, "Powers"), tried at the HTTP edge row
 * by row, by every role of the organisation: admin, tribe lead, product owner, chapter lead, guild
 * coordinator, member, and a member and product owner of another squad. Every object here is
 * public: who may see what is goals-privacy.e2e.spec.ts's subject.
 */
describe('The goals rows of the table of powers, at the HTTP edge', () => {
  let goals: GoalsTestApp;
  let org: StaffedOrganisation;
  /** A running cycle that no row moves on. */
  let cycleId: string;
  /** The tribe's objective, for squad objectives to align to. */
  let tribeObjective: string;

  const as = (role: StaffRole) => org.as(staff[role]);
  const body = async (call: Test, status: number): Promise<Record<string, string>> => {
    const response = await call;
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
    return response.body as Record<string, string>;
  };

  /**
   * The squad's active objective, its key result owned by the member and, unless asked not to,
   * the other squad's member listed as contributor by the product owner.
   */
  const squadObjective = async (onCycle = cycleId, withContributor = true) => {
    const made = await org.okrs.objective({
      cycleId: onCycle,
      owner: units.squad,
      by: staff.productOwner,
      title: squadTitle,
      keyResultOwner: staff.member,
    });
    if (withContributor) {
      await body(
        as('productOwner').put(
          `/objectives/${made.objectiveId}/contributors/${staff.otherSquadMember}`,
        ),
        200,
      );
    }
    return made;
  };
  /** Arranges nothing: the try needs no state of its own. */
  const anytime = (attempt: Attempt) => (): Promise<Attempt> => Promise.resolve(attempt);
  const cycleIn = (status: 'planning' | 'active' | 'review' | 'closed') => org.okrs.cycle(status);
  /** The other squad's member proposes a key result for a squad objective. */
  const proposal = async (returned = false) => {
    const { objectiveId } = await squadObjective();
    const { id } = await body(
      as('otherSquadMember').post('/proposals/key-results', {
        objectiveId,
        draft: { title: 'Refunds in a day', metric: percentage, owner: staff.otherSquadMember },
      }),
      201,
    );
    if (returned) {
      await body(
        as('productOwner').post(`/proposals/${id}/return`, { reason: 'Measure first' }),
        200,
      );
      await body(
        as('otherSquadMember').post(`/proposals/${id}/revisions`, {
          keyResult: { title: 'Refunds in two days', metric: percentage, owner: staff.member },
        }),
        200,
      );
    }
    return id;
  };
  const define = (owner: object) =>
    anytime((client) =>
      client.post('/objectives', { cycleId, title: 'Ours', owner, kind: 'aspirational' }),
    );
  const onSquadObjective =
    (attempt: (objectiveId: string, keyResultId: string) => Attempt) =>
    async (): Promise<Attempt> => {
      const { objectiveId, keyResultId } = await squadObjective();
      return attempt(objectiveId, keyResultId);
    };
  const onSquadObjectiveWithoutContributor =
    (attempt: (objectiveId: string) => Attempt) => async (): Promise<Attempt> => {
      const { objectiveId } = await squadObjective(cycleId, false);
      return attempt(objectiveId);
    };

  const rows: readonly Row[] = [
    // Cycles are the OKR champions'.
    {
      power: 'plan a cycle',
      may: ['admin'],
      arrange: anytime((client) =>
        client.post('/cycles', {
          cycleId: uniqueName('c').replace(/_/g, '-'),
          name: 'Q2',
          startsOn: '2026-04-01',
          endsOn: '2026-06-30',
        }),
      ),
    },
    {
      power: 'reschedule a cycle',
      may: ['admin'],
      arrange: async () => {
        const id = await cycleIn('planning');
        return (client) =>
          client.put(`/cycles/${id}/schedule`, { startsOn: '2026-01-05', endsOn: '2026-04-03' });
      },
    },
    {
      power: 'change the scoring rule of a cycle',
      may: ['admin'],
      arrange: async () => {
        const id = await cycleIn('planning');
        return (client) =>
          client.put(`/cycles/${id}/scoring-rule`, { scoringRule: { kind: 'linear' } });
      },
    },
    {
      power: 'activate a cycle',
      may: ['admin'],
      arrange: async () => {
        const id = await cycleIn('planning');
        return (client) => client.post(`/cycles/${id}/activate`);
      },
    },
    {
      power: 'start the review of a cycle',
      may: ['admin'],
      arrange: async () => {
        const id = await cycleIn('active');
        return (client) => client.post(`/cycles/${id}/review`);
      },
    },
    {
      power: 'reopen a cycle in review',
      may: ['admin'],
      arrange: async () => {
        const id = await cycleIn('review');
        return (client) => client.post(`/cycles/${id}/reopen`, { reason: 'Reviewed too early' });
      },
    },
    {
      power: 'close a cycle',
      may: ['admin'],
      arrange: async () => {
        const id = await cycleIn('review');
        return (client) => client.post(`/cycles/${id}/close`);
      },
    },
    // Objectives: set by the owner's lead.
    { power: 'set a company objective', may: ['admin'], arrange: define({ kind: 'company' }) },
    {
      power: 'set a tribe objective',
      may: ['admin', 'tribeLead'],
      arrange: define(units.tribe),
    },
    {
      power: 'set a squad objective',
      may: ['admin', 'productOwner'],
      arrange: define(units.squad),
    },
    {
      power: 'set a chapter objective',
      may: ['admin', 'chapterLead'],
      arrange: define(units.chapter),
    },
    {
      power: 'set a guild objective',
      may: ['admin', 'guildCoordinator'],
      arrange: define(units.guild),
    },
    {
      power: 'set a personal objective',
      may: ['admin', 'member'],
      arrange: define({ kind: 'person', id: staff.member }),
    },
    {
      power: 'set a squad objective from a template',
      may: ['admin', 'productOwner'],
      arrange: anytime((client) =>
        client.post('/objectives/from-template', {
          templateId: 'improve-customer-satisfaction',
          cycleId,
          owner: units.squad,
          keyResults: [{ index: 0, baseline: 31, owner: staff.member }],
        }),
      ),
    },
    {
      power: 'rename a squad objective',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id) => (client) => client.patch(`/objectives/${id}`, { title: 'Checkout in one tap' }),
      ),
    },
    {
      power: 'activate a squad objective',
      may: ['admin', 'productOwner'],
      arrange: async () => {
        const { objectiveId } = await org.okrs.objective({
          cycleId,
          owner: units.squad,
          by: staff.productOwner,
          activate: false,
        });
        return (client) => client.post(`/objectives/${objectiveId}/activate`);
      },
    },
    {
      power: 'make a squad objective private',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id) => (client) => client.put(`/objectives/${id}/visibility`, { visibility: 'private' }),
      ),
    },
    {
      power: 'hand a squad objective over to another squad',
      may: ['admin'],
      arrange: onSquadObjective(
        (id) => (client) =>
          client.put(`/objectives/${id}/owner`, {
            owner: units.otherSquad,
            reason: 'They own it now',
          }),
      ),
    },
    {
      power: 'abandon a squad objective',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id) => (client) =>
          client.post(`/objectives/${id}/abandon`, { reason: 'Merged into another' }),
      ),
    },
    {
      power: 'add a key result to a squad objective',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id) => (client) =>
          client.post(`/objectives/${id}/key-results`, {
            title: 'Refunds in a day',
            metric: percentage,
            owner: staff.member,
          }),
      ),
    },
    {
      power: 'rename a key result',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id, kr) => (client) =>
          client.patch(`/objectives/${id}/key-results/${kr}`, { title: 'All card payments moved' }),
      ),
    },
    {
      power: 'change the target of a key result',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id, kr) => (client) =>
          client.put(`/objectives/${id}/key-results/${kr}/target`, { target: 120 }),
      ),
    },
    {
      power: 'name the owner of a key result',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id, kr) => (client) =>
          client.put(`/objectives/${id}/key-results/${kr}/owner`, { owner: staff.productOwner }),
      ),
    },
    {
      power: 'reweigh a key result',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id, kr) => (client) =>
          client.put(`/objectives/${id}/key-results/${kr}/weight`, { weight: 3 }),
      ),
    },
    {
      power: 'drop a key result',
      may: ['admin', 'productOwner'],
      arrange: async () => {
        const { objectiveId } = await squadObjective();
        const { keyResultId } = await body(
          as('productOwner').post(`/objectives/${objectiveId}/key-results`, {
            title: 'Second',
            metric: percentage,
            owner: staff.member,
          }),
          201,
        );
        return (client) =>
          client.delete(`/objectives/${objectiveId}/key-results/${keyResultId}`, {
            reason: 'Measured by the first',
          });
      },
    },
    {
      power: 'record progress on a key result',
      may: ['admin', 'productOwner', 'member', 'otherSquadMember'],
      arrange: onSquadObjective(
        (id, kr) => (client) =>
          client.post(`/objectives/${id}/key-results/${kr}/progress`, { value: 40 }),
      ),
    },
    {
      power: 'write a mid-cycle review note',
      may: ['admin', 'productOwner', 'member', 'otherSquadMember'],
      arrange: onSquadObjective(
        (id) => (client) =>
          client.post(`/objectives/${id}/review-notes`, { stage: 'mid-cycle', text: 'On track' }),
      ),
    },
    {
      power: 'align a squad objective under another',
      may: ['admin', 'productOwner'],
      arrange: onSquadObjective(
        (id) => (client) =>
          client.post(`/objectives/${id}/alignments`, { parentObjectiveId: tribeObjective }),
      ),
    },
    {
      power: 'unalign a squad objective',
      may: ['admin', 'productOwner'],
      arrange: async () => {
        const { objectiveId } = await squadObjective();
        await body(
          as('productOwner').post(`/objectives/${objectiveId}/alignments`, {
            parentObjectiveId: tribeObjective,
          }),
          201,
        );
        return (client) => client.delete(`/objectives/${objectiveId}/alignments/${tribeObjective}`);
      },
    },
    {
      power: 'follow an objective for a guild',
      may: ['admin', 'guildCoordinator'],
      arrange: onSquadObjective(
        (id) => (client) => client.put(`/objectives/${id}/followers/${units.guild.id}`),
      ),
    },
    {
      power: 'stop following an objective for a guild',
      may: ['admin', 'guildCoordinator'],
      arrange: async () => {
        const { objectiveId } = await squadObjective();
        await body(
          as('guildCoordinator').put(`/objectives/${objectiveId}/followers/${units.guild.id}`),
          200,
        );
        return (client) => client.delete(`/objectives/${objectiveId}/followers/${units.guild.id}`);
      },
    },
    {
      power: 'enlist oneself as contributor to a public objective',
      may: everyone,
      arrange: onSquadObjectiveWithoutContributor(
        (id) => (client, personId) => client.put(`/objectives/${id}/contributors/${personId}`),
      ),
    },
    {
      power: 'list someone else as contributor',
      may: ['admin', 'productOwner'],
      // The one listed is never the one who tries: listing oneself is the row above.
      arrange: onSquadObjectiveWithoutContributor(
        (id) => (client, personId) =>
          client.put(
            `/objectives/${id}/contributors/${
              personId === staff.guildMember ? staff.member : staff.guildMember
            }`,
          ),
      ),
    },
    {
      power: 'take a contributor off',
      may: ['admin', 'productOwner', 'otherSquadMember'],
      arrange: onSquadObjective(
        (id) => (client) =>
          client.delete(`/objectives/${id}/contributors/${staff.otherSquadMember}`),
      ),
    },
    {
      power: 'override the score of a key result in the review',
      may: ['admin', 'productOwner'],
      arrange: async () => {
        const onCycle = await cycleIn('active');
        const { objectiveId, keyResultId } = await squadObjective(onCycle);
        await org.okrs.moveCycle(onCycle, 'review');
        return (client) =>
          client.put(`/objectives/${objectiveId}/key-results/${keyResultId}/score`, {
            score: 0.5,
            reason: 'Half the payments moved',
          });
      },
    },
    {
      power: 'write the retrospective of an objective',
      may: ['admin', 'productOwner', 'member', 'otherSquadMember'],
      arrange: async () => {
        const onCycle = await cycleIn('active');
        const { objectiveId } = await squadObjective(onCycle);
        await org.okrs.moveCycle(onCycle, 'review');
        return (client) =>
          client.put(`/objectives/${objectiveId}/retrospective`, {
            wentWell: 'Pairing',
            learned: 'Measure first',
            doDifferently: 'Smaller steps',
          });
      },
    },
    {
      power: 'score an objective of a closed cycle',
      may: ['admin'],
      arrange: async () => {
        const onCycle = await cycleIn('active');
        const { objectiveId } = await squadObjective(onCycle);
        await org.okrs.moveCycle(onCycle, 'closed');
        return (client) => client.post(`/objectives/${objectiveId}/score`);
      },
    },
    // Proposals: anyone proposes and discusses, the proposer revises, the unit's lead decides.
    {
      power: 'propose an objective for a squad',
      may: everyone,
      arrange: anytime((client) =>
        client.post('/proposals/objectives', {
          cycleId,
          unit: units.squad,
          draft: { title: 'Accept wallets', kind: 'aspirational' },
        }),
      ),
    },
    {
      power: 'propose a key result for a public objective',
      may: everyone,
      arrange: onSquadObjective(
        (id) => (client, personId) =>
          client.post('/proposals/key-results', {
            objectiveId: id,
            draft: { title: 'Wallets', metric: percentage, owner: personId },
          }),
      ),
    },
    {
      power: 'comment on a proposal',
      may: everyone,
      arrange: async () => {
        const id = await proposal();
        return (client) => client.post(`/proposals/${id}/comments`, { text: 'Good idea' });
      },
    },
    {
      power: 'suggest a change to a proposal',
      may: everyone,
      arrange: async () => {
        const id = await proposal();
        return (client) => client.post(`/proposals/${id}/suggestions`, { text: 'Aim higher' });
      },
    },
    {
      power: 'revise a proposal',
      may: ['otherSquadMember'],
      arrange: async () => {
        const id = await proposal();
        return (client) =>
          client.post(`/proposals/${id}/revisions`, {
            keyResult: { title: 'Refunds in an hour', metric: percentage, owner: staff.member },
          });
      },
    },
    {
      power: 'resubmit a returned proposal',
      may: ['otherSquadMember'],
      arrange: async () => {
        const id = await proposal(true);
        return (client) => client.post(`/proposals/${id}/resubmit`);
      },
    },
    {
      power: 'withdraw a proposal',
      may: ['otherSquadMember'],
      arrange: async () => {
        const id = await proposal();
        return (client) => client.post(`/proposals/${id}/withdraw`, { reason: 'Changed my mind' });
      },
    },
    {
      power: 'approve a proposal for a squad',
      may: ['admin', 'productOwner'],
      arrange: async () => {
        const id = await proposal();
        return (client) => client.post(`/proposals/${id}/approve`);
      },
    },
    {
      power: 'return a proposal for a squad',
      may: ['admin', 'productOwner'],
      arrange: async () => {
        const id = await proposal();
        return (client) => client.post(`/proposals/${id}/return`, { reason: 'Measure first' });
      },
    },
    // Ambitions are the person's own: another person's cannot even be addressed.
    {
      power: 'record one’s ambition',
      may: everyone,
      arrange: anytime((client) =>
        client.post('/people/me/ambitions', { kind: 'career', title: 'Lead a squad' }),
      ),
    },
    {
      power: 'change a person’s ambition',
      may: ['member'],
      refusedWith: 404,
      arrange: async () => {
        const { id } = await body(
          as('member').post('/people/me/ambitions', { kind: 'career', title: 'Lead a squad' }),
          201,
        );
        return (client) => client.patch(`/people/me/ambitions/${id}`, { title: 'Lead a tribe' });
      },
    },
    {
      power: 'read the template library and the training',
      may: everyone,
      arrange: anytime((client) => client.get('/templates')),
    },
  ];

  beforeAll(async () => {
    goals = await startGoalsTestApp();
    org = await staffOrganisation(goals);
    cycleId = await org.okrs.cycle('active');
    ({ objectiveId: tribeObjective } = await org.okrs.objective({
      cycleId,
      owner: units.tribe,
      by: staff.tribeLead,
      title: tribeTitle,
    }));
  });

  afterAll(async () => {
    await goals?.close();
  });

  const outcomeOf = (response: Response): number | 'allowed' =>
    response.status >= 200 && response.status < 300 ? 'allowed' : response.status;

  it.each(rows.map((row) => [row.power, row] as const))('%s', async (_, row) => {
    // Refusals change nothing, so they share one arrangement; each holder gets a fresh one.
    const refused = await row.arrange();
    const outcomes: Record<string, unknown> = {};
    const messages: string[] = [];
    for (const role of roles) {
      const attempt = row.may.includes(role) ? await row.arrange() : refused;
      const response = await attempt(as(role), staff[role]);
      outcomes[role] = outcomeOf(response);
      if (response.status === 403) messages.push(String(response.body.message));
    }
    expect(outcomes).toEqual(
      Object.fromEntries(
        roles.map((role) => [role, row.may.includes(role) ? 'allowed' : (row.refusedWith ?? 403)]),
      ),
    );
    // A refusal names objects by id, never by title.
    for (const message of messages) {
      for (const title of titles) expect(message).not.toContain(title);
    }
  });

  it('tries every power with an id that exists nowhere as not found, for every role', async () => {
    const unknown = randomUUID();
    for (const role of roles) {
      const response = await as(role).patch(`/objectives/${unknown}`, { title: 'Anything' });
      expect({ role, status: response.status, message: response.body.message as unknown }).toEqual({
        role,
        status: 404,
        message: `Objective ${unknown} not found`,
      });
    }
  });
});
