import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Logger } from '@nestjs/common';
import { jsonWebKeySetOf, type VerificationKey, verificationKeysOf } from './json-web-key-set';

export type RemoteKeySetOptions = Readonly<{
  /** The identity provider's `jwks_uri`. */
  url: string;
  /** One fetch, connection to last byte (default 5 s). */
  timeoutMs?: number;
  /** Keys older than this are fetched again before use (default 10 min). */
  maxAgeMs?: number;
  /**
   * At most one fetch this often (default 30 s), whatever the tokens say: a flood of tokens naming
   * made-up key ids must not become a flood of requests to the identity provider.
   */
  minFetchIntervalMs?: number;
  /** Larger answers are refused (default 256 KiB). */
  maxBytes?: number;
  now?: () => number;
  log?: Pick<Logger, 'warn' | 'log'>;
}>;

/** No keys were ever fetched: tokens cannot be checked, which is the service's fault (503). */
export class KeySetUnavailable extends Error {
  override name = 'KeySetUnavailable';
}

/**
 * An identity provider's JSON Web Key Set, fetched by URL and kept. Fetched again when it is older
 * than its maximum age, and when a token names a key id it does not hold (the provider rotated
 * its keys), at most once per minimum interval. A failed fetch keeps the last good keys: a
 * provider that is down for a while does not lock everyone out.
 */
export class RemoteJsonWebKeySet {
  private readonly timeoutMs: number;
  private readonly maxAgeMs: number;
  private readonly minFetchIntervalMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly log: Pick<Logger, 'warn' | 'log'>;
  private keys?: readonly VerificationKey[];
  private fetchedAt = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private fetching?: Promise<void>;

  constructor(private readonly options: RemoteKeySetOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.minFetchIntervalMs = options.minFetchIntervalMs ?? 30_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? new Logger('RemoteJsonWebKeySet');
  }

  /** The keys a token with this key id may be checked with (every key when it names none). */
  async keysFor(keyId: string | undefined): Promise<readonly VerificationKey[]> {
    if (this.keys === undefined || this.now() - this.fetchedAt >= this.maxAgeMs) {
      await this.refresh();
    }
    if (keyId !== undefined && !this.holds(keyId)) await this.refresh();
    if (this.keys === undefined) {
      throw new KeySetUnavailable(`No keys could be fetched from ${this.options.url} yet`);
    }
    return keyId === undefined ? this.keys : this.keys.filter((key) => key.keyId === keyId);
  }

  private holds(keyId: string): boolean {
    return this.keys?.some((key) => key.keyId === keyId) ?? false;
  }

  /** Fetches unless a fetch is under way (then waits for it) or one started too recently. */
  private refresh(): Promise<void> {
    if (this.fetching) return this.fetching;
    if (this.now() - this.lastAttemptAt < this.minFetchIntervalMs) return Promise.resolve();
    this.lastAttemptAt = this.now();
    this.fetching = this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
      })
      .catch((error: unknown) => {
        const kept = this.keys ? `keeping the ${this.keys.length} keys fetched before` : 'no keys';
        this.log.warn(
          `JWKS fetch from ${this.options.url} failed (${error instanceof Error ? error.message : String(error)}); ${kept}`,
        );
      })
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }

  private async fetchKeys(): Promise<readonly VerificationKey[]> {
    const { keys, skipped } = verificationKeysOf(jsonWebKeySetOf(await this.download()));
    if (skipped.length > 0) this.log.warn(`JWKS keys left out: ${skipped.join('; ')}`);
    if (keys.length === 0) throw new Error('the set holds no key that can verify a signature');
    const ids = keys.map((key) => key.keyId ?? '-').join(', ');
    this.log.log(`JWKS from ${this.options.url}: key ids ${ids}`);
    return keys;
  }

  /**
   * One GET on a connection of its own: fetches are rare, and a kept-alive connection the
   * provider closed meanwhile would fail the fetch. No redirect is followed: one could lead
   * anywhere, plain HTTP included, and the configured URL is the one trusted.
   */
  private download(): Promise<string> {
    const url = new URL(this.options.url);
    const get = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<string>((resolve, reject) => {
      const request = get(
        url,
        {
          method: 'GET',
          agent: false,
          headers: { accept: 'application/jwk-set+json, application/json' },
          signal: AbortSignal.timeout(this.timeoutMs),
        },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            reject(new Error(`HTTP ${response.statusCode}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.byteLength;
            if (size > this.maxBytes) {
              request.destroy(new Error(`the answer is larger than ${this.maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });
  }
}
