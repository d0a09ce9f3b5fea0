import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import {
  acmeTree,
  ann,
  annSession,
  backend,
  ben,
  checkout,
} from '../recognition/testing/acme.fixture';
import { asOfDay, InsightsScreen } from './InsightsScreen';

const calibration = { brierScore: 0.125, checkIns: 8, meanForecast: 0.7, achievedShare: 0.5 };
const phased = {
  ...calibration,
  byPhase: { early: calibration, mid: calibration, late: calibration },
};
const cadence = { share: 0.75, met: 3, owed: 4 };
const durations = { count: 2, pending: 1, p50Ms: 3 * 3_600_000, p90Ms: 3 * 86_400_000 };

function stubInsights() {
  return stubApi({
    '/api/session/': annSession,
    '/api/org/org/tree': acmeTree,
    '/api/goals/cycles': [
      {
        cycleId: '2026-q1',
        name: 'Q1 2026',
        startsOn: '2026-01-01',
        endsOn: '2026-03-31',
        status: 'active',
      },
    ],
    [`/api/checkins/statistics/people/${ann}/streak`]: {
      personId: ann,
      asOf: '2026-03-01T23:59:59.000Z',
      keyResults: 2,
      streak: 5,
      cadenceHealth: cadence,
      window: { weeks: 12, from: '2025-12-07T23:59:59.000Z' },
    },
    [`/api/checkins/statistics/people/${ann}/calibration`]: {
      ...phased,
      personId: ann,
      asOf: '2026-03-01T23:59:59.000Z',
      cycleId: '2026-q1',
      byCycle: [],
    },
    [`/api/checkins/statistics/units/squad/${checkout}`]: {
      unit: { kind: 'squad', id: checkout },
      asOf: '2026-03-01T23:59:59.000Z',
      window: { weeks: 12, from: '2025-12-07T23:59:59.000Z' },
      keyResults: 6,
      streak: 3,
      cadenceHealth: cadence,
      overdue: { announced: 1, toldLead: 1, toldNextLead: 0 },
      blockers: { raised: 3, toAcknowledge: durations, toResolve: durations },
      calibration: { ...phased, cycleId: '2026-q1' },
    },
    '/api/checkins/statistics/cycles/2026-q1/calibration': {
      ...phased,
      cycleId: '2026-q1',
      asOf: '2026-03-01T23:59:59.000Z',
    },
    '/api/recognition/flow': {
      asOf: '2026-03-01T23:59:59.000Z',
      from: '2026-01-01T00:00:00.000Z',
      kudos: 4,
      okrShare: 0.25,
      matrix: {
        tribe: [],
        squad: [{ from: checkout, to: checkout, kudos: 4 }],
        chapter: [],
        guild: [],
      },
      people: {},
      units: {},
      givesLittle: { people: [], units: [] },
      receivesLittle: { people: ['x'], units: [] },
    },
  });
}

/** The `asOf` each service was asked, by path (without the query). */
const asOfAsked = (calls: { path: string }[]) =>
  Object.fromEntries(
    calls.map((call) => {
      const url = new URL(call.path, 'http://console.test');
      return [url.pathname, url.searchParams.get('asOf')];
    }),
  );

