import { z } from 'zod';
import {
  integrationEnvelopeSchema,
  type IntegrationEnvelope,
} from '../envelope/integration-envelope';
import { topicForEventType } from '../topics/integration-topics';
import { ContractViolation } from './contract-violation';
import type { IntegrationEventDefinition } from './integration-event-definition';

export type ParsedIntegrationEvent = Readonly<{
  /** At the latest known version of its type. */
  envelope: IntegrationEnvelope;
  /** The version the producer published; lower than envelope.version when upcast. */
  receivedVersion: number;
}>;

export type SafeParseResult =
  | Readonly<{ success: true } & ParsedIntegrationEvent>
  | Readonly<{ success: false; error: ContractViolation }>;

export type IntegrationEventJsonSchema = Readonly<{
  type: string;
  version: number;
  latest: boolean;
  topic: string;
  description: string;
  /** JSON Schema (draft-07, as AsyncAPI schemas are) of `data`. */
  schema: Record<string, unknown>;
}>;

/**
 * Every known version of every integration event. Validates an envelope and its data by
 * (type, version) and upcasts older versions to the latest, so a consumer handles only the latest.
 *
 *   const registry = new ContractRegistry([...orgIntegrationEvents, ...goalsIntegrationEvents]);
 */
export class ContractRegistry {
  /** type → definitions indexed by version - 1. */
  private readonly versions = new Map<string, IntegrationEventDefinition[]>();

  constructor(definitions: Iterable<IntegrationEventDefinition>) {
    for (const definition of definitions) {
      const known = this.versions.get(definition.type) ?? [];
      const existing = known[definition.version - 1];
      if (existing === definition) continue; // the same definition listed twice
      if (existing) {
        throw new Error(`${definition.type} v${definition.version} is registered twice`);
      }
      known[definition.version - 1] = definition;
      this.versions.set(definition.type, known);
    }
    for (const [type, known] of this.versions) {
      for (let index = 0; index < known.length; index++) {
        if (!known[index]) {
          throw new Error(
            `${type}: v${index + 1} is missing, so v${index + 2} cannot be upcast to the latest`,
          );
        }
      }
    }
  }

  static of(...lists: Iterable<IntegrationEventDefinition>[]): ContractRegistry {
    return new ContractRegistry(lists.flatMap((list) => [...list]));
  }

  types(): string[] {
    return [...this.versions.keys()].sort();
  }

  definitions(): IntegrationEventDefinition[] {
    return this.types().flatMap((type) => this.versions.get(type) ?? []);
  }

  latestVersionOf(type: string): number | undefined {
    return this.versions.get(type)?.length;
  }

  definitionOf(type: string, version: number): IntegrationEventDefinition | undefined {
    return this.versions.get(type)?.[version - 1];
  }

  /** Validates a parsed JSON value as an envelope; throws ContractViolation. */
  parse(value: unknown): ParsedIntegrationEvent {
    const result = this.safeParse(value);
    if (!result.success) throw result.error;
    return result;
  }

  /** The same from message text; malformed JSON is a violation too. */
  parseJson(text: string): ParsedIntegrationEvent {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ContractViolation('invalid-json', `Not JSON: ${(error as Error).message}`);
    }
    return this.parse(value);
  }

  safeParse(value: unknown): SafeParseResult {
    const envelope = integrationEnvelopeSchema.safeParse(value);
    if (!envelope.success) {
      return failure('invalid-envelope', 'Not an integration envelope', envelope.error);
    }
    const { type, version } = envelope.data;
    const known = this.versions.get(type);
    if (!known) {
      return {
        success: false,
        error: new ContractViolation('unknown-type', `Unknown integration event type ${type}`),
      };
    }
    const definition = known[version - 1];
    if (!definition) {
      return {
        success: false,
        error: new ContractViolation(
          'unknown-version',
          `${type} v${version} is unknown here (latest known: v${known.length})`,
        ),
      };
    }
    const parsed = definition.schema.safeParse(envelope.data.data);
    if (!parsed.success) {
      return failure(
        'invalid-data',
        `${type} v${version}: data violates the contract`,
        parsed.error,
      );
    }

    let data: object = parsed.data;
    for (let next = version + 1; next <= known.length; next++) {
      const target = known[next - 1];
      let upcast: unknown;
      try {
        upcast = target.upcast?.(data);
      } catch (error) {
        return {
          success: false,
          error: new ContractViolation(
            'upcast-failed',
            `${type} v${next - 1} → v${next}: ${(error as Error).message}`,
          ),
        };
      }
      const checked = target.schema.safeParse(upcast);
      if (!checked.success) {
        return failure(
          'upcast-failed',
          `${type} v${next - 1} → v${next} gave invalid data`,
          checked.error,
        );
      }
      data = checked.data;
    }

    return {
      success: true,
      receivedVersion: version,
      envelope: { ...envelope.data, version: known.length, data: data as Record<string, unknown> },
    };
  }

  /** JSON Schemas of every version's data, for the AsyncAPI document and other docs. */
  toJSONSchemas(): IntegrationEventJsonSchema[] {
    return this.definitions().map((definition) => ({
      type: definition.type,
      version: definition.version,
      latest: definition.version === this.latestVersionOf(definition.type),
      topic: topicForEventType(definition.type),
      description: definition.description,
      schema: dataJsonSchema(definition),
    }));
  }
}

/** Consumers must accept fields they do not know yet, so documents describe the input side. */
export const dataJsonSchema = (definition: IntegrationEventDefinition): Record<string, unknown> =>
  jsonSchemaOf(definition.schema);

export const envelopeJsonSchema = (): Record<string, unknown> =>
  jsonSchemaOf(integrationEnvelopeSchema);

const jsonSchemaOf = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  });
  return rest;
};

const failure = (
  reason: 'invalid-envelope' | 'invalid-data' | 'upcast-failed',
  message: string,
  error: z.ZodError,
): SafeParseResult => ({
  success: false,
  error: new ContractViolation(
    reason,
    `${message}: ${z.prettifyError(error)}`,
    error.issues.map((issue) => issue.path.map(String).join('.') || '(root)'),
  ),
});
