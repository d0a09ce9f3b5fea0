import { integrationContentType, integrationHeaders } from '../envelope/integration-envelope';
import { envelopeJsonSchema, type ContractRegistry } from '../registry/contract-registry';
import {
  deadLetterHeaders,
  deadLetterTopicFor,
  publishingContexts,
  topicFor,
} from '../topics/integration-topics';

type JsonObject = Record<string, unknown>;

export type AsyncApiOptions = Readonly<{
  /** Version of the document (not of any event). */
  version?: string;
}>;

const headerDescriptions: Record<keyof typeof integrationHeaders, string> = {
  eventId: 'Id of the event; consumers deduplicate by it.',
  eventType: "Context-qualified type, e.g. 'org.squad-moved'.",
  eventVersion: 'Contract version of the data, as a decimal string.',
  tenantId: 'The organisation the event belongs to.',
  correlationId: 'Shared by everything one request or process caused.',
  causationId: 'Id of the command or event that caused this event.',
  globalPosition: 'Position of the source event in the publishing event store.',
  contentType: `Always ${integrationContentType}.`,
};

const deadLetterHeaderDescriptions: Record<keyof typeof deadLetterHeaders, string> = {
  originalTopic: 'Topic the message was consumed from.',
  originalPartition: 'Its partition.',
  originalOffset: 'Its offset.',
  consumer: 'The consumer (inbox name) that gave up.',
  reason:
    "'poison' (invalid JSON, unknown type or version, contract violation) or 'handler-failed'.",
  error: 'The last error message.',
  attempts: 'How many times the handler ran (0 for poison).',
  failedAt: 'ISO-8601 time of the decision.',
};

const stringHeaders = (
  names: Record<string, string>,
  descriptions: Record<string, string>,
): JsonObject => ({
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(names).map(([key, header]) => [
      header,
      { type: 'string', description: descriptions[key] },
    ]),
  ),
  required: Object.values(names),
});

const messageId = (type: string, version: number) => `${type}.v${version}`;
const channelId = (context: string) => `${context}Events`;

/**
 * The AsyncAPI 3.0 document of every integration event in the registry: one channel per context
 * topic (and its dead-letter topic), one message per event type and version.
 */
export const asyncApiDocument = (
  registry: ContractRegistry,
  options: AsyncApiOptions = {},
): JsonObject => {
  const events = registry.toJSONSchemas();
  const envelope = envelopeJsonSchema();
  const envelopeProperties = (envelope.properties ?? {}) as JsonObject;

  const messages: JsonObject = {
    deadLetter: {
      name: 'dead-letter',
      title: 'Dead letter',
      summary:
        'A message a consumer could not process, with the original key, value and headers plus dlq-* headers.',
      contentType: integrationContentType,
      headers: stringHeaders(deadLetterHeaders, deadLetterHeaderDescriptions),
      payload: { description: 'The original message value, unchanged.' },
    },
  };
  for (const event of events) {
    messages[messageId(event.type, event.version)] = {
      name: event.type,
      title: `${event.type} v${event.version}${event.latest ? '' : ' (superseded, upcast on read)'}`,
      summary: event.description,
      contentType: integrationContentType,
      headers: stringHeaders(integrationHeaders, headerDescriptions),
      payload: {
        ...envelope,
        properties: {
          ...envelopeProperties,
          type: { type: 'string', const: event.type },
          version: { type: 'integer', const: event.version },
          data: event.schema,
        },
      },
      bindings: {
        kafka: {
          key: {
            type: 'string',
            description:
              "The stream id: one aggregate's events share a partition and stay in order.",
          },
          bindingVersion: '0.5.0',
        },
      },
    };
  }

  const channels: JsonObject = {};
  const operations: JsonObject = {};
  for (const context of publishingContexts) {
    const topic = topicFor(context);
    const own = events.filter((event) => event.topic === topic);
    const refs = Object.fromEntries(
      own.map((event) => {
        const id = messageId(event.type, event.version);
        return [id, { $ref: `#/components/messages/${id}` }];
      }),
    );
    channels[channelId(context)] = {
      address: topic,
      title: topic,
      description:
        own.length === 0
          ? `Integration events of the ${context} context (none published yet).`
          : `Integration events of the ${context} context, keyed by stream id.`,
      messages: refs,
    };
    channels[`${channelId(context)}DeadLetters`] = {
      address: deadLetterTopicFor(topic),
      title: deadLetterTopicFor(topic),
      description: `Messages of ${topic} that a consumer gave up on.`,
      messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
    };
    operations[`publish${capitalised(context)}Events`] = {
      action: 'send',
      summary: `The ${context} relay publishes the ${context} context's events (exactly once per event id).`,
      channel: { $ref: `#/channels/${channelId(context)}` },
      messages: Object.keys(refs).map((id) => ({
        $ref: `#/channels/${channelId(context)}/messages/${id}`,
      })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Rhythm integration events',
      version: options.version ?? '1.0.0',
      description:
        'Public, versioned events between Rhythm bounded contexts. A published version never ' +
        'changes; a change is a new version, and consumers upcast older versions on read. ' +
        'Generated from libs/contracts by libs/contracts/scripts/generate-asyncapi.ts.',
    },
    defaultContentType: integrationContentType,
    channels,
    operations,
    components: { messages },
  };
};

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
