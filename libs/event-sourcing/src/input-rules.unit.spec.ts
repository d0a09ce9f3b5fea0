import { ValidationFailed } from './errors';
import { identifierProblem, rejectInvalid, textProblem } from './input-rules';

describe('input rules', () => {
  const name = { required: true, max: 5 } as const;

  it('counts trimmed text against the limit', () => {
    expect(textProblem('  abcde  ', name)).toBeUndefined();
    expect(textProblem('abcdef', name)).toBe('must be at most 5 characters');
    expect(textProblem('   ', name)).toBe('must not be empty');
    expect(textProblem(undefined, { required: false, max: 5 })).toBeUndefined();
  });

  it('accepts a tenant or person id of 64 plain characters and nothing longer or stranger', () => {
    expect(identifierProblem('acme')).toBeUndefined();
    expect(identifierProblem('5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01')).toBeUndefined();
    const longest = `a${'.b_c-'.repeat(12)}xyz`;
    expect(longest).toHaveLength(64);
    expect(identifierProblem(longest)).toBeUndefined();
    expect(identifierProblem(`${longest}z`)).toBe('must be at most 64 characters');
    expect(identifierProblem('a'.repeat(65))).toBe('must be at most 64 characters');
    expect(identifierProblem('')).toBe('must not be empty');
    for (const odd of ['-acme', 'ac me', 'acme/other', 'acme\n', 'äcme', 'auth0|123']) {
      expect(identifierProblem(odd)).toMatch(/must start with a letter or digit/);
    }
  });

  it('names every field at fault in one ValidationFailed', () => {
    expect(() => rejectInvalid({ name: undefined })).not.toThrow();
    let thrown: unknown;
    try {
      rejectInvalid({ name: 'must not be empty', tenant: undefined, id: 'too long' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationFailed);
    expect((thrown as ValidationFailed).fields).toEqual({
      name: 'must not be empty',
      id: 'too long',
    });
  });
});
