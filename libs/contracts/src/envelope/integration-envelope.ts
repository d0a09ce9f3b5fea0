import { identifierPattern } from '@rhythm/event-sourcing';
import { z } from 'zod';

/** 'org.squad-moved': the publishing context, a dot, the event name in kebab case. */
export const integrationEventTypePattern = /^[a-z][a-z0-9]*\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * The JSON value of every Kafka message on an integration topic. The metadata is the audit trail
 * of the domain event it was mapped from; `data` is validated separately, by (type, version),
 * against the contract registry.
 */
export const integrationEnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z
    .string()
    .regex(integrationEventTypePattern, 'a context-qualified type like org.squad-moved'),
  version: z.number().int().min(1),
  /** The organisation: the token's tenant claim, refused at the edge unless it fits this rule. */
  tenantId: z
    .string()
    .regex(identifierPattern, "1 to 64 letters, digits, '.', '_' or '-' (ADR 0026)"),
  streamId: z.string().min(1),
  streamRevision: z.number().int().min(0),
  /** Decimal bigint: JSON numbers lose precision above 2^53. */
  globalPosition: z.string().regex(/^\d+$/, 'a decimal integer'),
  /** A person id (the token's subject, at most 64 characters) or `system:<component>`. */
  actor: z.string().min(1).max(200),
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  reason: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

export type IntegrationEnvelope<
  Type extends string = string,
  Data extends object = Record<string, unknown>,
> = Readonly<Omit<z.infer<typeof integrationEnvelopeSchema>, 'type' | 'data'>> &
  Readonly<{ type: Type; data: Readonly<Data> }>;

/**
 * Kafka headers on every integration message, so that routers, dead-letter tooling and tracing can
 * work without parsing the value. The message key is the stream id.
 */
export const integrationHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  tenantId: 'tenant-id',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  globalPosition: 'global-position',
  contentType: 'content-type',
} as const;

export const integrationContentType = 'application/json';

export const headersOf = (envelope: IntegrationEnvelope): Record<string, string> => ({
  [integrationHeaders.eventId]: envelope.eventId,
  [integrationHeaders.eventType]: envelope.type,
  [integrationHeaders.eventVersion]: String(envelope.version),
  [integrationHeaders.tenantId]: envelope.tenantId,
  [integrationHeaders.correlationId]: envelope.correlationId,
  [integrationHeaders.causationId]: envelope.causationId,
  [integrationHeaders.globalPosition]: envelope.globalPosition,
  [integrationHeaders.contentType]: integrationContentType,
});
