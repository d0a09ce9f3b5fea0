import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { cookieOf, type SessionSeal } from './session-cookie';

/** The provider's endpoints, from its discovery document. */
type ProviderMetadata = Readonly<{
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}>;

export type OpenIdSettings = Readonly<{
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes: string;
  /** Which of the provider's tokens the services are given. */
  sessionToken: 'access_token' | 'id_token';
}>;

/** A sign-in under way: what the callback must find again. Sealed in a short-lived cookie. */
type PendingSignIn = Readonly<{
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** Seconds since the epoch; ten minutes to come back. */
  expiresAt: number;
}>;

export const PENDING_COOKIE = 'rhythm_oidc';
const PENDING_SECONDS = 600;

/** Why a sign-in could not finish, for the page the browser lands on. */
export class SignInFailed extends Error {
  override name = 'SignInFailed';
}

const random = () => randomBytes(32).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * Only a path of this origin: `/okrs?x=1`, never `//evil.example` or `https://...`, so that the
 * sign-in cannot be used to send someone elsewhere.
 */
export const sameOriginPath = (next: unknown): string => {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/';
  if (next.includes('\\') || /[\u0000-\u001f]/.test(next)) return '/';
  return next.slice(0, 2048);
};

/**
 * OpenID Connect, authorization code with PKCE (S256), by hand (node's crypto and fetch): the
 * login sends the browser to the provider with state, nonce and the code challenge; the callback
 * checks the state, exchanges the code with the verifier on the back channel, checks the ID
 * token's issuer, audience and nonce, and hands the token on to become a session (verified there
 * against the keys the services trust).
 */
export class OpenIdSignIn {
  private metadata?: Promise<ProviderMetadata>;

  constructor(
    private readonly settings: OpenIdSettings,
    private readonly seal: SessionSeal,
    private readonly now: () => number = Date.now,
  ) {}

  private provider(): Promise<ProviderMetadata> {
    this.metadata ??= this.discover().catch((error: unknown) => {
      // Asked again on the next sign-in: the provider may be back by then.
      this.metadata = undefined;
      throw error;
    });
    return this.metadata;
  }

  private async discover(): Promise<ProviderMetadata> {
    const url = `${this.settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new SignInFailed(`The identity provider answered ${response.status}.`);
    const metadata = (await response.json()) as Partial<ProviderMetadata>;
    if (
      typeof metadata.authorization_endpoint !== 'string' ||
      typeof metadata.token_endpoint !== 'string' ||
      metadata.issuer !== this.settings.issuer
    ) {
      throw new SignInFailed("The identity provider's configuration does not fit its issuer.");
    }
    return metadata as ProviderMetadata;
  }

  /** Where to send the browser; the pending sign-in goes into its cookie. */
  async begin(request: Request, response: Response, next: string): Promise<string> {
    const provider = await this.provider();
    const pending: PendingSignIn = {
      state: random(),
      nonce: random(),
      verifier: random(),
      next: sameOriginPath(next),
      expiresAt: Math.floor(this.now() / 1000) + PENDING_SECONDS,
    };
    // Lax, not Strict: the provider sends the browser back with a top-level navigation from its
    // own site, which a Strict cookie would not accompany.
    response.cookie(PENDING_COOKIE, this.seal.seal(pending), {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      path: '/auth',
      maxAge: PENDING_SECONDS * 1000,
    });
    const url = new URL(provider.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: challengeOf(pending.verifier),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** The provider's token for the session, and where the person wanted to go. */
  async finish(request: Request, response: Response): Promise<{ token: string; next: string }> {
    const pending = this.seal.open<PendingSignIn>(
      cookieOf(request, PENDING_COOKIE),
      Math.floor(this.now() / 1000),
    );
    response.clearCookie(PENDING_COOKIE, { path: '/auth' });
    const { state, code, error } = request.query;
    if (typeof error === 'string') throw new SignInFailed(`The identity provider said: ${error}.`);
    if (!pending || typeof state !== 'string' || state !== pending.state) {
      throw new SignInFailed('This sign-in was not started here, or took too long; sign in again.');
    }
    if (typeof code !== 'string' || code === '')
      throw new SignInFailed('The provider sent no code.');
    const provider = await this.provider();
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.settings.redirectUri,
      client_id: this.settings.clientId,
      code_verifier: pending.verifier,
    });
    if (this.settings.clientSecret) form.set('client_secret', this.settings.clientSecret);
    let tokens: Record<string, unknown>;
    try {
      const answer = await fetch(provider.token_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
      tokens = (await answer.json()) as Record<string, unknown>;
      if (!answer.ok) {
        throw new SignInFailed(`The identity provider refused the code (${String(tokens.error)}).`);
      }
    } catch (failure) {
      if (failure instanceof SignInFailed) throw failure;
      throw new SignInFailed('The identity provider could not be reached.');
    }
    this.checkIdToken(tokens.id_token, pending.nonce);
    const token = tokens[this.settings.sessionToken];
    if (typeof token !== 'string') {
      throw new SignInFailed(`The identity provider sent no ${this.settings.sessionToken}.`);
    }
    return { token, next: pending.next };
  }

  /**
   * The ID token came straight from the token endpoint over the back channel, which OpenID
   * Connect Core 3.1.3.7 lets stand in for its signature; its issuer, audience, expiry and the
   * nonce of this sign-in are checked. The session's token is verified with the services' keys.
   */
  private checkIdToken(idToken: unknown, nonce: string): void {
    const claims = typeof idToken === 'string' ? jwt.decode(idToken, { json: true }) : null;
    if (!claims) throw new SignInFailed('The identity provider sent no ID token.');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (
      claims.iss !== this.settings.issuer ||
      !audiences.includes(this.settings.clientId) ||
      typeof claims.exp !== 'number' ||
      claims.exp * 1000 < this.now() ||
      claims.nonce !== nonce
    ) {
      throw new SignInFailed('The ID token is not for this sign-in.');
    }
  }
}
