import { resources } from './resources';

// Every string in English and Dutch: the two languages hold the same keys in every namespace, and
// no Dutch string is left empty.
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leaves);
}

describe('the console speaks English and Dutch', () => {
  it.each(Object.keys(resources.en))(
    'namespace %s has the same keys in both languages',
    (namespace) => {
      const english = keys(resources.en[namespace as keyof typeof resources.en]).sort();
      const dutch = keys(resources.nl[namespace as keyof typeof resources.nl]).sort();
      expect(dutch).toEqual(english);
      expect(
        leaves(resources.nl[namespace as keyof typeof resources.nl]).every(
          (text) => typeof text === 'string' && text.trim() !== '',
        ),
      ).toBe(true);
    },
  );
});
