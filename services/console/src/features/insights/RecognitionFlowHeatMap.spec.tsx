import { render, screen, within } from '@testing-library/react';
import { directoryOf } from '../recognition/org-directory';
import { acmeTree, backend, checkout } from '../recognition/testing/acme.fixture';
import { RecognitionFlowHeatMap } from './RecognitionFlowHeatMap';

const directory = directoryOf(acmeTree);
const gone = '0b000000-0000-4000-8000-0000000000ff';

/** The table's cells as text, row by row, headers included. */
const tableText = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('the recognition heat map', () => {
  it('has a row per giving unit and a column per receiving one, each cell its number of kudos', () => {
    render(
      <RecognitionFlowHeatMap
        kind="squad"
        directory={directory}
        cells={[
          { from: checkout, to: checkout, kudos: 4 },
          { from: checkout, to: gone, kudos: 1 },
          { from: gone, to: checkout, kudos: 2 },
        ]}
      />,
    );
    const table = screen.getByRole('table', {
      name: 'Kudos given by each squad (rows) to each squad (columns)',
    });
    // Names from the organisation; a unit it no longer knows is named by its kind, never its id.
    expect(tableText(table)).toEqual([
      ['From ↓ To →', 'A squad no longer known', 'Checkout'],
      ['A squad no longer known', '0', '2'],
      ['Checkout', '1', '4'],
    ]);
    expect(table).not.toHaveTextContent(gone);
  });

  it('colours a cell by its share of the largest count, with text that stays readable', () => {
    render(
      <RecognitionFlowHeatMap
        kind="chapter"
        directory={directory}
        cells={[
          { from: backend, to: backend, kudos: 8 },
          { from: backend, to: gone, kudos: 0 },
        ]}
      />,
    );
    const backendRow = screen.getByRole('row', { name: /^Backend/ });
    // Columns by name: the unit no longer known ("A chapter…") comes before Backend.
    const [none, most] = within(backendRow).getAllByRole('cell');
    // The most kudos: the darkest blue, white figures; none: near-white, black figures.
    expect(most).toHaveStyle({ background: '#08306b', color: '#ffffff' });
    expect(none).toHaveStyle({ background: '#f7fbff', color: '#000000' });
  });

  it('says so when no kudos went between units of the kind', () => {
    render(<RecognitionFlowHeatMap kind="guild" directory={directory} cells={[]} />);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(
      screen.getByText('No kudos between units of this kind (guild) in this period.'),
    ).toBeInTheDocument();
  });
});
