import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import { NewStoryScreen } from './NewStoryScreen';
import { cas, checkout, recognitionBasics } from './testing/acme.fixture';

const objectiveId = '0e000000-0000-4000-8000-000000000001';
const keyResultId = '0d000000-0000-4000-8000-000000000001';

const myOkrs = {
  owned: [
    {
      objectiveId,
      title: 'Delight payers',
      achieved: false,
      keyResults: [
        { keyResultId, title: 'NPS 40', achieved: true },
        { keyResultId: '0d000000-0000-4000-8000-000000000002', title: 'Refunds', achieved: false },
      ],
    },
  ],
  contributed: [],
};

describe('a new success story', () => {
  it('offers only achieved goals, starts from the celebrated one, and drafts it', async () => {
    const { calls } = stubApi({
      ...recognitionBasics,
      '/api/goals/people/me/okrs': myOkrs,
      'POST /api/recognition/stories': { id: 'story-1', revision: 0 },
    });
    const { router } = renderWithConsole(<NewStoryScreen />, {
      path: `/recognition/stories/new?about=key-result:${objectiveId}:${keyResultId}`,
      pattern: '/recognition/stories/new',
      routes: [{ path: '/recognition/stories/:storyId', element: <p>The story</p> }],
    });

    const about = await screen.findByLabelText('Which achievement is it about?');
    expect(about).toHaveDisplayValue('Key result: NPS 40 (Delight payers)');
    expect(screen.queryByRole('option', { name: /Refunds/ })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('option', { name: /Objective: Delight payers/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save the draft' }));
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('This field is required.');

    await userEvent.type(screen.getByLabelText('Title'), 'How we reached NPS 40');
    await userEvent.type(screen.getByLabelText('What was done'), 'Weekly calls with payers.');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Cas' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Checkout (Squad)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save the draft' }));

    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/recognition/stories/story-1'),
    );
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      storyId: expect.any(String),
      about: { kind: 'key-result', objectiveId, keyResultId },
      title: 'How we reached NPS 40',
      whatWasDone: 'Weekly calls with payers.',
      whatWasLearned: '',
      helpedBy: { personIds: [cas], units: [{ kind: 'squad', id: checkout }] },
    });
  });
});
