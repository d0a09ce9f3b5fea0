import type { RecordedEvent } from '@rhythm/event-sourcing';
import { z } from 'zod';
import {
  integrationEnvelopeSchema,
  type IntegrationEnvelope,
} from '../envelope/integration-envelope';
import { collectIntegrationEvents } from '../catalog';
import { ContractRegistry } from './contract-registry';
import { ContractViolation } from './contract-violation';
import {
  defineIntegrationEvent,
  type IntegrationEventDefinition,
} from './integration-event-definition';

// What a context folder (libs/contracts/src/org) looks like: definitions plus one exported list.
const squadMovedV1 = defineIntegrationEvent({
  type: 'org.squad-moved',
  version: 1,
  description: 'A squad joined another tribe.',
  schema: z.object({ squadId: z.string(), tribeId: z.string() }),
});
const squadMovedV2 = defineIntegrationEvent({
  type: 'org.squad-moved',
  version: 2,
  description: 'A squad joined another tribe; says which one it left.',
  schema: z.object({
    squadId: z.string(),
    toTribeId: z.string(),
    fromTribeId: z.string().nullable(),
  }),
  previous: squadMovedV1,
  upcast: (v1) => ({ squadId: v1.squadId, toTribeId: v1.tribeId, fromTribeId: null }),
});
const squadMovedV3 = defineIntegrationEvent({
  type: 'org.squad-moved',
  version: 3,
  description: 'Adds the date the move takes effect.',
  schema: z.object({
    squadId: z.string(),
    toTribeId: z.string(),
    fromTribeId: z.string().nullable(),
    effectiveFrom: z.iso.date().nullable(),
  }),
  previous: squadMovedV2,
  upcast: (v2) => ({ ...v2, effectiveFrom: null }),
});
const tribeFormedV1 = defineIntegrationEvent({
  type: 'org.tribe-formed',
  version: 1,
  description: 'A tribe was formed.',
  schema: z.object({ tribeId: z.string(), name: z.string().min(1) }),
});
const orgIntegrationEvents: IntegrationEventDefinition[] = [
  squadMovedV1,
  squadMovedV2,
  squadMovedV3,
  tribeFormedV1,
];

const registry = new ContractRegistry(orgIntegrationEvents);

const envelope = (overrides: Partial<Record<keyof IntegrationEnvelope, unknown>> = {}) => ({
  eventId: '0b6a4f0e-5d55-4a8e-9a39-1c1c7f0c8a11',
  type: 'org.tribe-formed',
  version: 1,
  tenantId: 'acme',
  streamId: 'tribe-7',
  streamRevision: 0,
  globalPosition: '9007199254740993', // above 2^53: kept exact as a string
  actor: 'person-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  occurredAt: '2026-03-01T09:00:00.000Z',
  data: { tribeId: 'tribe-7', name: 'Payments' },
  ...overrides,
});

const violationOf = (value: unknown): ContractViolation => {
  const result = registry.safeParse(value);
  if (result.success) throw new Error('expected a contract violation');
  return result.error;
};

