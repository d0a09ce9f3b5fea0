import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import { TemplateObjectiveScreen } from './TemplateObjectiveScreen';

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
      ],
      chapters: [],
    },
  ],
  guilds: [],
  withoutSquad: [{ personId: 'pia', name: 'Pia' }],
};

const template = {
  templateId: 'improve-customer-satisfaction',
  category: 'customers',
  language: 'en',
  title: 'Improve customer satisfaction',
  description: 'Customers who love the product stay.',
  suggestedKind: 'aspirational',
  keyResults: [
    {
      index: 0,
      title: 'Raise NPS',
      metric: { type: 'number', unit: 'points', direction: 'increase' },
      target: { kind: 'by', amount: 10 },
      weight: 2,
    },
    {
      index: 1,
      title: 'Cut first response time',
      metric: { type: 'number', unit: 'hours', direction: 'decrease' },
      target: { kind: 'by-percent', percent: 20 },
      weight: 1,
    },
  ],
  guidance: 'Measure NPS the same way all quarter.',
};

describe('an objective from a template', () => {
  it("starts from the template's key results and kind, and sends the team's baselines", async () => {
    const { calls } = stubApi({
      '/api/session/': {
        personId: 'pia',
        organisationId: 'acme',
        roles: ['member'],
        method: 'development',
      },
      '/api/org/org/tree': orgTree,
      '/api/goals/templates': [template],
      '/api/goals/cycles': [
        {
          cycleId: '2026-q1',
          name: 'Q1 2026',
          startsOn: '2026-01-01',
          endsOn: '2026-03-31',
          status: 'active',
        },
      ],
      'POST /api/goals/objectives/from-template': { id: 'o-7', revision: 2 },
      'POST /api/goals/objectives/o-7/activate': { id: 'o-7', revision: 3 },
    });
    const { router } = renderWithConsole(<TemplateObjectiveScreen />, {
      path: '/proposals/from-template?template=improve-customer-satisfaction',
    });

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Improve customer satisfaction' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Template' })).toHaveValue(
      'improve-customer-satisfaction',
    );
    expect(screen.getByRole('combobox', { name: 'Kind' })).toHaveValue('aspirational');
    // Pia leads the squad: it is the owner offered first.
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveValue('squad:squad-play');
    expect(screen.getByRole('checkbox', { name: 'Keep “Raise NPS”' })).toBeChecked();

    await userEvent.type(
      screen.getByRole('spinbutton', { name: "Today's value for “Raise NPS”" }),
      '31',
    );
    expect(screen.getByText('Target: 41 points')).toBeInTheDocument();
    await userEvent.type(
      screen.getByRole('spinbutton', { name: "Today's value for “Cut first response time”" }),
      '8',
    );
    expect(screen.getByText('Target: 6.4 hours')).toBeInTheDocument();
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Owner of “Cut first response time”' }),
      'sam',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create from template' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/objectives/o-7'));
    expect(calls.find((call) => call.path.endsWith('/from-template'))?.body).toEqual({
      templateId: 'improve-customer-satisfaction',
      language: 'en',
      cycleId: '2026-q1',
      owner: { kind: 'squad', id: 'squad-play' },
      kind: 'aspirational',
      visibility: 'public',
      keyResults: [
        { index: 0, baseline: 31, owner: 'pia' },
        { index: 1, baseline: 8, owner: 'sam' },
      ],
    });
    expect(calls.some((call) => call.path === '/api/goals/objectives/o-7/activate')).toBe(true);
  });
});
