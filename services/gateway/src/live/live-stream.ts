import type { LiveChange } from '@rhythm/contracts';
import type { Request, Response } from 'express';
import type { LiveAudience, LiveConnection, LiveHub } from './live-hub';

/**
 * A server-sent events stream on `response`: event `change` with a LiveChange as JSON, comments
 * as heartbeats, registered with the hub until the browser goes away or the hub closes it.
 */
export const openLiveStream = (
  request: Request,
  response: Response,
  hub: LiveHub,
  tenantId: string,
  audience: LiveAudience,
): LiveConnection => {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  // Proxies in front (nginx) would otherwise hold the events back.
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
  request.socket.setKeepAlive(true);
  request.socket.setNoDelay(true);
  // The browser's EventSource reconnects after this long when the stream ends.
  response.write('retry: 3000\n: connected\n\n');
  const connection: LiveConnection = {
    tenantId,
    audience,
    send: (change: LiveChange) => {
      response.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
    },
    heartbeat: () => {
      response.write(': heartbeat\n\n');
    },
    close: (why: string) => {
      if (response.writableEnded) return;
      response.write(`event: closed\ndata: ${JSON.stringify({ reason: why })}\n\n`);
      response.end();
    },
  };
  hub.open(connection);
  response.on('close', () => hub.remove(connection));
  return connection;
};