describe('ContractRegistry', () => {
  it('accepts a valid envelope of the latest version as it is', () => {
    const parsed = registry.parse(envelope());

    expect(parsed.receivedVersion).toBe(1);
    expect(parsed.envelope).toEqual(envelope());
  });

  it('rejects an envelope whose metadata is incomplete', () => {
    const error = violationOf(envelope({ eventId: 'not-a-uuid', tenantId: undefined }));

    expect(error.reason).toBe('invalid-envelope');
    expect(error.issues).toEqual(expect.arrayContaining(['eventId', 'tenantId']));
  });

  it('caps the tenant id as the token verifier does, and the actor at 200 characters', () => {
    const longestTenant = `a${'0.b_c-'.repeat(10)}xyz`;
    expect(registry.safeParse(envelope({ tenantId: longestTenant })).success).toBe(true);
    expect(registry.safeParse(envelope({ actor: 'a'.repeat(200) })).success).toBe(true);
    for (const tenantId of ['a'.repeat(65), 'a'.repeat(200), 'acme corp', '']) {
      const error = violationOf(envelope({ tenantId }));
      expect(error.issues).toEqual(['tenantId']);
    }
    expect(violationOf(envelope({ actor: 'a'.repeat(201) })).issues).toEqual(['actor']);
  });

  it('rejects a global position that is not a decimal integer', () => {
    expect(violationOf(envelope({ globalPosition: 12 })).reason).toBe('invalid-envelope');
    expect(violationOf(envelope({ globalPosition: '-1' })).reason).toBe('invalid-envelope');
  });

  it('rejects data that breaks the contract of its version', () => {
    const error = violationOf(envelope({ data: { tribeId: 'tribe-7', name: '' } }));

    expect(error.reason).toBe('invalid-data');
    expect(error.issues).toEqual(['name']);
    expect(error.message).toContain('org.tribe-formed v1');
  });

  it('reports an unknown type', () => {
    const error = violationOf(envelope({ type: 'org.guild-founded' }));

    expect(error).toBeInstanceOf(ContractViolation);
    expect(error.reason).toBe('unknown-type');
  });

  it('reports a version newer than the consumer knows', () => {
    const error = violationOf(envelope({ type: 'org.squad-moved', version: 4 }));

    expect(error.reason).toBe('unknown-version');
    expect(error.message).toContain('latest known: v3');
  });

  it('reports malformed JSON as a violation', () => {
    let thrown: unknown;
    try {
      registry.parseJson('{"eventId": ');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ContractViolation);
    expect((thrown as ContractViolation).reason).toBe('invalid-json');
  });

  it('upcasts v1 through every upcaster to the latest version', () => {
    const parsed = registry.parse(
      envelope({
        type: 'org.squad-moved',
        version: 1,
        data: { squadId: 'squad-1', tribeId: 'tribe-2' },
      }),
    );

    expect(parsed.receivedVersion).toBe(1);
    expect(parsed.envelope.version).toBe(3);
    expect(parsed.envelope.data).toEqual({
      squadId: 'squad-1',
      toTribeId: 'tribe-2',
      fromTribeId: null,
      effectiveFrom: null,
    });
    expect(squadMovedV3.matches(parsed.envelope)).toBe(true);
  });

  it('upcasts from the middle of the chain', () => {
    const parsed = registry.parse(
      envelope({
        type: 'org.squad-moved',
        version: 2,
        data: { squadId: 'squad-1', toTribeId: 'tribe-2', fromTribeId: 'tribe-1' },
      }),
    );

    expect(parsed.envelope.data).toEqual({
      squadId: 'squad-1',
      toTribeId: 'tribe-2',
      fromTribeId: 'tribe-1',
      effectiveFrom: null,
    });
  });

  it('validates old data against its own version before upcasting', () => {
    const error = violationOf(
      envelope({ type: 'org.squad-moved', version: 1, data: { squadId: 'squad-1' } }),
    );

    expect(error.reason).toBe('invalid-data');
    expect(error.message).toContain('org.squad-moved v1');
  });

  it('reports an upcaster that produces data the next version rejects', () => {
    const brokenV2 = defineIntegrationEvent({
      type: 'org.squad-moved',
      version: 2,
      description: 'Broken upcaster',
      schema: squadMovedV2.schema,
      previous: squadMovedV1,
      upcast: (v1) => ({ squadId: v1.squadId }) as z.input<typeof squadMovedV2.schema>,
    });
    const broken = new ContractRegistry([squadMovedV1, brokenV2]);

    const result = broken.safeParse(
      envelope({ type: 'org.squad-moved', version: 1, data: { squadId: 's', tribeId: 't' } }),
    );

    expect(result.success).toBe(false);
    expect(!result.success && result.error.reason).toBe('upcast-failed');
  });

  it('refuses a registry with a gap in the version chain', () => {
    expect(() => new ContractRegistry([squadMovedV1, squadMovedV3])).toThrow(/v2 is missing/);
  });

  it('refuses two different definitions of the same type and version', () => {
    const again = defineIntegrationEvent({ ...tribeFormedV1, version: 1 });

    expect(() => new ContractRegistry([tribeFormedV1, again])).toThrow(/registered twice/);
  });

  it('accepts the same definition exported twice', () => {
    expect(ContractRegistry.of(orgIntegrationEvents, [tribeFormedV1]).definitions()).toHaveLength(
      4,
    );
  });

  it('exports a JSON Schema of every version, marking the latest', () => {
    const schemas = registry.toJSONSchemas();

    expect(schemas.map((s) => `${s.type}@${s.version}:${s.latest}`)).toEqual([
      'org.squad-moved@1:false',
      'org.squad-moved@2:false',
      'org.squad-moved@3:true',
      'org.tribe-formed@1:true',
    ]);
    expect(schemas[3]).toMatchObject({
      topic: 'rhythm.org.events',
      schema: {
        type: 'object',
        properties: { tribeId: { type: 'string' }, name: { type: 'string', minLength: 1 } },
        required: ['tribeId', 'name'],
      },
    });
  });
});

