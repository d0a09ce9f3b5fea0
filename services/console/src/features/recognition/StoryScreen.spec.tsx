import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { Story, Unit } from './api';
import { StoryScreen } from './StoryScreen';
import { backend, ben, cas, checkout, recognitionBasics } from './testing/acme.fixture';

const storyOf = (unit: Unit, authorId: string): Story => ({
  storyId: '0f000000-0000-4000-8000-000000000001',
  kind: 'success',
  about: { kind: 'objective', objectiveId: '0e000000-0000-4000-8000-000000000001' },
  unit,
  authorId,
  draftedBy: authorId,
  helpedBy: { personIds: [cas], units: [] },
  title: 'How Checkout halved refunds',
  whatWasDone: 'We paired with support every Friday.',
  whatWasLearned: '',
  status: 'draft',
  draftedAt: '2026-03-20T10:00:00.000Z',
});

function renderStory(story: Story) {
  const stub = stubApi({
    ...recognitionBasics,
    [`/api/recognition/stories/${story.storyId}`]: story,
    [`POST /api/recognition/stories/${story.storyId}/publish`]: { id: story.storyId, revision: 1 },
  });
  renderWithConsole(<StoryScreen />, {
    path: `/recognition/stories/${story.storyId}`,
    pattern: '/recognition/stories/:storyId',
  });
  return stub;
}

describe('a success story', () => {
  it('offers the unit’s lead to publish the draft', async () => {
    // Ann, signed in, is the product owner of Checkout.
    const { calls } = renderStory(storyOf({ kind: 'squad', id: checkout }, ben));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'How Checkout halved refunds' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Cas')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Publish the story' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
        '/api/recognition/stories/0f000000-0000-4000-8000-000000000001/publish',
      ]),
    );
  });

  it('shows no buttons to someone who neither wrote it nor leads its unit', async () => {
    renderStory(storyOf({ kind: 'chapter', id: backend }, ben));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'How Checkout halved refunds' }),
    ).toBeInTheDocument();
    await screen.findByText('Cas');
    expect(screen.queryByRole('button', { name: 'Publish the story' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit the draft' })).not.toBeInTheDocument();
    expect(screen.queryByText('Withdraw the story')).not.toBeInTheDocument();
  });
});
