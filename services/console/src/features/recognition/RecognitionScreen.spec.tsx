import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { Kudos, WallPage } from './api';
import { RecognitionScreen } from './RecognitionScreen';
import { ann, ben, cas, checkout, recognitionBasics } from './testing/acme.fixture';

const kudos: Kudos = {
  kudosId: '0c000000-0000-4000-8000-000000000001',
  giverId: cas,
  receiverIds: [ben],
  message: 'Thanks for pairing on the refund flow',
  values: ['ownership'],
  audience: 'public',
  reactions: { applause: { count: 2, by: [ann, ben] } },
  comments: [],
  givenAt: '2026-03-02T09:30:00.000Z',
};

const feed: WallPage = {
  wall: 'organisation',
  items: [
    {
      item: 'celebration',
      at: '2026-03-02T10:00:00.000Z',
      celebration: {
        achievementKey: 'kr:2026-q1:0d000000-0000-4000-8000-000000000001',
        achievement: {
          kind: 'key-result-achieved',
          cycleId: '2026-q1',
          objectiveId: '0e000000-0000-4000-8000-000000000001',
          keyResultId: '0d000000-0000-4000-8000-000000000001',
          value: 42,
          target: 40,
        },
        walls: [{ kind: 'squad', id: checkout }],
        visibility: 'public',
        objectiveTitle: 'Delight payers',
        keyResultTitle: 'NPS 40',
        celebratedAt: '2026-03-02T10:00:00.000Z',
        text: 'The service’s English text',
      },
    },
    { item: 'kudos', at: kudos.givenAt, kudos },
  ],
};

const stubFeed = () =>
  stubApi({
    ...recognitionBasics,
    '/api/recognition/feed': feed,
    [`POST /api/recognition/kudos/${kudos.kudosId}/reactions`]: { id: kudos.kudosId, revision: 3 },
    [`DELETE /api/recognition/kudos/${kudos.kudosId}/reactions/applause`]: {
      id: kudos.kudosId,
      revision: 3,
    },
  });

describe('the recognition feed', () => {
  it('shows a kudos by the names of giver and receiver, and a celebration of a key result', async () => {
    stubFeed();
    renderWithConsole(<RecognitionScreen />, { path: '/recognition' });

    const feedList = await screen.findByRole('list', { name: "The organisation's feed" });
    expect(
      await within(feedList).findByRole('heading', { name: /Cas thanked Ben/ }),
    ).toBeInTheDocument();
    const celebration = within(feedList).getByRole('article', {
      name: 'Key result “NPS 40” of “Delight payers” reached its target: 42 of 40.',
    });
    expect(celebration).toHaveTextContent('Celebration');
  });

  it('shows only the celebrations when asked', async () => {
    stubFeed();
    renderWithConsole(<RecognitionScreen />, { path: '/recognition' });
    await screen.findByRole('heading', { name: /Cas thanked Ben/ });
    await userEvent.click(screen.getByRole('radio', { name: 'Celebrations' }));
    expect(screen.queryByRole('heading', { name: /Cas thanked Ben/ })).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: /NPS 40/ })).toBeInTheDocument();
  });

  it('tells the celebration in Dutch when the console speaks Dutch, whatever the browser asked', async () => {
    stubFeed();
    await i18n.changeLanguage('nl');
    renderWithConsole(<RecognitionScreen />, { path: '/recognition' });
    const celebration = await screen.findByRole('article', {
      name: 'Key result “NPS 40” van “Delight payers” heeft zijn doel bereikt: 42 van 40.',
    });
    expect(celebration).toHaveTextContent('Viering');
    expect(celebration).not.toHaveTextContent('The service’s English text');
  });

  it('takes back a reaction I gave and adds one I did not', async () => {
    const { calls } = stubFeed();
    renderWithConsole(<RecognitionScreen />, { path: '/recognition' });

    const reactions = await screen.findByRole('group', { name: 'Reactions' });
    const applause = within(reactions).getByRole('button', { name: 'Applause 2' });
    expect(applause).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(applause);
    await userEvent.click(within(reactions).getByRole('button', { name: 'Love 0' }));

    await waitFor(() =>
      expect(calls.filter((call) => call.method !== 'GET')).toEqual([
        {
          method: 'DELETE',
          path: `/api/recognition/kudos/${kudos.kudosId}/reactions/applause`,
          body: undefined,
        },
        {
          method: 'POST',
          path: `/api/recognition/kudos/${kudos.kudosId}/reactions`,
          body: { reaction: 'heart' },
        },
      ]),
    );
  });

  it('starts a kudos to the person the address names', async () => {
    stubFeed();
    renderWithConsole(<RecognitionScreen />, { path: `/recognition?to=${ben}` });
    expect(await screen.findByRole('checkbox', { name: 'Ben' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Cas' })).not.toBeChecked();
  });
});
