import { screen, within } from '@testing-library/react';
import i18n from '../../i18n';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { HistoryEntry } from './api';
import { AuditHistory, auditValueText } from './AuditHistory';
import { keyResultHistory, objective, parentId, squadId } from './objective-answers';
import { measurementsOf } from './MeasurementChart';

const entries = keyResultHistory as unknown as HistoryEntry[];

describe('the audit history', () => {
  it('shows who, when, why and each field before → after, newest first', async () => {
    stubApi({
      '/api/org/people/pete': { personId: 'pete', name: 'Pete' },
      '/api/org/people/sam': { personId: 'sam', name: 'Sam' },
    });
    renderWithConsole(
      <AuditHistory entries={entries} keyResults={objective.keyResults as never} />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => within(item).getByText(/—/, { selector: 'p' }).textContent)).toEqual(
      [
        'Target adjusted — Conversion to 60%',
        'Progress measured — Conversion to 60%',
        'Key result added — Conversion to 60%',
      ],
    );
    const adjusted = items[0];
    expect(within(adjusted).getByText('Why: Stretch after the A/B test')).toBeInTheDocument();
    expect(await within(adjusted).findByText('Pete')).toBeInTheDocument();
    const row = within(adjusted).getByRole('row', { name: /Target/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['60', '65']);

    const added = items[2];
    expect(
      within(within(added).getByRole('row', { name: /Measure/ })).getAllByRole('cell')[1],
    ).toHaveTextContent('40 → 60 %');
    expect(
      await within(within(added).getByRole('row', { name: /Owner/ })).findByText('Sam'),
    ).toBeInTheDocument();
  });

  it('speaks Dutch, numbers too', async () => {
    stubApi({});
    await i18n.changeLanguage('nl');
    renderWithConsole(
      <AuditHistory
        entries={[{ ...entries[1], changes: [{ field: 'target', before: 60.5, after: 65.25 }] }]}
        keyResults={[]}
      />,
    );
    expect(screen.getByText('Doel bijgesteld')).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /Doel/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['60,5', '65,25']);
  });

  it('names the owning unit, links the objective it aligns to, and words kinds and visibility', async () => {
    stubApi({
      '/api/org/people/pete': { personId: 'pete', name: 'Pete' },
      [`/api/goals/objectives/${parentId}`]: {
        ...objective,
        title: 'Customers pay without friction',
      },
    });
    renderWithConsole(
      <AuditHistory
        entries={[
          {
            ...entries[0],
            keyResultId: null,
            eventType: 'ObjectiveDefined',
            changes: [
              { field: 'owner', before: null, after: { kind: 'squad', id: squadId } },
              { field: 'visibility', before: 'public', after: 'private' },
            ],
          },
          {
            ...entries[1],
            keyResultId: null,
            eventType: 'ObjectiveAligned',
            changes: [{ field: 'parent', before: null, after: parentId }],
          },
        ]}
        keyResults={[]}
        owner={{ kind: 'squad', id: squadId, name: 'Checkout' }}
      />,
    );
    const cells = (name: RegExp) =>
      within(screen.getByRole('row', { name }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells(/^Owner/)).toEqual(['—', 'Squad Checkout']);
    expect(cells(/^Visibility/)).toEqual(['Public', 'Private: only its owners and their leads']);
    expect(
      await screen.findByRole('link', { name: 'Customers pay without friction' }),
    ).toHaveAttribute('href', `/objectives/${parentId}`);
  });

  it('words values: nothing, a unit owner, a metric, and the unknown as JSON', () => {
    const number = (value: number) => String(value);
    const unit = (kind: string) => kind.toUpperCase();
    expect(auditValueText(null, number, unit)).toBe('—');
    expect(auditValueText({ kind: 'company' }, number, unit)).toBe('COMPANY');
    expect(auditValueText({ kind: 'squad', id: 's1' }, number, unit)).toBe('SQUAD s1');
    expect(auditValueText({ wentWell: 'a' }, number, unit)).toBe('{"wentWell":"a"}');
  });
});

describe('the measurements of a key result', () => {
  it('are its start, then every value it progressed to, in time order, with the target now', () => {
    expect(measurementsOf(entries)).toEqual({
      measurements: [
        { at: Date.parse('2026-12-01T09:00:00.000Z'), value: 40 },
        { at: Date.parse('2026-12-04T16:00:00.000Z'), value: 45 },
      ],
      target: 65,
    });
  });
});
