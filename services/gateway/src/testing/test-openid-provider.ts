import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintAccessToken, publicJwkOf, type TestKeyPair } from '@rhythm/identity';
import jwt from 'jsonwebtoken';

type IssuedCode = Readonly<{
  challenge: string;
  method: string;
  nonce: string;
  clientId: string;
  redirectUri: string;
}>;

/** Who signs in at this provider: the person and organisation its tokens name. */
export type ProviderUser = Readonly<{
  sub: string;
  tenant: string;
  roles: readonly string[];
  name?: string;
}>;

/**
 * A small OpenID provider on 127.0.0.1 for tests: discovery, an authorization endpoint that
 * signs `user` in at once and sends the browser back with a code, a token endpoint that gives
 * tokens only for the right code, client, redirect URI and PKCE verifier, and its JWKS.
 */
export class TestOpenIdProvider {
  readonly authorizations: URLSearchParams[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly server: Server;

  private constructor(
    private readonly keys: TestKeyPair,
    private readonly audience: string,
    public user: ProviderUser,
  ) {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.issuer);
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: this.jwksUrl,
          code_challenge_methods_supported: ['S256'],
        });
      } else if (url.pathname === '/jwks') {
        json(200, { keys: [publicJwkOf(this.keys)] });
      } else if (url.pathname === '/authorize') {
        this.authorizations.push(url.searchParams);
        const code = randomUUID();
        this.codes.set(code, {
          challenge: url.searchParams.get('code_challenge') ?? '',
          method: url.searchParams.get('code_challenge_method') ?? '',
          nonce: url.searchParams.get('nonce') ?? '',
          clientId: url.searchParams.get('client_id') ?? '',
          redirectUri: url.searchParams.get('redirect_uri') ?? '',
        });
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        response.writeHead(302, { location: back.toString() });
        response.end();
      } else if (url.pathname === '/token' && request.method === 'POST') {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const form = new URLSearchParams(Buffer.concat(chunks).toString());
          this.tokenRequests.push(form);
          const answer = this.tokensFor(form);
          json(answer ? 200 : 400, answer ?? { error: 'invalid_grant' });
        });
      } else {
        json(404, { error: 'not_found' });
      }
    });
  }

  static async start(
    keys: TestKeyPair,
    audience: string,
    user: ProviderUser,
  ): Promise<TestOpenIdProvider> {
    const provider = new TestOpenIdProvider(keys, audience, user);
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    return provider;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  /** Tokens for a code used once, by its client, with the verifier of its challenge. */
  private tokensFor(form: URLSearchParams): Record<string, unknown> | undefined {
    const code = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    if (
      !code ||
      form.get('grant_type') !== 'authorization_code' ||
      form.get('client_id') !== code.clientId ||
      form.get('redirect_uri') !== code.redirectUri ||
      code.method !== 'S256' ||
      createHash('sha256').update(verifier).digest('base64url') !== code.challenge
    ) {
      return undefined;
    }
    const signer = {
      key: this.keys.privateKeyPem,
      algorithm: this.keys.algorithm,
      keyId: this.keys.keyId,
    };
    return {
      token_type: 'Bearer',
      expires_in: 600,
      access_token: mintAccessToken(
        this.user,
        { ...signer, issuer: this.issuer, audience: this.audience },
        '10m',
      ),
      id_token: jwt.sign({ nonce: code.nonce, name: this.user.name }, this.keys.privateKeyPem, {
        algorithm: this.keys.algorithm,
        keyid: this.keys.keyId,
        issuer: this.issuer,
        audience: code.clientId,
        subject: this.user.sub,
        expiresIn: '10m',
      }),
    };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
