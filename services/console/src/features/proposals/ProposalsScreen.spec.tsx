import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { Proposal } from './api';
import { ProposalsScreen } from './ProposalsScreen';

const orgTree = {
  asOf: '2026-03-01T00:00:00.000Z',
  organisation: { organisationId: 'acme', name: 'Acme' },
  tribes: [
    {
      tribeId: 'tribe-music',
      name: 'Music',
      mission: '',
      lead: { personId: 'tara', name: 'Tara' },
      squads: [
        {
          squadId: 'squad-play',
          name: 'Playback',
          mission: '',
          productOwner: { personId: 'pia', name: 'Pia' },
          members: [{ personId: 'sam', name: 'Sam' }],
        },
        {
          squadId: 'squad-search',
          name: 'Search',
          mission: '',
          productOwner: { personId: 'sven', name: 'Sven' },
          members: [],
        },
      ],
      chapters: [],
    },
  ],
  guilds: [],
  withoutSquad: [],
};

const proposal = (id: string, title: string, overrides: Partial<Proposal>): Proposal => ({
  proposalId: id,
  cycleId: '2026-q1',
  unit: { kind: 'squad', id: 'squad-play' },
  proposer: 'sam',
  subject: {
    kind: 'objective',
    draft: { title, description: '', kind: 'committed', visibility: 'public', keyResults: [] },
  },
  status: 'open',
  revision: 1,
  comments: [],
  suggestions: [],
  lastReturn: null,
  approval: null,
  withdrawal: null,
  proposedAt: '2026-02-01T09:00:00.000Z',
  updatedAt: '2026-02-01T09:00:00.000Z',
  ...overrides,
});

const proposals = [
  proposal('p-1', 'Open for Playback', { proposer: 'sam' }),
  proposal('p-2', 'Open for Search', { unit: { kind: 'squad', id: 'squad-search' } }),
  proposal('p-3', 'Returned to Pia', { proposer: 'pia', status: 'returned' }),
  proposal('p-4', 'Approved for Playback', { status: 'approved' }),
  proposal('p-5', 'Returned to Sam', { proposer: 'sam', status: 'returned' }),
];

describe('the proposal lists', () => {
  it('waiting on me: open proposals for units I lead and my own returned ones', async () => {
    stubApi({
      '/api/session/': {
        personId: 'pia',
        organisationId: 'acme',
        roles: ['member'],
        method: 'development',
      },
      '/api/org/org/tree': orgTree,
      '/api/goals/proposals': proposals,
    });
    renderWithConsole(<ProposalsScreen />, { path: '/proposals' });
    const list = within(await screen.findByRole('region', { name: 'Waiting on me' }));
    expect(await list.findByRole('link', { name: 'Open for Playback' })).toBeInTheDocument();
    expect(list.getByRole('link', { name: 'Returned to Pia' })).toBeInTheDocument();
    expect(list.queryByRole('link', { name: 'Open for Search' })).not.toBeInTheDocument();
    expect(list.queryByRole('link', { name: 'Approved for Playback' })).not.toBeInTheDocument();
    // Sam's returned proposal waits on Sam, not on the lead who returned it.
    expect(list.queryByRole('link', { name: 'Returned to Sam' })).not.toBeInTheDocument();
  });

  it('mine and all, filtered by status', async () => {
    const { calls } = stubApi({
      '/api/session/': {
        personId: 'sam',
        organisationId: 'acme',
        roles: ['member'],
        method: 'development',
      },
      '/api/org/org/tree': orgTree,
      // The stub answers the first route that matches: the filtered one first.
      '/api/goals/proposals?status=approved': [proposals[3]],
      '/api/goals/proposals': proposals,
    });
    renderWithConsole(<ProposalsScreen />, { path: '/proposals?list=mine' });
    const mine = within(await screen.findByRole('region', { name: 'My proposals' }));
    expect(await mine.findByRole('link', { name: 'Open for Playback' })).toBeInTheDocument();
    expect(mine.getByRole('link', { name: 'Returned to Sam' })).toBeInTheDocument();
    expect(mine.queryByRole('link', { name: 'Returned to Pia' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'All proposals' }));
    const all = within(await screen.findByRole('region', { name: 'All proposals' }));
    expect(await all.findAllByRole('link')).toHaveLength(5);
    await userEvent.selectOptions(all.getByRole('combobox', { name: 'Status' }), 'approved');
    await waitFor(() =>
      expect(all.queryByRole('link', { name: 'Open for Search' })).not.toBeInTheDocument(),
    );
    expect(all.getByRole('link', { name: 'Approved for Playback' })).toBeInTheDocument();
    expect(calls.some((call) => call.path === '/api/goals/proposals?status=approved')).toBe(true);
  });
});
