import { createHmac } from 'node:crypto';
import { newLinkId, signBoardLink, verifyBoardLink } from './board-link';

const secret = 'a-board-link-secret-of-at-least-32-characters';
const claims = {
  tenantId: 'acme',
  boardId: 'b0a4d0e2-6c1f-4e3a-9b7d-2f1e0c9a8b51',
  linkId: newLinkId(),
};

describe('Board links', () => {
  it('a link this service signed names its organisation, board and link id', () => {
    expect(verifyBoardLink(secret, signBoardLink(secret, claims))).toEqual(claims);
  });

  it('a link signed with another secret opens nothing', () => {
    expect(verifyBoardLink(secret, signBoardLink(`${secret}!`, claims))).toBeUndefined();
  });

  it('a link whose names were changed opens nothing, though its signature is genuine', () => {
    const [, signature] = signBoardLink(secret, claims).split('.');
    const otherTenant = Buffer.from(
      JSON.stringify(['globex', claims.boardId, claims.linkId]),
    ).toString('base64url');
    expect(verifyBoardLink(secret, `${otherTenant}.${signature}`)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['no signature', 'abc'],
    ['three parts', 'a.b.c'],
    ['a signature cut short', signBoardLink(secret, claims).slice(0, -2)],
    ['very long', 'a'.repeat(5_000)],
  ])('%s opens nothing', (_, token) => {
    expect(verifyBoardLink(secret, token)).toBeUndefined();
  });

  it('a signed payload that is not the three names opens nothing', () => {
    const payload = Buffer.from(JSON.stringify({ tenantId: 'acme' })).toString('base64url');
    const signature = createHmac('sha256', secret).update(`b1.${payload}`).digest('base64url');
    const forged = `${payload}.${signature}`;
    expect(verifyBoardLink(secret, forged)).toBeUndefined();
  });

  it('every link gets its own random id', () => {
    expect(newLinkId()).not.toEqual(newLinkId());
    expect(newLinkId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
