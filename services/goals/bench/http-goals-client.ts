import { mintTestToken } from '@rhythm/identity';
import type { OkrChange } from './okr-workload';

export class HttpCallFailed extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'HttpCallFailed';
  }
}

type Request = Readonly<{
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: object;
}>;

/**
 * The goals API over HTTP on 127.0.0.1, each call with a bearer token of the person making it
 * (minted with the test key the service was configured with), as a browser would call it.
 */
export class HttpGoalsClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly tenantId: string,
    private readonly adminId: string,
  ) {
    if (new URL(baseUrl).hostname !== '127.0.0.1') {
      throw new Error(`The benchmark calls the goals API on 127.0.0.1 only, not ${baseUrl}`);
    }
  }

  /**
   * Mints the tokens of these people now: a browser signs in once and calls with its token for
   * its lifetime, so minting (an RSA signature each) is no part of a measured call.
   */
  signIn(personIds: readonly string[]): void {
    for (const personId of personIds) this.token(personId);
  }

  /** Sends one change; resolves when the service acknowledged it (2xx), else throws. */
  async apply(change: OkrChange): Promise<void> {
    await this.call(change.issuer, requestOf(change), change.kind);
  }

  /** GET a query as this person; the parsed body. */
  async query<T>(personId: string, path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${this.token(personId)}` },
    });
    const text = await response.text();
    if (!response.ok) throw new HttpCallFailed(response.status, text, `GET ${path}`);
    return JSON.parse(text) as T;
  }

  private async call(personId: string, request: Request, what: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${this.token(personId)}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new HttpCallFailed(response.status, text, what);
  }

  private token(personId: string): string {
    let token = this.tokens.get(personId);
    if (token === undefined) {
      token = mintTestToken({
        sub: personId,
        tenant: this.tenantId,
        roles: personId === this.adminId ? ['admin', 'member'] : ['member'],
        ttl: '2h',
      });
      this.tokens.set(personId, token);
    }
    return token;
  }
}

const requestOf = (change: OkrChange): Request => {
  const objective = `/objectives/${encodeURIComponent(change.objective.objectiveId)}`;
  switch (change.kind) {
    case 'record-progress':
      return {
        method: 'POST',
        path: `${objective}/key-results/${change.keyResult.keyResultId}/progress`,
        body: { value: change.value },
      };
    case 'adjust-target':
      return {
        method: 'PUT',
        path: `${objective}/key-results/${change.keyResult.keyResultId}/target`,
        body: { target: change.target, reason: change.reason },
      };
    case 'reweigh-key-result':
      return {
        method: 'PUT',
        path: `${objective}/key-results/${change.keyResult.keyResultId}/weight`,
        body: { weight: change.weight, reason: change.reason },
      };
    case 'rename-key-result':
      return {
        method: 'PATCH',
        path: `${objective}/key-results/${change.keyResult.keyResultId}`,
        body: { title: change.title, reason: change.reason },
      };
    case 'record-review-note':
      return {
        method: 'POST',
        path: `${objective}/review-notes`,
        body: { stage: 'mid-cycle', text: change.text },
      };
    case 'add-contributor':
      return { method: 'PUT', path: `${objective}/contributors/${change.personId}` };
    case 'remove-contributor':
      return { method: 'DELETE', path: `${objective}/contributors/${change.personId}` };
    case 'follow':
      return { method: 'PUT', path: `${objective}/followers/${change.guildId}` };
    case 'unfollow':
      return { method: 'DELETE', path: `${objective}/followers/${change.guildId}` };
    default: {
      const never: never = change;
      throw new Error(`Unknown change ${JSON.stringify(never)}`);
    }
  }
};
