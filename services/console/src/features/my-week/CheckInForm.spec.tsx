import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import { CheckInForm, draftProblems } from './CheckInForm';

const objectiveId = '0b7c5f9e-6f0e-4f55-9d3c-1a2b3c4d5e6f';
const keyResultId = '1c8d6a0f-7a1f-4a66-8e4d-2b3c4d5e6f70';
const checkInsPath = `/api/checkins/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`;

const previous = {
  checkInId: '2d9e7b1a-8b2a-4b77-9f5e-3c4d5e6f7081',
  objectiveId,
  keyResultId,
  authorId: 'ada',
  value: 42,
  confidence: 6,
  band: 'at-risk',
  note: { progress: 'FAQ shipped', obstacles: 'Data team busy', nextSteps: '' },
  blockerIds: [],
  acknowledgers: [],
  awaitingAcknowledgement: false,
  recordedAt: '2026-11-27T16:00:00.000Z',
};

const history = (latest: typeof previous | null) => ({
  objectiveId,
  keyResultId,
  title: 'NPS to 50',
  ownerId: 'ada',
  previous: latest,
  checkIns: latest ? [latest] : [],
});

function renderForm() {
  return renderWithConsole(
    <CheckInForm objectiveId={objectiveId} keyResultId={keyResultId} title="NPS to 50" />,
  );
}

describe('the check-in form', () => {
  it('shows my previous check-in: value, confidence and note', async () => {
    stubApi({ [checkInsPath]: history(previous) });
    renderForm();
    const shown = await screen.findByTestId('previous-check-in');
    expect(shown).toHaveTextContent('Previous check-in on 27 Nov 2026: value 42, confidence 6/10.');
    expect(shown).toHaveTextContent('At risk');
    expect(shown).toHaveTextContent('FAQ shipped');
    expect(shown).toHaveTextContent('Data team busy');
    expect(shown).not.toHaveTextContent('Next steps');
  });

  it('says when there is no previous check-in', async () => {
    stubApi({ [checkInsPath]: history(null) });
    renderForm();
    expect(await screen.findByText('No check-in yet: this is the first.')).toBeInTheDocument();
  });

  it('checks value and confidence before sending, next to the fields', async () => {
    const { calls } = stubApi({ [checkInsPath]: history(null) });
    renderForm();
    await userEvent.type(await screen.findByLabelText('Value now'), 'lots');
    await userEvent.type(screen.getByLabelText('Confidence (0–10)'), '11');
    await userEvent.click(screen.getByRole('button', { name: 'Record check-in' }));

    expect(screen.getByLabelText('Value now')).toHaveAccessibleDescription(
      'The value must be a number.',
    );
    expect(screen.getByLabelText('Confidence (0–10)')).toHaveAccessibleDescription(
      'Confidence is a whole number from 0 to 10.',
    );
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('records the check-in with a note and says so', async () => {
    const { calls } = stubApi({
      [checkInsPath]: history(previous),
      [`POST ${checkInsPath}`]: { checkInId: 'x' },
    });
    renderForm();
    await userEvent.type(await screen.findByLabelText('Value now'), '47,5');
    await userEvent.type(screen.getByLabelText('Confidence (0–10)'), '7');
    await userEvent.type(screen.getByLabelText('Progress'), 'Survey sent');
    await userEvent.click(screen.getByRole('button', { name: 'Record check-in' }));

    expect(await screen.findByRole('status', { name: '' })).toHaveTextContent('Check-in recorded.');
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual({
      checkInId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      value: 47.5,
      confidence: 7,
      note: { progress: 'Survey sent', obstacles: '', nextSteps: '' },
    });
  });

  it('shows the new check-in as the previous one once the read side has it', async () => {
    let reads = 0;
    const recorded = { ...previous, checkInId: '', value: 47, confidence: 8, band: 'on-track' };
    stubApi({
      // The read side lags: the first reads after recording still answer the check-in before.
      [checkInsPath]: () => {
        reads += 1;
        return history(reads <= 2 || !recorded.checkInId ? previous : recorded);
      },
      [`POST ${checkInsPath}`]: (body: unknown) => {
        recorded.checkInId = (body as { checkInId: string }).checkInId;
        return { checkInId: recorded.checkInId };
      },
    });
    renderForm();
    expect(await screen.findByTestId('previous-check-in')).toHaveTextContent('value 42');
    await userEvent.type(screen.getByLabelText('Value now'), '47');
    await userEvent.type(screen.getByLabelText('Confidence (0–10)'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Record check-in' }));

    await waitFor(() =>
      expect(screen.getByTestId('previous-check-in')).toHaveTextContent(
        'value 47, confidence 8/10',
      ),
    );
    expect(screen.getByTestId('previous-check-in')).toHaveTextContent('On track');
    expect(reads).toBeGreaterThan(2);
  });

  it('asks whether a milestone is done, and says from where to where a number goes', async () => {
    const { calls } = stubApi({
      [checkInsPath]: history(null),
      [`POST ${checkInsPath}`]: { checkInId: 'x' },
    });
    const { unmount } = renderWithConsole(
      <CheckInForm
        objectiveId={objectiveId}
        keyResultId={keyResultId}
        title="Launch the FAQ"
        metric={{ type: 'milestone', unit: '', start: 0, target: 1, direction: 'increase' }}
      />,
    );
    await userEvent.selectOptions(await screen.findByLabelText('Value now'), 'Done');
    await userEvent.type(screen.getByLabelText('Confidence (0–10)'), '9');
    await userEvent.click(screen.getByRole('button', { name: 'Record check-in' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ value: 1 }),
    );
    unmount();

    renderWithConsole(
      <CheckInForm
        objectiveId={objectiveId}
        keyResultId={keyResultId}
        title="NPS to 50"
        metric={{ type: 'number', unit: 'points', start: 30, target: 50, direction: 'increase' }}
      />,
    );
    expect(await screen.findByLabelText('Value now')).toHaveAccessibleDescription(
      'From 30 to 50 points',
    );
  });

  it("shows the service's field problems of a 400 next to the fields", async () => {
    stubApi({
      [checkInsPath]: history(null),
      [`POST ${checkInsPath}`]: new Response(
        JSON.stringify({
          statusCode: 400,
          error: 'validation_failed',
          message: 'The request is invalid',
          fields: { value: 'must be at most 1000 for this key result' },
        }),
        { status: 400 },
      ),
    });
    renderForm();
    await userEvent.type(await screen.findByLabelText('Value now'), '5000');
    await userEvent.type(screen.getByLabelText('Confidence (0–10)'), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Record check-in' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Value now')).toHaveAccessibleDescription(
        'must be at most 1000 for this key result',
      ),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
  });
});

describe('a draft check-in', () => {
  const note = { progress: '', obstacles: '', nextSteps: '' };
  it('needs a number and a whole confidence from 0 to 10', () => {
    expect(draftProblems({ value: '3.5', confidence: '0', note })).toEqual({});
    expect(draftProblems({ value: '', confidence: '', note })).toEqual({
      value: 'form.problems.valueRequired',
      confidence: 'form.problems.confidenceRequired',
    });
    expect(draftProblems({ value: '1', confidence: '6.5', note }).confidence).toBe(
      'form.problems.confidenceRange',
    );
    expect(
      draftProblems({
        value: '1',
        confidence: '5',
        note: { ...note, obstacles: 'x'.repeat(2001) },
      }),
    ).toEqual({ 'note.obstacles': 'form.problems.noteTooLong' });
  });
});
