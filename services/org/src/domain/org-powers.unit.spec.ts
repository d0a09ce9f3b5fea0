import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Forbidden } from '@rhythm/event-sourcing';
import type { Actor } from './org-facts';
import { assertPower, orgPowers } from './org-powers';

const member = (personId: string): Actor => ({ personId, isAdmin: false });

describe('the table of powers in code', () => {
  it('gives an admin every power', () => {
    for (const command of Object.keys(orgPowers) as (keyof typeof orgPowers)[]) {
      expect(() =>
        assertPower({ personId: 'root', isAdmin: true }, command, {}, 'squad 1'),
      ).not.toThrow();
    }
  });

  it('lets a holder the row names act, and says who may when another tries', () => {
    const holders = { 'tribe lead': 'tara', 'product owner': ['pia'] };
    expect(() => assertPower(member('pia'), 'RenameSquad', holders, 'squad 1')).not.toThrow();
    expect(() => assertPower(member('tara'), 'RenameSquad', holders, 'squad 1')).not.toThrow();
    expect(() => assertPower(member('max'), 'RenameSquad', holders, 'squad 1')).toThrow(
      new Forbidden('Only an admin, the tribe lead or the product owner may rename squad 1'),
    );
  });

  it('counts only the holders its row names, whatever the decider passes', () =>
    expect(() =>
      assertPower(member('pia'), 'AppointProductOwner', { 'product owner': 'pia' }, 'squad 1'),
    ).toThrow(Forbidden));

  it('counts no one for a vacant role', () =>
    expect(() =>
      assertPower(member('pia'), 'RenameSquad', { 'product owner': null }, 'squad 1'),
    ).toThrow(Forbidden));
});

/** The org rows of docs/security.md "Powers": the command in backquotes, then a cell per actor. */
const writtenRows = (): ReadonlyMap<string, readonly string[]> => {
  const text = readFileSync(join(__dirname, '../../../../docs/security.md'), 'utf8');
  const section = text.slice(text.indexOf('## Powers'), text.indexOf('### Goals'));
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const [header] = lines;
  const actors = header
    .split('|')
    .slice(2, -2)
    .map((cell) => cell.trim());
  const rows = new Map<string, readonly string[]>();
  for (const line of lines) {
    const [, what, ...cells] = line.split('|');
    const command = /`(\w+)`/.exec(what)?.[1];
    if (command === undefined) continue;
    rows.set(
      command,
      actors.filter((_, index) => cells[index].trim().startsWith('✓')),
    );
  }
  return rows;
};

describe('docs/security.md "Powers" and the table in code', () => {
  const written = writtenRows();

  it('writes down every org command the deciders know, and no other', () =>
    expect([...written.keys()].sort()).toEqual(Object.keys(orgPowers).sort()));

  // The columns are the holders' names: a renamed holder shows here too.
  it.each(Object.entries(orgPowers))('%s: the same actors in both', (command, power) => {
    const inCode: readonly string[] = ['admin', ...power.holders];
    const order = (actors: readonly string[]) => [...actors].sort();
    expect(order(written.get(command) ?? [])).toEqual(order(inCode));
  });
});
