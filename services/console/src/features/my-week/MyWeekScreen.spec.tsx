import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { renderWithConsole, stubApi } from '../../testing/render';
import { MyWeekScreen } from './MyWeekScreen';

const objectiveId = '0b7c5f9e-6f0e-4f55-9d3c-1a2b3c4d5e6f';
const keyResultId = '1c8d6a0f-7a1f-4a66-8e4d-2b3c4d5e6f70';
const otherKeyResultId = '3e0f8c2b-9c3b-4c88-8a6f-4d5e6f708192';

const objective = {
  objectiveId,
  cycleId: 'q4',
  title: 'Customers love support',
  description: '',
  owner: { kind: 'squad', id: 'care' },
  ownerName: 'Squad Care',
  kind: 'committed',
  visibility: 'public',
  status: 'active',
  achieved: false,
  progress: 0.4,
  rolledUpProgress: 0.4,
  keyResults: [
    {
      keyResultId,
      title: 'NPS to 50',
      metric: { type: 'number', unit: 'points', start: 30, target: 50, direction: 'increase' },
      current: 38,
      progress: 0.4,
      owner: 'ada',
      weight: 1,
      achieved: false,
    },
  ],
  parents: [],
  children: [],
  followers: [],
  contributors: [],
};

const agenda = {
  due: [
    {
      objectiveId,
      objectiveTitle: 'Customers love support',
      keyResultId: otherKeyResultId,
      title: 'Reply within a day',
      unit: { kind: 'squad', id: 'care' },
      standing: { status: 'due', dueAt: '2026-12-11T16:00:00.000Z' },
      lastCheckIn: null,
    },
    {
      objectiveId,
      objectiveTitle: 'Customers love support',
      keyResultId,
      title: 'NPS to 50',
      unit: { kind: 'squad', id: 'care' },
      standing: { status: 'overdue', dueAt: '2026-12-04T16:00:00.000Z' },
      lastCheckIn: { value: 38, confidence: 3, band: 'off-track', at: '2026-11-27T16:00:00.000Z' },
    },
  ],
  overdue: [],
  awaitingMyAcknowledgement: { checkIns: [], blockers: [] },
  overdueInMyCare: [],
  blockersIOwn: [],
  blockersWaitingOnMe: [
    {
      blockerId: '4f1a9d3c-ad4c-4d99-9b70-5e6f708192a3',
      objectiveId,
      target: { kind: 'objective', objectiveId },
      description: 'Waiting for the survey tool licence',
      waitsOn: { kind: 'person', personId: 'ada' },
      raisedBy: 'bob',
      unit: { kind: 'squad', id: 'care' },
      ownerIds: ['carol'],
      owners: [],
      status: 'open',
      awaitingAcknowledgement: true,
      raisedAt: '2026-12-01T09:00:00.000Z',
    },
  ],
};

function stubMyWeek() {
  return stubApi({
    '/api/goals/people/me/okrs': {
      personId: 'ada',
      cycleId: 'q4',
      owned: [objective],
      contributed: [objective],
      followed: [],
      ambitions: [],
    },
    '/api/checkins/me/agenda': agenda,
    '/api/recognition/people/me/kudos/received?limit=10': {
      personId: 'ada',
      kudos: [
        {
          kudosId: 'k1',
          giverId: 'bob',
          receiverIds: ['ada'],
          message: 'Thanks for the FAQ!',
          values: ['ownership'],
          audience: 'public',
          reactions: {},
          comments: [],
          givenAt: '2026-12-02T10:00:00.000Z',
        },
      ],
    },
    '/api/org/people/bob': { personId: 'bob', name: 'Bob Jansen' },
  });
}

