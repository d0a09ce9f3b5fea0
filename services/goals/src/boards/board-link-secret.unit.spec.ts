import { boardLinkSecretOf } from './board-link-secret';

const secret = 's'.repeat(32);

describe('The secret board links are signed with', () => {
  it('is BOARD_LINK_SECRET when it is set', () => {
    expect(boardLinkSecretOf({ BOARD_LINK_SECRET: secret }, { NODE_ENV: 'production' })).toBe(
      secret,
    );
  });

  it('is required in production: a published default would let anyone forge links', () => {
    expect(() =>
      boardLinkSecretOf({ BOARD_LINK_SECRET: undefined }, { NODE_ENV: 'production' }),
    ).toThrow(/BOARD_LINK_SECRET must be set in production/);
  });

  it('falls back to the development default elsewhere', () => {
    expect(boardLinkSecretOf({ BOARD_LINK_SECRET: undefined }, {})).toMatch(/development/);
  });
});