describe('defineIntegrationEvent', () => {
  const recorded: RecordedEvent = {
    type: 'TribeFormed',
    data: { name: 'Payments' },
    metadata: {
      eventId: '0b6a4f0e-5d55-4a8e-9a39-1c1c7f0c8a11',
      tenantId: 'acme',
      actor: 'person-1',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      occurredAt: '2026-03-01T09:00:00.000Z',
      reason: 'Reorganisation',
    },
    streamId: 'tribe-7',
    streamRevision: 0,
    globalPosition: 42n,
    recordedAt: new Date('2026-03-01T09:00:00.010Z'),
  };

  it('builds a valid envelope from a recorded domain event', () => {
    const built = tribeFormedV1.envelope(recorded, { tribeId: 'tribe-7', name: 'Payments' });

    expect(built).toEqual({
      eventId: recorded.metadata.eventId,
      type: 'org.tribe-formed',
      version: 1,
      tenantId: 'acme',
      streamId: 'tribe-7',
      streamRevision: 0,
      globalPosition: '42',
      actor: 'person-1',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      occurredAt: '2026-03-01T09:00:00.000Z',
      reason: 'Reorganisation',
      data: { tribeId: 'tribe-7', name: 'Payments' },
    });
    expect(integrationEnvelopeSchema.safeParse(built).success).toBe(true);
  });

  it('never builds an envelope whose data breaks the contract', () => {
    expect(() => tribeFormedV1.envelope(recorded, { tribeId: 'tribe-7', name: '' })).toThrow();
  });

  it('refuses types that are not qualified by a publishing context', () => {
    const define = (type: string) => () =>
      defineIntegrationEvent({ type, version: 1, description: '', schema: z.object({}) });

    expect(define('SquadMoved')).toThrow(/must look like/);
    expect(define('billing.invoice-sent')).toThrow(/publishing context/);
  });

  it('refuses a later version without an upcaster from the one before', () => {
    expect(() =>
      defineIntegrationEvent({
        type: 'org.squad-moved',
        version: 3,
        description: '',
        schema: squadMovedV3.schema,
        previous: squadMovedV1,
        upcast: () => ({ squadId: '', toTribeId: '', fromTribeId: null, effectiveFrom: null }),
      }),
    ).toThrow(/expected org.squad-moved v2/);
    expect(() =>
      defineIntegrationEvent({
        type: 'org.squad-moved',
        version: 2 as 1,
        description: '',
        schema: squadMovedV1.schema,
      }),
    ).toThrow(/needs 'previous' and 'upcast'/);
  });

  it('is found by the catalog among a module’s exports, single or in lists', () => {
    const orgModule = { orgIntegrationEvents, tribeFormedV1, somethingElse: 42 };

    expect(collectIntegrationEvents([orgModule])).toHaveLength(4);
  });
});
