/** How deep a request body may nest arrays and objects. The DTOs here nest three or four levels. */
export const MAX_JSON_DEPTH = 32;

/** What is wrong in a JSON text, and where: a field path (`owner.email`, `members.0`), `''` for the whole. */
export type JsonTextProblem = Readonly<{ path: string; problem: string }>;

/**
 * Names of Object.prototype's members (`__proto__`, `constructor`, `toString`, ...) and
 * `prototype`. As keys they pollute prototypes where objects are merged, and class-validator's
 * whitelist takes them for declared properties (it looks names up in a plain object).
 */
export const reservedKeys: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists, PostgreSQL refuses it. */
export const loneSurrogate =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

const loneSurrogateProblem = (text: string) => {
  const unit = loneSurrogate.exec(text)?.[0].charCodeAt(0) ?? 0;
  return `holds a lone surrogate (U+${unit.toString(16).toUpperCase()}): not valid Unicode text`;
};

type Container =
  | { kind: 'object'; keys: Set<string>; key: string | undefined; expectingKey: boolean }
  | { kind: 'array'; index: number };

// A path is echoed in the answer: a lone surrogate in a key becomes U+FFFD there.
const pathOf = (open: readonly Container[]) =>
  open
    .map((container) =>
      container.kind === 'array' ? String(container.index) : (container.key ?? ''),
    )
    .join('.')
    .replace(loneSurrogates, '\uFFFD');

// Character codes: the scan compares numbers, not one-character strings.
const [QUOTE, BACKSLASH, COMMA, MINUS, PLUS, DOT] = ['"', '\\', ',', '-', '+', '.'].map((c) =>
  c.charCodeAt(0),
);
const [OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = ['{', '}', '[', ']'].map((c) =>
  c.charCodeAt(0),
);
const [DIGIT_0, DIGIT_9, LOWER_E, UPPER_E] = ['0', '9', 'e', 'E'].map((c) => c.charCodeAt(0));

/** Index of the quote that closes the string opening at `start`, or -1 when it never closes. */
const endOfString = (text: string, start: number) => {
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === BACKSLASH) i += 1;
    else if (char === QUOTE) return i;
  }
  return -1;
};

/**
 * The first thing in a JSON text that the services must not take, before anything parses it:
 * nesting deeper than `maxDepth`, a lone surrogate in a key or a string (escaped `\ud800` or raw),
 * a reserved key, a key twice in one object, a number out of range (`1e400` would be Infinity).
 * One pass with an explicit stack: no recursion, so no input can overflow the check itself.
 * Syntax errors are left to JSON.parse: the scan stops where it cannot read on.
 */
export const problemInJsonText = (
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
): JsonTextProblem | undefined => {
  const open: Container[] = [];
  const problem = (description: string): JsonTextProblem => ({
    path: pathOf(open),
    problem: description,
  });

  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    const top = open[open.length - 1] as Container | undefined;
    if (char === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0) return undefined;
      const literal = text.slice(i + 1, end);
      let value = literal;
      if (literal.includes('\\')) {
        try {
          value = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return undefined;
        }
      }
      i = end;
      if (top?.kind === 'object' && top.expectingKey) {
        top.key = value;
        top.expectingKey = false;
        if (loneSurrogate.test(value)) {
          return problem(`is a name that ${loneSurrogateProblem(value)}`);
        }
        if (reservedKeys.has(value)) return problem('is a reserved name');
        if (top.keys.has(value)) return problem('appears more than once');
        top.keys.add(value);
      } else if (loneSurrogate.test(value)) {
        return problem(loneSurrogateProblem(value));
      }
    } else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      if (open.length >= maxDepth) {
        return problem(`nests arrays and objects deeper than ${maxDepth} levels`);
      }
      open.push(
        char === OPEN_OBJECT
          ? { kind: 'object', keys: new Set(), key: undefined, expectingKey: true }
          : { kind: 'array', index: 0 },
      );
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      open.pop();
    } else if (char === COMMA) {
      if (top?.kind === 'object') top.expectingKey = true;
      else if (top) top.index += 1;
    } else if (char === MINUS || (char >= DIGIT_0 && char <= DIGIT_9)) {
      let end = i + 1;
      let exponent = false;
      for (; end < text.length; end += 1) {
        const next = text.charCodeAt(end);
        if (next === LOWER_E || next === UPPER_E) exponent = true;
        else if (
          !(next >= DIGIT_0 && next <= DIGIT_9) &&
          next !== DOT &&
          next !== PLUS &&
          next !== MINUS
        )
          break;
      }
      // Without an exponent only more than 309 digits overflow a double.
      if (exponent || end - i > 309) {
        const number = Number(text.slice(i, end));
        if (Number.isNaN(number)) return undefined;
        if (!Number.isFinite(number)) return problem('is a number out of range');
      }
      i = end - 1;
    }
  }
  return undefined;
};
