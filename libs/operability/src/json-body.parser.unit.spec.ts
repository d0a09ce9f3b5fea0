import { UnsupportedMediaTypeException } from '@nestjs/common';
import { ValidationFailed } from '@rhythm/event-sourcing';
import { parseJsonBody } from './json-body.parser';
import { MAX_JSON_DEPTH, problemInJsonText } from './json-text.checks';

const nested = (levels: number, open = '[', close = ']') =>
  `${open.repeat(levels)}${close.repeat(levels)}`;

describe('a JSON text is checked before anything parses it', () => {
  it.each([
    ['an escaped lone high surrogate', String.raw`{"name":"a\ud800"}`, 'name', 'U+D800'],
    ['an escaped lone low surrogate', String.raw`{"name":"\udc00x"}`, 'name', 'U+DC00'],
    ['a reversed pair', String.raw`{"name":"\udc00\ud800"}`, 'name', 'U+DC00'],
    ['a raw lone surrogate', '{"name":"a\ud800"}', 'name', 'U+D800'],
    [
      'a lone surrogate deep inside',
      String.raw`{"a":[{"b":"ok"},{"c":"\ud800"}]}`,
      'a.1.c',
      'U+D800',
    ],
  ])('refuses %s, naming the field', (_, text, path, unit) => {
    expect(problemInJsonText(text)).toEqual({
      path,
      problem: `holds a lone surrogate (${unit}): not valid Unicode text`,
    });
  });

  it('takes well-formed text, pairs and escapes included', () => {
    for (const text of [
      String.raw`{"name":"\ud83d\ude00 ok","emoji":"😀","quote":"\"{[","n":-1.5e3}`,
      '{"a":{"b":[1,2,{"c":null}]},"d":true}',
      '{}',
      '[]',
      '"text"',
    ]) {
      expect(problemInJsonText(text)).toBeUndefined();
    }
  });

  it('refuses a lone surrogate in a key, without echoing it', () => {
    expect(problemInJsonText(String.raw`{"ok":{"\ud800":1}}`)).toEqual({
      path: 'ok.\ufffd',
      problem: 'is a name that holds a lone surrogate (U+D800): not valid Unicode text',
    });
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, arrays or objects, and takes ${MAX_JSON_DEPTH}`, () => {
    expect(problemInJsonText(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(problemInJsonText(nested(MAX_JSON_DEPTH + 1))?.problem).toBe(
      `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    );
    const objects = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    expect(problemInJsonText(objects)).toEqual({
      path: Array.from({ length: MAX_JSON_DEPTH }, () => 'a').join('.'),
      problem: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });

  it('checks a million levels without overflowing its own stack', () => {
    expect(problemInJsonText(nested(1_000_000))?.problem).toMatch(/deeper than/);
  });

  it.each([
    ['__proto__', '{"__proto__":{"isAdmin":true}}', '__proto__'],
    ['constructor', '{"name":"x","constructor":{"prototype":{}}}', 'constructor'],
    ['toString', '{"toString":1}', 'toString'],
    ['hasOwnProperty, nested', '{"owner":{"hasOwnProperty":"x"}}', 'owner.hasOwnProperty'],
    ['an escaped __proto__', String.raw`{"\u005f_proto__":{}}`, '__proto__'],
  ])('refuses the reserved key %s', (_, text, path) => {
    expect(problemInJsonText(text)).toEqual({ path, problem: 'is a reserved name' });
  });

  it('refuses a key twice in one object, escaped or not, but not in two objects', () => {
    expect(problemInJsonText('{"name":"a","name":"b"}')).toEqual({
      path: 'name',
      problem: 'appears more than once',
    });
    expect(problemInJsonText(String.raw`{"name":"a","n\u0061me":"b"}`)?.problem).toBe(
      'appears more than once',
    );
    expect(problemInJsonText('{"a":{"name":1},"b":{"name":2}}')).toBeUndefined();
  });

  it('refuses a number that is out of range, not one that is merely long', () => {
    expect(problemInJsonText('{"target":1e400}')).toEqual({
      path: 'target',
      problem: 'is a number out of range',
    });
    expect(problemInJsonText('{"list":[1,-1e999]}')?.path).toBe('list.1');
    expect(problemInJsonText('{"n":123456789012345678901234567890,"m":1e-400}')).toBeUndefined();
  });

  it('leaves syntax errors to JSON.parse', () => {
    for (const text of ['{"a":', '{"a":"unterminated', String.raw`{"a":"\x"}`, '{"a":--1}']) {
      expect(problemInJsonText(text)).toBeUndefined();
    }
  });
});

describe('a request body', () => {
  const refusal = (body: Buffer | string, contentType = 'application/json') => {
    try {
      parseJsonBody(Buffer.from(body), contentType);
    } catch (error) {
      return error;
    }
    throw new Error('accepted');
  };
  const fieldsOf = (error: unknown) => (error instanceof ValidationFailed ? error.fields : error);

  it('is the JSON object it holds; empty is {}', () => {
    expect(parseJsonBody(Buffer.from('{"name":"Core"}'), 'application/json')).toEqual({
      name: 'Core',
    });
    expect(parseJsonBody(Buffer.alloc(0), 'application/json')).toEqual({});
    expect(parseJsonBody(Buffer.from('{"a":1}'), 'application/json; charset=UTF-8')).toEqual({
      a: 1,
    });
  });

  it('names the field of a lone surrogate (the finding: {"name":"a\\ud800"})', () => {
    expect(fieldsOf(refusal(String.raw`{"name":"a\ud800"}`))).toEqual({
      name: 'holds a lone surrogate (U+D800): not valid Unicode text',
    });
  });

  it('refuses raw UTF-8 that is not valid, a raw surrogate (ED A0 80) among it', () => {
    const rawSurrogate = Buffer.concat([
      Buffer.from('{"name":"a'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    expect(fieldsOf(refusal(rawSurrogate))).toEqual({ body: 'is not valid UTF-8' });
    expect(fieldsOf(refusal(Buffer.from([0x7b, 0xff, 0x7d])))).toEqual({
      body: 'is not valid UTF-8',
    });
  });

  it('refuses the finding’s 3,000 nested levels (6 kB) by the body', () => {
    expect(fieldsOf(refusal(nested(3000)))).toEqual({
      [Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.')]:
        `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });

  it.each([['"text"'], ['42'], ['null'], ['true'], ['[{"name":"x"}]']])(
    'refuses %s: not an object',
    (body) => {
      expect(fieldsOf(refusal(body))).toEqual({ body: 'must be a JSON object' });
    },
  );

  it('refuses what is not JSON', () => {
    for (const body of ['{', "{'single': 1}", '{"a":1,}', '\u0000']) {
      expect(fieldsOf(refusal(body))).toEqual({ body: 'is not valid JSON' });
    }
  });

  it('answers 415 for a charset other than UTF-8', () => {
    expect(refusal('{"a":1}', 'application/json; charset=utf-16le')).toBeInstanceOf(
      UnsupportedMediaTypeException,
    );
  });
});
