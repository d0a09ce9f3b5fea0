import { screen } from '@testing-library/react';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { BoardView } from './api';
import { TvBoardScreen } from './TvBoardScreen';

const board: BoardView = {
  title: 'Player squad',
  scope: { kind: 'squad', id: 's1', name: 'Player' },
  cycle: { id: 'c1', name: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31' },
  organisationName: 'Acme Music',
  objectives: [
    {
      objectiveId: 'o1',
      title: 'Ship the player',
      owner: { kind: 'squad', id: 's1' },
      ownerName: 'Player',
      status: 'active',
      achieved: false,
      progress: 0.4,
      rolledUpProgress: 0.4,
      keyResults: [
        {
          keyResultId: 'k1',
          title: 'Release features',
          current: 2,
          progress: 0.4,
          achieved: false,
          metric: { type: 'number', unit: 'features', target: 5 },
        },
      ],
    },
  ],
  asOf: '2026-02-01T10:00:00.000Z',
};

/** Records the live streams the screen opens. */
const opened: string[] = [];
class RecordingEventSource {
  constructor(readonly url: string) {
    opened.push(url);
  }
  addEventListener() {}
  removeEventListener() {}
  close() {}
}

beforeEach(() => {
  opened.length = 0;
  globalThis.EventSource = RecordingEventSource as unknown as typeof EventSource;
});

const renderBoard = (token: string) =>
  renderWithConsole(<TvBoardScreen />, { path: `/board/${token}`, pattern: '/board/:token' });

describe('the TV board', () => {
  it("shows the board's objectives in large type and listens to its live stream", async () => {
    const { calls } = stubApi({ '/api/boards/tok.sig': board });
    renderBoard('tok.sig');
    expect(await screen.findByRole('heading', { level: 1, name: 'Player squad' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'Ship the player' })).toBeVisible();
    expect(
      screen.getByRole('progressbar', { name: 'Progress of Release features' }),
    ).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText('2 of 5 features')).toBeVisible();
    expect(calls.map((call) => call.path)).toEqual(['/api/boards/tok.sig']);
    expect(opened).toEqual(['/api/boards/tok.sig/live']);
  });

  it('says a revoked or forged link is not valid', async () => {
    stubApi({});
    renderBoard('revoked');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This board link is not valid or was revoked.',
    );
  });

  it('speaks Dutch', async () => {
    const i18n = (await import('../../i18n')).default;
    await i18n.changeLanguage('nl');
    stubApi({});
    renderBoard('revoked');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Deze bordlink is ongeldig of ingetrokken.',
    );
  });
});
