import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import {
  blocker,
  checkIn,
  checkInId,
  keyResultHistory,
  keyResultId,
  objective,
  objectiveId,
  parentId,
  squadId,
} from './objective-answers';
import { ObjectiveScreen } from './ObjectiveScreen';

const checkInsPath = `/api/checkins/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`;

function stubObjective(personId: string) {
  return stubApi({
    '/api/session/': { personId, organisationId: 'acme', roles: ['member'], method: 'development' },
    [`/api/goals/objectives/${objectiveId}`]: objective,
    [`/api/goals/objectives/${parentId}`]: {
      ...objective,
      objectiveId: parentId,
      title: 'Customers pay without friction',
      parents: [],
    },
    '/api/goals/cycles/q1': {
      cycleId: 'q1',
      name: 'Quarter one',
      startsOn: '2026-11-01',
      endsOn: '2027-01-31',
    },
    [`/api/goals/objectives/${objectiveId}/history`]: keyResultHistory,
    [`/api/goals/objectives/${objectiveId}/key-results/${keyResultId}/history`]: keyResultHistory,
    [checkInsPath]: {
      objectiveId,
      keyResultId,
      title: 'Conversion to 60%',
      ownerId: 'sam',
      previous: checkIn,
      checkIns: [checkIn],
    },
    [`${checkInsPath}/${checkInId}/comments`]: {
      target: { kind: 'check-in', objectiveId },
      reactions: { 'thumbs-up': ['pete'] },
      comments: [
        {
          commentId: 'c1',
          deleted: false,
          authorId: 'pete',
          text: 'Nice jump!',
          postedAt: '2026-12-04T17:00:00.000Z',
        },
      ],
    },
    [`PUT ${checkInsPath}/${checkInId}/reactions/thumbs-up`]: { id: checkInId, revision: 1 },
    [`/api/checkins/objectives/${objectiveId}/blockers`]: [blocker],
    [`/api/checkins/objectives/${objectiveId}/insights`]: [],
    '/api/org/people/sam': { personId: 'sam', name: 'Sam' },
    [`/api/goals/proposals?kind=squad&unitId=${squadId}&cycleId=q1`]: [
      {
        proposalId: 'p-kr',
        cycleId: 'q1',
        proposer: 'sam',
        subject: { kind: 'key-result', objectiveId, draft: { title: 'Drop-off below 5%' } },
        status: 'returned',
        proposedAt: '2026-12-02T09:00:00.000Z',
      },
      {
        proposalId: 'p-other',
        cycleId: 'q1',
        proposer: 'sam',
        subject: { kind: 'key-result', objectiveId: parentId, draft: { title: 'Not about it' } },
        status: 'open',
        proposedAt: '2026-12-02T09:00:00.000Z',
      },
    ],
    '/api/org/people/pete': { personId: 'pete', name: 'Pete' },
  });
}

const renderScreen = () =>
  renderWithConsole(<ObjectiveScreen />, {
    path: `/objectives/${objectiveId}`,
    pattern: '/objectives/:objectiveId',
  });

describe('the Objective screen', () => {
  it('shows the objective, its alignment, key results with check-ins, blockers and history', async () => {
    stubObjective('pete');
    renderScreen();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Checkout in one step' }),
    ).toBeVisible();
    expect(screen.getByText('Squad Checkout')).toBeInTheDocument();
    expect(await screen.findByText('Quarter one (1 Nov 2026 – 31 Jan 2027)')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Customers pay without friction' }),
    ).toHaveAttribute('href', `/objectives/${parentId}`);

    const keyResult = screen.getByRole('region', { name: 'Conversion to 60%' });
    expect(
      within(keyResult).getByRole('progressbar', { name: 'Progress of Conversion to 60%' }),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(
      await within(keyResult).findByRole('figure', {
        name: 'Every measurement of Conversion to 60%',
      }),
    ).toBeInTheDocument();
    expect(await within(keyResult).findByText('A/B test live')).toBeInTheDocument();

    const blockers = screen.getByRole('region', { name: 'Blockers' });
    expect(await within(blockers).findByRole('button', { name: 'Acknowledge' })).toBeVisible();
    // Pete (signed in, as the Acknowledge button shows) does not own the key result: no check-in.
    expect(within(keyResult).queryByRole('button', { name: 'Check in' })).not.toBeInTheDocument();

    const proposals = screen.getByRole('region', { name: 'Proposals' });
    expect(
      await within(proposals).findByRole('link', {
        name: 'Key result proposed: Drop-off below 5%',
      }),
    ).toHaveAttribute('href', '/proposals/p-kr');
    expect(within(proposals).getByText(/returned/)).toBeInTheDocument();
    expect(within(proposals).queryByText(/Not about it/)).not.toBeInTheDocument();

    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Why: Stretch after the A/B test')).toBeInTheDocument();
  });

  it('offers the owner of a key result a check-in showing the previous one', async () => {
    stubObjective('sam');
    renderScreen();
    const keyResult = await screen.findByRole('region', { name: 'Conversion to 60%' });
    await userEvent.click(await within(keyResult).findByRole('button', { name: 'Check in' }));
    expect(
      await within(keyResult).findByText(
        /^Previous check-in on 4 Dec 2026: value 45, confidence 6\/10/,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Blockers' })).queryByRole('button', {
        name: 'Acknowledge',
      }),
    ).not.toBeInTheDocument();
  });

  it("shows a check-in's comments and reactions, and reacts", async () => {
    const { calls } = stubObjective('sam');
    renderScreen();
    const keyResult = await screen.findByRole('region', { name: 'Conversion to 60%' });
    await userEvent.click(
      await within(keyResult).findByRole('button', { name: 'Comments and reactions' }),
    );
    expect(await within(keyResult).findByText('Nice jump!')).toBeInTheDocument();
    const thumbs = within(keyResult).getByRole('button', { name: /Thumbs up: 1/ });
    expect(thumbs).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(thumbs);
    expect(
      calls.some((call) => call.method === 'PUT' && call.path.endsWith('/reactions/thumbs-up')),
    ).toBe(true);
  });

  it('says "not found, or you may not see it" for a 404, under one heading', async () => {
    stubApi({
      '/api/session/': {
        personId: 'sam',
        organisationId: 'acme',
        roles: [],
        method: 'development',
      },
    });
    renderScreen();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not found. It does not exist, or you may not see it.',
    );
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
