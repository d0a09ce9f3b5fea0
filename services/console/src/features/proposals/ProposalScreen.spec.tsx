import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { Proposal } from './api';
import { ProposalScreen } from './ProposalScreen';

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
          members: [
            { personId: 'sam', name: 'Sam' },
            { personId: 'pia', name: 'Pia' },
          ],
        },
      ],
      chapters: [],
    },
  ],
  guilds: [],
  withoutSquad: [],
};

const proposal = (overrides: Partial<Proposal> = {}): Proposal => ({
  proposalId: 'p-1',
  cycleId: '2026-q1',
  unit: { kind: 'squad', id: 'squad-play' },
  proposer: 'sam',
  subject: {
    kind: 'key-result',
    objectiveId: 'o-1',
    draft: {
      title: 'Start playback within 1 s',
      metric: { type: 'number', unit: 'ms', start: 1800, target: 1000, direction: 'decrease' },
      owner: 'sam',
      weight: 1,
    },
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

function signedInAs(
  personId: string,
  answer: Proposal | (() => Proposal),
  roles: string[] = ['member'],
  writes: Record<string, unknown> = {},
) {
  return stubApi({
    '/api/session/': { personId, organisationId: 'acme', roles, method: 'development' },
    '/api/org/org/tree': orgTree,
    '/api/goals/proposals/p-1': answer,
    '/api/goals/objectives/o-1': { objectiveId: 'o-1', title: 'Playback feels instant' },
    'POST /api/goals/proposals/p-1/approve': { id: 'p-1', revision: 3, keyResultIds: ['k-9'] },
    'POST /api/goals/proposals/p-1/return': { id: 'p-1', revision: 3 },
    'POST /api/goals/proposals/p-1/revisions': { id: 'p-1', revision: 4 },
    'POST /api/goals/proposals/p-1/resubmit': { id: 'p-1', revision: 5 },
    ...writes,
  });
}

const show = () =>
  renderWithConsole(<ProposalScreen />, {
    path: '/proposals/p-1',
    pattern: '/proposals/:proposalId',
  });

describe('a proposal', () => {
  it("shows approve and return to the unit's lead, and approves", async () => {
    const { calls } = signedInAs('pia', proposal());
    show();
    await screen.findByRole('heading', { level: 1, name: 'Start playback within 1 s' });
    await userEvent.click(await screen.findByRole('button', { name: 'Approve proposal' }));
    await waitFor(() =>
      expect(calls.some((call) => call.path === '/api/goals/proposals/p-1/approve')).toBe(true),
    );
  });

  it('shows neither approve nor return to someone who does not lead the unit', async () => {
    signedInAs('sam', proposal());
    show();
    // The proposer revises; the decision is not theirs.
    await screen.findByRole('heading', { name: 'Revise your proposal' });
    expect(screen.queryByRole('button', { name: 'Approve proposal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Return to proposer' })).not.toBeInTheDocument();
  });

  it('shows no decision on a proposal that is no longer open, even to its lead', async () => {
    signedInAs(
      'pia',
      proposal({ status: 'withdrawn', withdrawal: { at: '2026-02-02T09:00:00Z' } }),
    );
    show();
    await screen.findByText(/Withdrawn on/);
    expect(screen.queryByRole('button', { name: 'Approve proposal' })).not.toBeInTheDocument();
  });

  it('lets an admin decide for any unit', async () => {
    signedInAs('olga', proposal(), ['admin', 'member']);
    show();
    expect(await screen.findByRole('button', { name: 'Approve proposal' })).toBeInTheDocument();
  });

  it('returns a proposal only with a reason, and shows it returned once the read model has it', async () => {
    let current = proposal();
    let staleReads = 0;
    const { calls } = signedInAs(
      'pia',
      // After the command the read model still answers the old state twice, then the new one.
      () => (staleReads-- > 0 ? proposal() : current),
      ['member'],
      {
        'POST /api/goals/proposals/p-1/return': (body: unknown) => {
          staleReads = 2;
          current = proposal({
            status: 'returned',
            lastReturn: {
              by: 'pia',
              reason: (body as { reason: string }).reason,
              at: '2026-02-02T09:00:00Z',
              revisedSince: false,
            },
            updatedAt: '2026-02-02T09:00:00Z',
          });
          return { id: 'p-1', revision: 3 };
        },
      },
    );
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Return to proposer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Give a reason to return the proposal.',
    );
    expect(calls.some((call) => call.path.endsWith('/return'))).toBe(false);

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Reason for returning' }),
      'Measure it at p90, not on average',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Return to proposer' }));
    await waitFor(() =>
      expect(calls.find((call) => call.path.endsWith('/return'))?.body).toEqual({
        reason: 'Measure it at p90, not on average',
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Returned to the proposer' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve proposal' })).not.toBeInTheDocument();
  });

  it('lets the proposer revise a returned proposal and resubmit it', async () => {
    // The read model moves on after each command, as the goals service's does.
    let current = proposal({
      status: 'returned',
      lastReturn: {
        by: 'pia',
        reason: 'Measure it at p90',
        at: '2026-02-02T09:00:00Z',
        revisedSince: false,
      },
    });
    const { calls } = signedInAs('sam', () => current, ['member'], {
      'POST /api/goals/proposals/p-1/revisions': () => {
        current = {
          ...current,
          revision: 2,
          lastReturn: current.lastReturn && { ...current.lastReturn, revisedSince: true },
          updatedAt: '2026-02-03T09:00:00Z',
        };
        return { id: 'p-1', revision: 4 };
      },
      'POST /api/goals/proposals/p-1/resubmit': () => {
        current = { ...current, status: 'open', updatedAt: '2026-02-03T09:01:00Z' };
        return { id: 'p-1', revision: 5 };
      },
    });
    show();
    expect(await screen.findByText('Measure it at p90', {})).toBeInTheDocument();
    const title = await screen.findByRole('textbox', { name: 'Key result' });
    expect(title).toHaveValue('Start playback within 1 s');
    await userEvent.clear(title);
    await userEvent.type(title, 'Start playback within 1 s at p90');
    await userEvent.click(screen.getByRole('button', { name: 'Revise and resubmit' }));

    await waitFor(() =>
      expect(calls.some((call) => call.path === '/api/goals/proposals/p-1/resubmit')).toBe(true),
    );
    const revision = calls.find((call) => call.path.endsWith('/revisions'));
    expect(revision?.body).toEqual({
      keyResult: {
        title: 'Start playback within 1 s at p90',
        metric: { type: 'number', unit: 'ms', start: 1800, target: 1000, direction: 'decrease' },
        owner: 'sam',
        weight: 1,
      },
    });
    const order = calls.map((call) => call.path);
    expect(order.indexOf('/api/goals/proposals/p-1/revisions')).toBeLessThan(
      order.indexOf('/api/goals/proposals/p-1/resubmit'),
    );
  });
});
