import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of one request (or one consumed message) shares. */
export type RequestContext = Readonly<{ correlationId: string }>;

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** Incoming ids are echoed into logs and headers: only short, plain ones are trusted. */
const acceptableCorrelationId = /^[A-Za-z0-9._:-]{1,128}$/;

export const correlationIdFrom = (incoming: string | string[] | undefined): string => {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && acceptableCorrelationId.test(value) ? value : randomUUID();
};

/** Runs `work` with this correlation id in context; Kafka consumers use it per message. */
export const runWithCorrelationId = <T>(correlationId: string, work: () => T): T =>
  storage.run({ correlationId }, work);

/** The correlation id of the request or message being handled, if any. */
export const currentCorrelationId = (): string | undefined => storage.getStore()?.correlationId;