describe('My week', () => {
  it('shows my OKRs with progress and the confidence of my last check-in, once each', async () => {
    stubMyWeek();
    renderWithConsole(<MyWeekScreen />);
    const okrs = await screen.findByRole('region', { name: 'My OKRs' });
    expect(
      await within(okrs).findAllByRole('link', { name: 'Customers love support' }),
    ).toHaveLength(1);
    expect(
      within(okrs).getByRole('progressbar', { name: 'Progress of NPS to 50' }),
    ).toHaveAttribute('aria-valuenow', '40');
    expect(await within(okrs).findByText('Off track')).toBeInTheDocument();
  });

  it('lists the check-ins I owe, overdue first, and opens the form on one', async () => {
    stubMyWeek();
    renderWithConsole(<MyWeekScreen />);
    const owed = await screen.findByRole('region', { name: 'Check-ins I owe' });
    const items = await within(owed).findAllByRole('heading', { level: 3 });
    expect(items.map((item) => item.textContent)).toEqual(['NPS to 50', 'Reply within a day']);
    expect(within(owed).getByText(/^Overdue since/)).toBeInTheDocument();

    await userEvent.click(within(owed).getByRole('button', { name: 'Check in on NPS to 50' }));
    expect(within(owed).getByRole('region', { name: 'Check in on NPS to 50' })).toBeInTheDocument();
    expect(within(owed).getByRole('button', { name: 'Close the check-in' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('shows blockers that wait on me and kudos I received, by name', async () => {
    stubMyWeek();
    renderWithConsole(<MyWeekScreen />);
    const waiting = await screen.findByRole('region', { name: 'Waiting on me' });
    expect(
      await within(waiting).findByRole('link', { name: 'Waiting for the survey tool licence' }),
    ).toHaveAttribute('href', `/objectives/${objectiveId}`);
    const kudos = screen.getByRole('region', { name: 'Kudos I received' });
    expect(await within(kudos).findByText('Thanks for the FAQ!')).toBeInTheDocument();
    expect(await within(kudos).findByText('Bob Jansen')).toBeInTheDocument();
  });

  it('speaks Dutch', async () => {
    stubMyWeek();
    await i18n.changeLanguage('nl');
    renderWithConsole(<MyWeekScreen />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn week' })).toBeVisible();
    expect(await screen.findByRole('region', { name: 'Ontvangen kudos' })).toBeVisible();
    expect(await screen.findByText(/^Te laat sinds/)).toBeInTheDocument();
  });

  it('groups check-ins to acknowledge under their key result, and acknowledges one', async () => {
    const awaiting = (checkInId: string, value: number) => ({
      checkInId,
      objectiveId,
      keyResultId,
      authorId: 'bob',
      value,
      confidence: 7,
      band: 'on-track',
      note: { progress: '', obstacles: '', nextSteps: '' },
      blockerIds: [],
      acknowledgers: ['ada'],
      awaitingAcknowledgement: true,
      recordedAt: '2026-12-03T10:00:00.000Z',
    });
    const first = '5a2b0e4d-be5d-4eaa-8c81-6f708192a3b4';
    const { calls } = stubApi({
      '/api/goals/people/me/okrs': {
        personId: 'ada',
        cycleId: 'q4',
        owned: [],
        contributed: [],
        followed: [],
      },
      '/api/checkins/me/agenda': {
        ...agenda,
        due: [],
        blockersWaitingOnMe: [],
        awaitingMyAcknowledgement: {
          checkIns: [awaiting(first, 41), awaiting('6b3c1f5e-cf6e-4fbb-9d92-708192a3b4c5', 44)],
          blockers: [],
        },
      },
      [`/api/checkins/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`]: {
        objectiveId,
        keyResultId,
        title: 'NPS to 50',
        ownerId: 'bob',
        previous: null,
        checkIns: [],
      },
      [`POST /api/checkins/objectives/${objectiveId}/key-results/${keyResultId}/check-ins/${first}/acknowledge`]:
        { id: first, revision: 1 },
      '/api/recognition/people/me/kudos/received?limit=10': { personId: 'ada', kudos: [] },
      '/api/org/people/bob': { personId: 'bob', name: 'Bob Jansen' },
    });
    renderWithConsole(<MyWeekScreen />);
    const waiting = await screen.findByRole('region', { name: 'Waiting on me' });
    expect(await within(waiting).findByRole('link', { name: 'NPS to 50' })).toHaveAttribute(
      'href',
      `/objectives/${objectiveId}`,
    );
    const buttons = within(waiting).getAllByRole('button', { name: 'Acknowledge' });
    expect(buttons).toHaveLength(2);
    await waitFor(() =>
      expect(buttons[0]).toHaveAccessibleDescription(/^Value 41 on 3 Dec 2026 by Bob Jansen/),
    );
    await userEvent.click(buttons[0]);
    expect(await within(waiting).findByText('Acknowledged.')).toBeInTheDocument();
    expect(
      calls.some((call) => call.method === 'POST' && call.path.endsWith(`${first}/acknowledge`)),
    ).toBe(true);
  });
});
