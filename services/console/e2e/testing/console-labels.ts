import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const consoleLanguages = ['en', 'nl'] as const;
export type ConsoleLanguage = (typeof consoleLanguages)[number];

const consoleSource = path.join(__dirname, '..', '..', 'src');

type Strings = { readonly [key: string]: string | Strings };

/** Every namespace of one language, as the console bundles them (src/i18n/resources.ts). */
const namespacesOf = (language: ConsoleLanguage): ReadonlyMap<string, Strings> => {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Strings;
  const namespaces = new Map<string, Strings>([
    ['common', read(path.join(consoleSource, 'i18n', 'locales', `${language}.json`))],
  ]);
  const features = path.join(consoleSource, 'features');
  for (const feature of readdirSync(features)) {
    const file = path.join(features, feature, 'locales', `${language}.json`);
    try {
      namespaces.set(feature, read(file));
    } catch {
      // A feature without strings yet.
    }
  }
  return namespaces;
};

/**
 * The console's own words in one language, read from its locale files, so a browser test finds a
 * button by the name a person reads and the same test runs in English and in Dutch.
 * Keys are i18next's: `namespace:path.to.key` (`my-week:checkIn.submit`) or `path.to.key` in the
 * default namespace `common`.
 */
export class ConsoleLabels {
  private readonly namespaces: ReadonlyMap<string, Strings>;

  constructor(readonly language: ConsoleLanguage) {
    this.namespaces = namespacesOf(language);
  }

  /** Whether the key exists: a screen still being built may not have it yet. */
  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  /**
   * The string with `{{values}}` filled in; `count` picks i18next's plural form (`_one`, `_other`,
   * and `_zero` when present). Throws for a key the locale files do not have.
   */
  t(key: string, values: Readonly<Record<string, string | number>> = {}): string {
    const template = this.template(key, values.count);
    return template.replace(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  }

  /**
   * The string as a pattern where each `{{value}}` not given matches anything: for a name that
   * carries a number or date the test does not spell out the way the locale formats it. Whole
   * text by default; `within: true` finds it inside a longer text (a sentence and a link).
   */
  pattern(
    key: string,
    values: Readonly<Record<string, string | number>> = {},
    options: Readonly<{ within?: boolean }> = {},
  ): RegExp {
    const filled = this.t(key, values);
    const parts = filled
      .split(/\{\{[^}]*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const body = parts.join('.+?');
    return new RegExp(options.within ? body : `^\\s*${body}\\s*$`);
  }

  private template(key: string, count: string | number | undefined): string {
    if (typeof count === 'number') {
      const rule = new Intl.PluralRules(this.language).select(count);
      const forms = count === 0 ? ['_zero', `_${rule}`, '_other'] : [`_${rule}`, '_other'];
      for (const form of forms) {
        const found = this.lookup(`${key}${form}`);
        if (found !== undefined) return found;
      }
    }
    const found = this.lookup(key);
    if (found === undefined) {
      throw new Error(`No string '${key}' in the console's ${this.language} locale files`);
    }
    return found;
  }

  private lookup(key: string): string | undefined {
    const separator = key.indexOf(':');
    const namespace = separator === -1 ? 'common' : key.slice(0, separator);
    const keyPath = separator === -1 ? key : key.slice(separator + 1);
    let node: string | Strings | undefined = this.namespaces.get(namespace);
    for (const part of keyPath.split('.')) {
      if (node === undefined || typeof node === 'string') return undefined;
      node = node[part];
    }
    return typeof node === 'string' ? node : undefined;
  }
}
