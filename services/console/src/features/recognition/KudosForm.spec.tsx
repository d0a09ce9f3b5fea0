import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import { KudosForm } from './KudosForm';
import { directoryOf } from './org-directory';
import { acmeTree, ann, ben, checkout, recognitionBasics } from './testing/acme.fixture';

const directory = directoryOf(acmeTree);

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function renderForm() {
  return renderWithConsole(<KudosForm directory={directory} myPersonId={ann} />);
}

describe('giving kudos', () => {
  it('sends the people, unit, message, values and audience chosen, then says to whom', async () => {
    const { calls } = stubApi({
      ...recognitionBasics,
      '/api/goals/people/me/okrs': {
        owned: [
          {
            objectiveId: 'o-1',
            title: 'Delight payers',
            achieved: false,
            keyResults: [{ keyResultId: 'kr-1', title: 'NPS 40', achieved: false }],
          },
        ],
        contributed: [],
      },
      'POST /api/recognition/kudos': { id: 'k-1', revision: 0 },
    });
    renderForm();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Ben' }));
    await userEvent.selectOptions(screen.getByLabelText('Thank a unit'), 'Checkout (Squad)');
    await userEvent.type(screen.getByLabelText('Message'), 'Thanks for the release');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'ownership' }));
    await userEvent.selectOptions(
      screen.getByLabelText('About an objective or key result'),
      await screen.findByRole('option', { name: 'Key result: NPS 40' }),
    );
    await userEvent.click(screen.getByRole('radio', { name: /^Private/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Give kudos' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Kudos given to Ben and Checkout.');
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual({
      kudosId: expect.any(String),
      to: { personIds: [ben], unit: { kind: 'squad', id: checkout } },
      message: 'Thanks for the release',
      values: ['ownership'],
      about: { kind: 'key-result', objectiveId: 'o-1', keyResultId: 'kr-1' },
      audience: 'private',
    });
    // Nobody thanks themselves: the signed-in person is not offered.
    expect(screen.queryByRole('checkbox', { name: 'Ann' })).not.toBeInTheDocument();
  });

  it('refuses a message over 1,000 characters and nobody thanked before asking the service', async () => {
    const { calls } = stubApi({ ...recognitionBasics });
    renderForm();

    await userEvent.click(screen.getByLabelText('Message'));
    await userEvent.paste('x'.repeat(1001));
    expect(screen.getByText('1001 of 1000 characters')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Give kudos' }));

    expect(screen.getByLabelText('Message')).toHaveAccessibleDescription(
      /The message may be at most 1000 characters long\./,
    );
    expect(screen.getByText('Choose at least one person or a unit to thank.')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('puts the service’s 400 field errors next to the fields', async () => {
    stubApi({
      ...recognitionBasics,
      'POST /api/recognition/kudos': answer(400, {
        statusCode: 400,
        error: 'validation_failed',
        message: 'The request is not valid.',
        fields: { message: 'must not be blank after trimming', values: 'unknown value speed' },
      }),
    });
    renderForm();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Ben' }));
    await userEvent.type(screen.getByLabelText('Message'), 'Thanks');
    await userEvent.click(screen.getByRole('button', { name: 'Give kudos' }));

    expect(await screen.findByText('must not be blank after trimming')).toBeInTheDocument();
    expect(screen.getByLabelText('Message')).toHaveAttribute('aria-invalid', 'true');
    const values = screen.getByRole('group', { name: 'Values' });
    expect(within(values).getByText('unknown value speed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
  });

  it('over the hourly limit, says from when the next kudos can be given', async () => {
    stubApi({
      ...recognitionBasics,
      'POST /api/recognition/kudos': answer(409, {
        statusCode: 409,
        error: 'rule_violated',
        message:
          "You gave 2 kudos in the last hour, the organisation's limit; the next one can be given from 2026-03-02T10:15:00.000Z",
        fields: { kudos: 'at most 2 per hour; next from 2026-03-02T10:15:00.000Z' },
      }),
    });
    renderForm();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Ben' }));
    await userEvent.type(screen.getByLabelText('Message'), 'Thanks again');
    await userEvent.click(screen.getByRole('button', { name: 'Give kudos' }));

    const alert = await screen.findByRole('alert');
    // TZ=UTC in the tests: 10:15 in British English.
    expect(alert).toHaveTextContent(
      'You have given as many kudos this hour as your organisation allows. You can give the next one from 2 Mar 2026, 10:15.',
    );
    // The message is kept, to send once the hour has passed.
    expect(screen.getByLabelText('Message')).toHaveValue('Thanks again');
  });

  it('speaks Dutch', async () => {
    stubApi({ ...recognitionBasics });
    const { default: i18n } = await import('../../i18n');
    await i18n.changeLanguage('nl');
    renderForm();
    expect(screen.getByRole('heading', { name: 'Kudos geven' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Kudos geven' })).toBeInTheDocument(),
    );
  });
});
