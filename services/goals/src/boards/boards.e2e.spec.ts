import { uniqueName } from '@rhythm/testing';
import request from 'supertest';
import { startGoalsTestApp, type GoalsTestApp } from '../testing/goals-test-app';
import {
  staff,
  staffOrganisation,
  units,
  type StaffedOrganisation,
} from '../testing/staffed-organisation';
import { signBoardLink, verifyBoardLink } from './board-link';
import type { BoardView } from './board-views';

jest.setTimeout(180_000);

type Listed = Readonly<{ boardId: string }>;
const titlesOf = (board: BoardView): string[] => board.objectives.map(({ title }) => title);

const secret = `board-links-${'x'.repeat(40)}`;
const privateTitle = 'Quietly replace the payment provider';

/**
 * TV boards over HTTP against the real stores: a lead makes one, anyone with the link reads the
 * unit's public OKRs without signing in, and a revoked, altered, unknown or foreign link is one 404.
 */
describe('TV boards', () => {
  let goals: GoalsTestApp;
  let acme: StaffedOrganisation;
  let globex: StaffedOrganisation;
  let cycleId: string;
  let globexCycleId: string;
  let checkoutObjective: string;
  let onboardingObjective: string;

  const view = (token: string) =>
    request(goals.app.getHttpServer()).get(`/boards/view/${encodeURIComponent(token)}`);
  const made = async (org: StaffedOrganisation, by: string, body: object) => {
    const response = await org.as(by).post('/boards', body);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({
      status: 201,
    });
    return response.body as { boardId: string; token: string };
  };

  beforeAll(async () => {
    goals = await startGoalsTestApp({ BOARD_LINK_SECRET: secret });
    [acme, globex] = [await staffOrganisation(goals), await staffOrganisation(goals)];
    cycleId = await acme.okrs.cycle('active');
    ({ objectiveId: checkoutObjective } = await acme.okrs.objective({
      cycleId,
      owner: units.squad,
      by: staff.productOwner,
      title: 'Effortless checkout',
      keyResultOwner: staff.member,
    }));
    await acme.okrs.objective({
      cycleId,
      owner: units.squad,
      by: staff.productOwner,
      title: privateTitle,
      visibility: 'private',
    });
    ({ objectiveId: onboardingObjective } = await acme.okrs.objective({
      cycleId,
      owner: units.otherSquad,
      by: staff.otherProductOwner,
      title: 'Faster onboarding',
    }));
    await acme.okrs.objective({
      cycleId,
      owner: units.guild,
      by: staff.guildCoordinator,
      title: 'Shortlist the penetration testers',
    });
    await acme.okrs.objective({
      cycleId,
      owner: { kind: 'person', id: staff.member },
      by: staff.member,
      title: "Bob's own public objective",
    });
    globexCycleId = await globex.okrs.cycle('active');
    await globex.okrs.objective({
      cycleId: globexCycleId,
      owner: units.squad,
      by: staff.productOwner,
      title: "Globex's checkout",
    });
  });

  afterAll(() => goals?.close());

  it("shows a squad's public objectives to anyone with the link, until it is revoked", async () => {
    const { boardId, token } = await made(acme, staff.productOwner, {
      scope: { kind: 'squad', unitId: units.squad.id },
      cycleId,
    });

    const shown = await view(token);
    expect(shown.status).toBe(200);
    const board = shown.body as BoardView;
    expect(board).toMatchObject({
      title: `Checkout · ${cycleId}`,
      scope: { kind: 'squad', id: 'checkout', name: 'Checkout' },
      cycle: { id: cycleId, name: cycleId, startsOn: '2026-01-01', endsOn: '2026-03-31' },
      organisationName: 'Acme',
    });
    expect(titlesOf(board)).toEqual(['Effortless checkout']);
    expect(board.objectives[0]).toMatchObject({
      objectiveId: checkoutObjective,
      ownerName: 'Checkout',
      keyResults: [{ title: 'Card payments on the new provider', progress: 0 }],
    });
    // Nothing about people: no key result owner, no contributor, no follower, no description.
    expect(Object.keys(board.objectives[0].keyResults[0]).sort()).toEqual(
      ['achieved', 'current', 'keyResultId', 'metric', 'progress', 'title'].sort(),
    );
    expect(shown.text).not.toContain(privateTitle);
    expect(shown.text).not.toContain('"bob"');

    const listed = await acme.as(staff.productOwner).get('/boards');
    expect(listed.body).toEqual([
      expect.objectContaining({ boardId, status: 'shown', createdBy: staff.productOwner }),
    ]);
    expect(listed.text).not.toContain(token.split('.')[1]);

    expect((await acme.as(staff.productOwner).delete(`/boards/${boardId}`)).status).toBe(204);
    const revoked = await view(token);
    expect({ status: revoked.status, body: revoked.body as unknown }).toEqual({
      status: 404,
      body: expect.objectContaining({ error: 'not_found', message: 'No such board' }),
    });
    // Revoking again changes nothing.
    expect((await acme.as(staff.admin).delete(`/boards/${boardId}`)).status).toBe(204);
  });

  it("a tribe's board shows its squads' and chapters' public objectives, never a guild's or a person's", async () => {
    const { token } = await made(acme, staff.tribeLead, {
      scope: { kind: 'tribe', unitId: units.tribe.id },
      cycleId,
      title: 'Payments on the fourth floor',
    });
    const board = (await view(token)).body as BoardView;
    expect(board.title).toBe('Payments on the fourth floor');
    expect(titlesOf(board).sort()).toEqual(['Effortless checkout', 'Faster onboarding']);
    expect(board.tribes).toEqual([
      expect.objectContaining({
        id: 'payments',
        squads: [
          expect.objectContaining({ name: 'Checkout', objectiveIds: [checkoutObjective] }),
          expect.objectContaining({ name: 'Onboarding', objectiveIds: [onboardingObjective] }),
        ],
      }),
    ]);
    const companyBoard = (
      await view((await made(acme, staff.admin, { scope: { kind: 'company' }, cycleId })).token)
    ).body as BoardView;
    expect(titlesOf(companyBoard).sort()).toEqual([
      'Effortless checkout',
      'Faster onboarding',
      'Shortlist the penetration testers',
    ]);
  });

  it('an altered or unknown link answers like a revoked one', async () => {
    const { token } = await made(acme, staff.productOwner, {
      scope: { kind: 'squad', unitId: units.squad.id },
      cycleId,
    });
    const [payload, signature] = token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const answers = await Promise.all(
      [`${payload}.${flipped}`, `${payload}x.${signature}`, 'no-such-board', `${token}.x`].map(
        async (wrong) => {
          const response = await view(wrong);
          return { status: response.status, body: response.body as unknown };
        },
      ),
    );
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 404,
        body: expect.objectContaining({ error: 'not_found', message: 'No such board' }),
      });
    }
  });

  it("never shows one organisation's board under another's name", async () => {
    const { token } = await made(acme, staff.productOwner, {
      scope: { kind: 'squad', unitId: units.squad.id },
      cycleId,
    });
    const claims = verifyBoardLink(secret, token);
    if (claims === undefined) throw new Error('the service signed a link it cannot read');
    // Even with the signing key: Globex's name on Acme's board finds no board.
    const foreign = signBoardLink(secret, { ...claims, tenantId: globex.tenantId });
    expect((await view(foreign)).status).toBe(404);

    const globexBoard = await made(globex, staff.productOwner, {
      scope: { kind: 'squad', unitId: units.squad.id },
      cycleId: globexCycleId,
    });
    const shown = await view(globexBoard.token);
    expect(titlesOf(shown.body as BoardView)).toEqual(["Globex's checkout"]);
    expect(shown.text).not.toContain('Effortless checkout');
    // Acme's people neither list nor revoke Globex's board.
    expect((await acme.as(staff.admin).get('/boards')).text).not.toContain(globexBoard.boardId);
    expect((await acme.as(staff.admin).delete(`/boards/${globexBoard.boardId}`)).status).toBe(404);
    expect((await view(globexBoard.token)).status).toBe(200);
  });

  it("only the unit's lead or an admin makes, lists and revokes its boards", async () => {
    const squadBoard = { scope: { kind: 'squad', unitId: units.squad.id }, cycleId };
    const refused = await acme.as(staff.member).post('/boards', squadBoard);
    expect({ status: refused.status, error: (refused.body as { error: string }).error }).toEqual({
      status: 403,
      error: 'forbidden',
    });
    expect((await acme.as(staff.otherProductOwner).post('/boards', squadBoard)).status).toBe(403);
    const { boardId, token } = await made(acme, staff.productOwner, squadBoard);

    expect((await acme.as(staff.member).get('/boards')).body).toEqual([]);
    expect(
      ((await acme.as(staff.otherProductOwner).get('/boards')).body as Listed[]).map(
        (board) => board.boardId,
      ),
    ).not.toContain(boardId);
    // Someone who may not manage it revokes nothing: to them it is not there.
    expect((await acme.as(staff.otherProductOwner).delete(`/boards/${boardId}`)).status).toBe(404);
    expect((await view(token)).status).toBe(200);
    expect((await acme.as(staff.admin).delete(`/boards/${boardId}`)).status).toBe(204);
    expect((await view(token)).status).toBe(404);
  });

  it('bad input is a clear 4xx', async () => {
    const admin = acme.as(staff.admin);
    const answers = await Promise.all(
      [
        { scope: { kind: 'squad' }, cycleId },
        { scope: { kind: 'person', unitId: staff.member }, cycleId },
        { scope: { kind: 'squad', unitId: units.squad.id }, cycleId: 'no such cycle' },
        { scope: { kind: 'squad', unitId: units.squad.id }, cycleId, title: ' ' },
      ].map(async (body) => (await admin.post('/boards', body)).status),
    );
    expect(answers).toEqual([400, 400, 400, 400]);
    const missing = await Promise.all(
      [
        { scope: { kind: 'squad', unitId: 'no-such-squad' }, cycleId },
        { scope: { kind: 'squad', unitId: units.squad.id }, cycleId: uniqueName('q') },
      ].map(async (body) => (await admin.post('/boards', body)).status),
    );
    expect(missing).toEqual([404, 404]);
    expect((await admin.delete('/boards/not-a-uuid')).status).toBe(400);
  });
});
