import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The columns of docs/security.md "Powers": who holds a power, by relation to the object. */
export const powerColumns = [
  'admin',
  'tribe lead',
  'product owner',
  'chapter lead',
  'guild coordinator',
  'member',
  'the person themselves',
] as const;
export type PowerColumn = (typeof powerColumns)[number];

/** One row of a table of powers as written: its command names and its ticks. */
export type WrittenPower = Readonly<{
  /** Which table: `Org` or `Goals` (the `###` heading above it). */
  table: string;
  /** The Command cell as written, e.g. "Rename a squad (`RenameSquad`)". */
  text: string;
  /** The command names the cell quotes in backticks. */
  commands: readonly string[];
  /** Each column's cell: whether it ticks, and what it says after the tick ("a squad's"). */
  cells: Readonly<Record<PowerColumn, Readonly<{ ticks: boolean; says: string }>>>;
}>;

export const securityRulesFile = path.join(__dirname, '..', '..', 'docs', 'security.md');

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/** The services the walk goes through: their tables of powers are the ones it reads. */
export const walkedTables = ['Org', 'Goals'] as const;

/**
 * The rows of the tables of powers under "## Powers" of docs/security.md of the services walked
 * (`### Org`, `### Goals`), read from the text a reviewer reads, so the walk holds the answers to
 * the written table and not to a copy of it. Other services' tables (`### Checkins`, which has
 * its own layout and its own e2e specs) are not the walk's.
 */
export const readWrittenPowers = (
  markdown: string,
  tables: readonly string[] = walkedTables,
): WrittenPower[] => {
  const rows: WrittenPower[] = [];
  let inPowers = false;
  let table = '';
  let columns: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      inPowers = line.trim() === '## Powers';
      columns = undefined;
      continue;
    }
    if (!inPowers) continue;
    if (line.startsWith('### ')) {
      table = line.slice(4).trim();
      columns = undefined;
      continue;
    }
    if (!tables.includes(table)) continue;
    if (!line.trim().startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = cellsOf(line);
    if (columns === undefined) {
      columns = cells;
      continue;
    }
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    const at = (column: string) => cells[columns!.indexOf(column)] ?? '';
    const missing = powerColumns.filter((column) => !columns!.includes(column));
    if (missing.length > 0) {
      throw new Error(`docs/security.md, ${table}: no column ${missing.join(', ')}`);
    }
    rows.push({
      table,
      text: at('Command'),
      commands: [...at('Command').matchAll(/`([A-Z][A-Za-z]+)`/g)].map((match) => match[1]),
      cells: Object.fromEntries(
        powerColumns.map((column) => {
          const cell = at(column);
          return [column, { ticks: cell.startsWith('✓'), says: cell.replace(/^[✓—]\s*/, '') }];
        }),
      ) as WrittenPower['cells'],
    });
  }
  return rows;
};

/** docs/security.md's tables of powers, as this checkout writes them. */
export const writtenPowers = (file = securityRulesFile): WrittenPower[] =>
  readWrittenPowers(readFileSync(file, 'utf8'));

/** Which row a route is held to: a command, and words of the row where the command has several. */
export type PowerRow = Readonly<{ command: string; rowSays?: string }>;

/** The one written row of a command (and its words), or why there is none. */
export const rowOf = (
  rows: readonly WrittenPower[],
  { command, rowSays }: PowerRow,
): WrittenPower | string => {
  const found = rows.filter(
    (row) =>
      row.commands.includes(command) && (rowSays === undefined || row.text.includes(rowSays)),
  );
  if (found.length === 1) return found[0];
  const which = rowSays === undefined ? command : `${command} ("${rowSays}")`;
  return found.length === 0
    ? `docs/security.md has no row of powers for ${which}`
    : `docs/security.md has ${found.length} rows of powers for ${which}`;
};

/** Whether any of the actor's relations to the object holds the row's power. */
export const rowGrants = (row: WrittenPower, relations: readonly PowerColumn[]): boolean =>
  relations.some((relation) => row.cells[relation].ticks);
