import type { RecordedEvent } from '@rhythm/event-sourcing';
import type { z } from 'zod';
import {
  integrationEventTypePattern,
  type IntegrationEnvelope,
} from '../envelope/integration-envelope';
import { contextOfEventType } from '../topics/integration-topics';

export type DataSchema = z.ZodType<object>;

/**
 * One published version of one integration event. Published definitions are never changed:
 * a change is a new version with an upcaster from the previous one.
 */
export type IntegrationEventDefinition<
  Type extends string = string,
  Schema extends DataSchema = DataSchema,
> = Readonly<{
  type: Type;
  version: number;
  description: string;
  schema: Schema;
  /** How data of `version - 1` becomes data of this version; absent for version 1. */
  upcast?: (previous: object) => unknown;
  /**
   * The envelope of a recorded domain event, with this type, version and `data` (validated here:
   * the relay never publishes what the contract does not allow).
   */
  // Method syntax: a list of definitions of different data types is IntegrationEventDefinition[].
  envelope(
    recorded: RecordedEvent,
    data: z.input<Schema>,
  ): IntegrationEnvelope<Type, z.output<Schema>>;
  /** True for an envelope of this type and version (after the registry upcast it). */
  matches(envelope: IntegrationEnvelope): envelope is IntegrationEnvelope<Type, z.output<Schema>>;
}>;

export type IntegrationEventData<D extends IntegrationEventDefinition> = z.output<D['schema']>;

type FirstVersion<Type extends string, Schema extends DataSchema> = Readonly<{
  type: Type;
  version: 1;
  description: string;
  schema: Schema;
}>;

type LaterVersion<
  Type extends string,
  Schema extends DataSchema,
  Previous extends DataSchema,
> = Readonly<{
  type: Type;
  version: number;
  description: string;
  schema: Schema;
  previous: IntegrationEventDefinition<Type, Previous>;
  /** Pure: data of the previous version in, data of this version out. */
  upcast: (previous: z.output<Previous>) => z.input<Schema>;
}>;

/**
 *   export const squadMovedV1 = defineIntegrationEvent({
 *     type: 'org.squad-moved', version: 1, description: 'A squad joined another tribe.',
 *     schema: z.object({ squadId: z.string(), toTribeId: z.string() }),
 *   });
 *   export const squadMovedV2 = defineIntegrationEvent({
 *     type: 'org.squad-moved', version: 2, description: '…', schema: …,
 *     previous: squadMovedV1, upcast: (v1) => ({ ...v1, fromTribeId: null }),
 *   });
 */
export function defineIntegrationEvent<Type extends string, Schema extends DataSchema>(
  definition: FirstVersion<Type, Schema>,
): IntegrationEventDefinition<Type, Schema>;
export function defineIntegrationEvent<
  Type extends string,
  Schema extends DataSchema,
  Previous extends DataSchema,
>(definition: LaterVersion<Type, Schema, Previous>): IntegrationEventDefinition<Type, Schema>;
export function defineIntegrationEvent<
  Type extends string,
  Schema extends DataSchema,
  Previous extends DataSchema,
>(
  definition: FirstVersion<Type, Schema> | LaterVersion<Type, Schema, Previous>,
): IntegrationEventDefinition<Type, Schema> {
  const { type, version, description, schema } = definition;
  if (!integrationEventTypePattern.test(type)) {
    throw new Error(`Integration event type ${type} must look like 'org.squad-moved'`);
  }
  contextOfEventType(type);
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(`${type}: version must be an integer >= 1, got ${version}`);
  }
  let upcast: ((previous: object) => unknown) | undefined;
  if ('previous' in definition) {
    if (definition.previous.type !== type || definition.previous.version !== version - 1) {
      throw new Error(
        `${type} v${version}: upcasts from ${definition.previous.type} v${definition.previous.version}, ` +
          `expected ${type} v${version - 1}`,
      );
    }
    upcast = definition.upcast as (previous: object) => unknown;
  } else if (version !== 1) {
    throw new Error(`${type} v${version}: a later version needs 'previous' and 'upcast'`);
  }

  const self: IntegrationEventDefinition<Type, Schema> = {
    type,
    version,
    description,
    schema,
    ...(upcast ? { upcast } : {}),
    envelope: (recorded, data) => ({
      eventId: recorded.metadata.eventId,
      type,
      version,
      tenantId: recorded.metadata.tenantId,
      streamId: recorded.streamId,
      streamRevision: recorded.streamRevision,
      globalPosition: recorded.globalPosition.toString(),
      actor: recorded.metadata.actor,
      correlationId: recorded.metadata.correlationId,
      causationId: recorded.metadata.causationId,
      occurredAt: recorded.metadata.occurredAt,
      ...(recorded.metadata.reason === undefined ? {} : { reason: recorded.metadata.reason }),
      data: schema.parse(data),
    }),
    matches: (envelope): envelope is IntegrationEnvelope<Type, z.output<Schema>> =>
      envelope.type === type && envelope.version === version,
  };
  Object.defineProperty(self, definitionBrand, { value: true });
  return Object.freeze(self);
}

const definitionBrand = Symbol.for('rhythm.integration-event-definition');

export const isIntegrationEventDefinition = (value: unknown): value is IntegrationEventDefinition =>
  typeof value === 'object' && value !== null && definitionBrand in value;
