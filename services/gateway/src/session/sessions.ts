import { type AccessTokenVerifier, AccessTokenRejected } from '@rhythm/identity';
import type { Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { ConsoleSession, SignInMethod } from './console-session';
import {
  clearSessionCookie,
  cookieOf,
  MAX_COOKIE_BYTES,
  SESSION_COOKIE,
  type SessionSeal,
  setSessionCookie,
} from './session-cookie';

/** A token the gateway will not put in a session, with why (for the sign-in page). */
export class SessionRefused extends Error {
  override name = 'SessionRefused';
}

/**
 * Sessions of the console: a token becomes a session only once verified against the keys the
 * services trust, so a session never holds a token the services would refuse.
 */
export class Sessions {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly seal: SessionSeal,
    private readonly now: () => number = Date.now,
  ) {}

  /** The request's session, or undefined (none, altered, or its token expired). */
  of(request: Request): ConsoleSession | undefined {
    return this.seal.open(cookieOf(request, SESSION_COOKIE), Math.floor(this.now() / 1000));
  }

  /** Verifies the token, sets the cookie, and gives the session. */
  async start(
    request: Request,
    response: Response,
    token: string,
    method: SignInMethod,
  ): Promise<ConsoleSession> {
    let actor: Awaited<ReturnType<AccessTokenVerifier['verify']>>;
    try {
      actor = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AccessTokenRejected) {
        throw new SessionRefused(`The identity provider's token was refused (${error.rejection}).`);
      }
      throw error;
    }
    const { exp } = jwt.decode(token, { json: true }) ?? {};
    if (typeof exp !== 'number') throw new SessionRefused('The token has no expiry.');
    const session: ConsoleSession = {
      token,
      personId: actor.personId,
      organisationId: actor.tenantId,
      ...(actor.name ? { name: actor.name } : {}),
      roles: actor.roles,
      method,
      expiresAt: exp,
    };
    const sealed = this.seal.seal(session);
    if (sealed.length > MAX_COOKIE_BYTES) {
      throw new SessionRefused('The token is too large to keep in a session cookie.');
    }
    setSessionCookie(request, response, sealed, exp);
    return session;
  }

  end(request: Request, response: Response): void {
    clearSessionCookie(request, response);
  }
}
