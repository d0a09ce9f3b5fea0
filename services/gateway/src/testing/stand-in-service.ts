import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** What a stand-in service saw of one request. */
export type SeenRequest = Readonly<{
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The bearer token's subject, when there was one. */
  subject?: string;
}>;

export type StandInAnswer = Readonly<{
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}>;

/** Answers a request, or `'hang'` to never answer (a service that hangs). */
export type StandInRoute = (request: SeenRequest) => StandInAnswer | 'hang';

/**
 * A real HTTP server on 127.0.0.1 standing in for a service where the service itself is not the
 * point of the test (the gateway's routing, sessions and live filtering): it records every
 * request and answers as `route` says.
 */
export class StandInService {
  readonly seen: SeenRequest[] = [];
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    private readonly route: StandInRoute,
  ) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () =>
        this.answer(request, Buffer.concat(chunks).toString('utf8'), response),
      );
    });
  }

  static async start(route: StandInRoute): Promise<StandInService> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new StandInService(server, route);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private answer(request: IncomingMessage, body: string, response: ServerResponse): void {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const subject = bearer ? jwt.decode(bearer, { json: true })?.sub : undefined;
    const seen: SeenRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      body,
      ...(subject ? { subject } : {}),
    };
    this.seen.push(seen);
    const answer = this.route(seen);
    if (answer === 'hang') {
      this.hanging.add(response);
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
