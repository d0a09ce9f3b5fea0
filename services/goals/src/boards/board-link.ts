import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a board link names: the organisation, the board, and the board's random link id. */
export type BoardLinkClaims = Readonly<{ tenantId: string; boardId: string; linkId: string }>;

/** A link id: 128 random bits, base64url. */
export const newLinkId = (): string => randomBytes(16).toString('base64url');

const version = 'b1';
/** Longer than any link this service signs (ids are at most 200 characters each). */
const maxTokenLength = 1_000;

const signatureOf = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(`${version}.${payload}`).digest();

/**
 * A board's link token (ADR 0052): `base64url(JSON [tenant, board, link id]) . base64url(HMAC-SHA256
 * of "b1." + that, with BOARD_LINK_SECRET)`. The signature makes it unforgeable; the board's own
 * stream makes it revocable (a revoked or unknown board answers like a forged link).
 */
export const signBoardLink = (secret: string, claims: BoardLinkClaims): string => {
  const payload = Buffer.from(
    JSON.stringify([claims.tenantId, claims.boardId, claims.linkId]),
  ).toString('base64url');
  return `${payload}.${signatureOf(secret, payload).toString('base64url')}`;
};

/** The claims of a token this service signed; undefined for anything else, whatever is wrong. */
export const verifyBoardLink = (secret: string, token: string): BoardLinkClaims | undefined => {
  if (token.length > maxTokenLength) return undefined;
  const [payload, signature, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(secret, payload);
  // Compared in constant time: a timing difference must not guide a forger byte by byte.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      !Array.isArray(claims) ||
      claims.length !== 3 ||
      !claims.every((claim) => typeof claim === 'string' && claim.length > 0)
    ) {
      return undefined;
    }
    const [tenantId, boardId, linkId] = claims as [string, string, string];
    return { tenantId, boardId, linkId };
  } catch {
    return undefined;
  }
};