describe('insights as of a date', () => {
  it('reads the end of the chosen day in the browser’s time zone, and now for today', () => {
    // The tests run with TZ=UTC.
    expect(asOfDay('2026-03-01', '2026-03-10')).toBe('2026-03-01T23:59:59.000Z');
    expect(asOfDay('2026-03-10', '2026-03-10')).toBeUndefined();
  });

  it('passes the chosen day to every figure, and a new day when it is changed', async () => {
    const { calls } = stubInsights();
    renderWithConsole(<InsightsScreen />, { path: '/insights?asOf=2026-03-01' });

    expect(await screen.findByText('5 periods on time in a row')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: /Kudos given by each squad/ }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(asOfAsked(calls)).toMatchObject({
        '/api/org/org/tree': '2026-03-01T23:59:59.000Z',
        [`/api/checkins/statistics/people/${ann}/streak`]: '2026-03-01T23:59:59.000Z',
        [`/api/checkins/statistics/people/${ann}/calibration`]: '2026-03-01T23:59:59.000Z',
        [`/api/checkins/statistics/units/squad/${checkout}`]: '2026-03-01T23:59:59.000Z',
        '/api/checkins/statistics/cycles/2026-q1/calibration': '2026-03-01T23:59:59.000Z',
        '/api/recognition/flow': '2026-03-01T23:59:59.000Z',
      }),
    );
    // The cycle in use is the active one; the unit is my squad.
    expect(calls.find((call) => call.path.startsWith('/api/recognition/flow'))?.path).toContain(
      'cycleId=2026-q1',
    );

    calls.length = 0;
    fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2026-02-14' } });
    await waitFor(() =>
      expect(asOfAsked(calls)).toMatchObject({
        [`/api/checkins/statistics/people/${ann}/streak`]: '2026-02-14T23:59:59.000Z',
        [`/api/checkins/statistics/units/squad/${checkout}`]: '2026-02-14T23:59:59.000Z',
        '/api/recognition/flow': '2026-02-14T23:59:59.000Z',
      }),
    );
    expect(
      screen.getByText('Figures as they stood at the end of 14 Feb 2026.'),
    ).toBeInTheDocument();
  });

  it('shows blocker times in words and the calibration per whose', async () => {
    stubInsights();
    renderWithConsole(<InsightsScreen />, { path: '/insights?asOf=2026-03-01' });
    const blockers = await screen.findByRole('table', {
      name: 'Time to acknowledge and to resolve the blockers of Checkout',
    });
    expect(blockers).toHaveTextContent('3 hours');
    expect(blockers).toHaveTextContent('3 days');
    const calibrationRows = await screen.findAllByRole('row', { name: /0\.125/ });
    expect(calibrationRows.map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Mine',
      'Checkout',
      'The organisation',
    ]);
  });

  it('asks for all time when no cycle is chosen', async () => {
    const { calls } = stubInsights();
    renderWithConsole(<InsightsScreen />, { path: '/insights?asOf=2026-03-01' });
    await screen.findByRole('table', { name: /Kudos given by each squad/ });
    calls.length = 0;
    await userEvent.selectOptions(screen.getByLabelText('Cycle'), 'All time');
    await waitFor(() =>
      expect(calls.some((call) => call.path.startsWith('/api/recognition/flow?'))).toBe(true),
    );
    const flow = calls.find((call) => call.path.startsWith('/api/recognition/flow?'));
    expect(flow?.path).not.toContain('cycleId');
  });
});

describe('whose figures', () => {
  it('lets the lead of a unit read a member’s streak and calibration', async () => {
    const { calls } = stubInsights();
    renderWithConsole(<InsightsScreen />, { path: '/insights?asOf=2026-03-01' });
    // Ann is the product owner of Checkout, where Ben is a member.
    const whose = await screen.findByLabelText('Whose figures');
    expect([...(whose as HTMLSelectElement).options].map((option) => option.textContent)).toEqual([
      'Me',
      'Ben',
    ]);
    calls.length = 0;
    await userEvent.selectOptions(whose, 'Ben');
    await waitFor(() =>
      expect(calls.map((call) => new URL(call.path, 'http://console.test').pathname)).toEqual(
        expect.arrayContaining([
          `/api/checkins/statistics/people/${ben}/streak`,
          `/api/checkins/statistics/people/${ben}/calibration`,
        ]),
      ),
    );
  });

  it('offers no one else to whoever does not lead the unit', async () => {
    stubInsights();
    renderWithConsole(<InsightsScreen />, {
      path: `/insights?asOf=2026-03-01&unit=chapter:${backend}`,
    });
    await screen.findByRole('heading', { name: 'Check-in streaks and cadence health' });
    expect(screen.queryByLabelText('Whose figures')).not.toBeInTheDocument();
  });
});

describe('insights from a hand-edited address', () => {
  it('reads a day that is no day as today', async () => {
    const { calls } = stubInsights();
    renderWithConsole(<InsightsScreen />, { path: '/insights?asOf=1999-99-99' });
    expect(await screen.findByText('Figures as they stand now.')).toBeInTheDocument();
    await screen.findByRole('table', { name: /Kudos given by each squad/ });
    expect(calls.every((call) => !call.path.includes('asOf='))).toBe(true);
  });
});
