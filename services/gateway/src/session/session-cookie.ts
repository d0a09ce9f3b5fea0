import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ConsoleSession } from './console-session';

export const SESSION_COOKIE = 'rhythm_session';

/** Browsers keep cookies up to 4096 bytes; a provider's token that makes it larger is refused. */
export const MAX_COOKIE_BYTES = 4000;

const VERSION = 'v1';

/** What can be sealed: anything with an end. */
export type Sealable = Readonly<{ expiresAt: number }>;

/**
 * The session cookie: the session sealed with AES-256-GCM under a key derived from
 * SESSION_SECRET. Sealed, not only signed: the cookie carries the bearer token, and a cookie
 * store, a proxy log or a browser extension must not be able to read it (ADR 0050). Any replica
 * with the same secret opens it, so sessions need no shared store.
 */
export class SessionSeal {
  private readonly key: Buffer;

  /** `purpose` gives each kind of cookie its own key: one never opens as another. */
  constructor(secret: string, purpose: 'session' | 'oidc-sign-in') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'rhythm-gateway', `${purpose} v1`, 32));
  }

  seal(session: Sealable): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
    return [VERSION, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The session, or undefined when the value was not sealed here, was altered or is expired. */
  open<T extends Sealable = ConsoleSession>(
    value: string | undefined,
    nowSeconds: number,
  ): T | undefined {
    const parts = value?.split('.');
    if (parts?.length !== 4 || parts[0] !== VERSION) return undefined;
    try {
      const [iv, body, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      const text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      const session = JSON.parse(text) as T;
      return session.expiresAt > nowSeconds ? session : undefined;
    } catch {
      return undefined;
    }
  }
}

/** One cookie's value from the Cookie header (no parser dependency for one name). */
export const cookieOf = (request: Request, name: string): string | undefined => {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index > 0 && pair.slice(0, index).trim() === name) {
      return pair.slice(index + 1).trim();
    }
  }
  return undefined;
};

/**
 * httpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when
 * the request came over HTTPS (directly or through a trusted proxy), whole origin, and it ends
 * when the token does.
 */
export const setSessionCookie = (
  request: Request,
  response: Response,
  value: string,
  expiresAt: number,
): void => {
  response.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.secure,
    path: '/',
    expires: new Date(expiresAt * 1000),
  });
};

export const clearSessionCookie = (request: Request, response: Response): void => {
  response.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.secure,
    path: '/',
  });
};
