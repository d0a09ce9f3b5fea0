import { z } from 'zod';
import { ContractRegistry } from '../registry/contract-registry';
import { defineIntegrationEvent } from '../registry/integration-event-definition';
import { asyncApiDocument } from './asyncapi-document';

const objectiveSetV1 = defineIntegrationEvent({
  type: 'goals.objective-set',
  version: 1,
  description: 'An objective was set for a cycle.',
  schema: z.object({ objectiveId: z.string(), title: z.string() }),
});
const objectiveSetV2 = defineIntegrationEvent({
  type: 'goals.objective-set',
  version: 2,
  description: 'Adds the owning team.',
  schema: z.object({ objectiveId: z.string(), title: z.string(), teamId: z.string().nullable() }),
  previous: objectiveSetV1,
  upcast: (v1) => ({ ...v1, teamId: null }),
});

type DocumentedMessage = {
  title: string;
  payload: { properties: Record<string, { required?: string[] }>; required: string[] };
  headers: { properties: Record<string, unknown> };
  bindings: { kafka: { key: { type: string } } };
};

describe('asyncApiDocument', () => {
  const document = asyncApiDocument(new ContractRegistry([objectiveSetV1, objectiveSetV2])) as {
    asyncapi: string;
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, DocumentedMessage> };
  };

  it('has a channel per context topic and per dead-letter topic', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((channel) => channel.address)).toEqual([
      'rhythm.org.events',
      'rhythm.org.events.dlq',
      'rhythm.goals.events',
      'rhythm.goals.events.dlq',
      'rhythm.checkins.events',
      'rhythm.checkins.events.dlq',
      'rhythm.recognition.events',
      'rhythm.recognition.events.dlq',
    ]);
    expect(Object.keys(document.channels.goalsEvents.messages)).toEqual([
      'goals.objective-set.v1',
      'goals.objective-set.v2',
    ]);
    expect(document.channels.orgEvents.messages).toEqual({});
  });

  it('describes each version with its payload schema, headers and key', () => {
    const v2 = document.components.messages['goals.objective-set.v2'];

    expect(v2.payload.properties.type).toEqual({ type: 'string', const: 'goals.objective-set' });
    expect(v2.payload.properties.version).toEqual({ type: 'integer', const: 2 });
    expect(v2.payload.properties.data.required).toEqual(['objectiveId', 'title', 'teamId']);
    expect(v2.payload.required).toEqual(expect.arrayContaining(['eventId', 'tenantId', 'data']));
    expect(Object.keys(v2.headers.properties)).toEqual(
      expect.arrayContaining(['event-id', 'event-type', 'event-version', 'correlation-id']),
    );
    expect(v2.bindings.kafka.key.type).toBe('string');
    expect(document.components.messages['goals.objective-set.v1'].title).toContain('superseded');
  });
});
