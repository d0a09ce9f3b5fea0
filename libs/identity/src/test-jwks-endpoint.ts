import { createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type JsonWebKeySet } from './json-web-key-set';
import { type TestKeyPair } from './testing';

/** The public JWK of a test key pair, named by its key id, as an identity provider publishes it. */
export const publicJwkOf = (keys: TestKeyPair): JsonWebKeySet['keys'][number] => ({
  ...createPublicKey(keys.publicKeyPem).export({ format: 'jwk' }),
  kid: keys.keyId,
  use: 'sig',
  alg: keys.algorithm,
});

/**
 * A JWKS endpoint on 127.0.0.1 for tests: serves the public keys of the pairs it is given, counts
 * the requests, can rotate, stop answering (`silent`) or stop altogether.
 */
export class TestJwksEndpoint {
  requests = 0;
  private silent = false;
  private readonly hanging = new Set<() => void>();
  private readonly server: Server;

  private constructor(private served: readonly TestKeyPair[]) {
    this.server = createServer((_request, response) => {
      this.requests += 1;
      if (this.silent) {
        // Never answers; released on stop.
        this.hanging.add(() => response.destroy());
        return;
      }
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify({ keys: this.served.map(publicJwkOf) }));
    });
  }

  static async start(served: readonly TestKeyPair[]): Promise<TestJwksEndpoint> {
    const endpoint = new TestJwksEndpoint(served);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  /** From now on, the set holds these keys (a rotation). */
  serve(served: readonly TestKeyPair[]): void {
    this.served = served;
  }

  /** Accepts connections but never answers, as a provider that hangs. */
  stopAnswering(): void {
    this.silent = true;
  }

  async stop(): Promise<void> {
    for (const release of this.hanging) release();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
