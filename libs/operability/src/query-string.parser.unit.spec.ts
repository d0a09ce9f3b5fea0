import { ValidationFailed } from '@rhythm/event-sourcing';
import { MAX_QUERY_PARAMETERS, parseQueryString } from './query-string.parser';

const fieldsOfRefusal = (text: string) => {
  try {
    parseQueryString(text);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.fields;
    throw error;
  }
  throw new Error('accepted');
};

describe('a query string', () => {
  it('decodes names and values, + as a space, and repeats as a list', () => {
    expect({
      ...parseQueryString('status=open&q=two+words%21&status=approved&flag&empty='),
    }).toEqual({ status: ['open', 'approved'], q: 'two words!', flag: '', empty: '' });
    expect(Object.getPrototypeOf(parseQueryString('a=1'))).toBeNull();
  });

  it('refuses percent-encoding that is not UTF-8, a lone surrogate’s (%ED%A0%80) among it', () => {
    expect(fieldsOfRefusal('cycleId=%ED%A0%80')).toEqual({
      cycleId: 'is not valid percent-encoded UTF-8',
    });
    expect(fieldsOfRefusal('%FF=1&ok=1')).toEqual({ '%FF': 'is not valid percent-encoded UTF-8' });
  });

  it('refuses reserved names, which the whitelist would take for declared properties', () => {
    const fields = fieldsOfRefusal('__proto__=1&constructor=x&toString=y&status=open');
    expect(Object.entries(fields)).toEqual([
      ['__proto__', 'is a reserved name'],
      ['constructor', 'is a reserved name'],
      ['toString', 'is a reserved name'],
    ]);
  });

  it(`refuses more than ${MAX_QUERY_PARAMETERS} parameters`, () => {
    const many = Array.from({ length: MAX_QUERY_PARAMETERS + 1 }, (_, i) => `p${i}=1`).join('&');
    expect(fieldsOfRefusal(many)).toEqual({
      query: `has more than ${MAX_QUERY_PARAMETERS} parameters`,
    });
  });
});
