import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { Kudos } from './api';
import { KudosScreen } from './KudosScreen';
import { ann, ben, cas, recognitionBasics } from './testing/acme.fixture';

const kudosBy = (giverId: string): Kudos => ({
  kudosId: '0c000000-0000-4000-8000-000000000009',
  giverId,
  receiverIds: [cas],
  message: 'Thank you for the on-call week',
  values: [],
  audience: 'private',
  reactions: {},
  comments: [
    {
      commentId: 'c-1',
      authorId: cas,
      text: 'Happy to help!',
      commentedAt: '2026-03-02T11:00:00.000Z',
    },
  ],
  givenAt: '2026-03-02T10:00:00.000Z',
});

function renderKudos(kudos: Kudos) {
  const stub = stubApi({
    ...recognitionBasics,
    [`/api/recognition/kudos/${kudos.kudosId}`]: kudos,
    [`POST /api/recognition/kudos/${kudos.kudosId}/withdraw`]: { id: kudos.kudosId, revision: 2 },
    [`POST /api/recognition/kudos/${kudos.kudosId}/comments`]: { id: kudos.kudosId, revision: 2 },
  });
  const rendered = renderWithConsole(<KudosScreen />, {
    path: `/recognition/kudos/${kudos.kudosId}`,
    pattern: '/recognition/kudos/:kudosId',
    routes: [{ path: '/recognition', element: <p>The feed</p> }],
  });
  return { ...stub, ...rendered };
}

describe('one kudos', () => {
  it('lets its giver withdraw it, after asking', async () => {
    const { calls, router } = renderKudos(kudosBy(ann));
    expect(await screen.findByRole('heading', { name: 'Ann thanked Cas' })).toBeInTheDocument();
    expect(screen.getByText('Private')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Withdraw kudos' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, withdraw' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/recognition'));
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
      '/api/recognition/kudos/0c000000-0000-4000-8000-000000000009/withdraw',
    ]);
  });

  it('offers no withdrawal to anyone else', async () => {
    renderKudos(kudosBy(ben));
    expect(await screen.findByRole('heading', { name: 'Ben thanked Cas' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Withdraw kudos' })).not.toBeInTheDocument();
  });

  it('shows the comments by name and adds mine', async () => {
    const { calls } = renderKudos(kudosBy(ben));
    expect(await screen.findByText('Happy to help!')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(screen.getByLabelText('Your comment')).toHaveAccessibleDescription('Write a comment.');

    await userEvent.type(screen.getByLabelText('Your comment'), 'Well deserved');
    await userEvent.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ text: 'Well deserved' }),
    );
  });
});
