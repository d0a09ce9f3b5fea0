import type { RecordedEvent } from '@rhythm/event-sourcing';
import { ContractRegistry } from '../registry/contract-registry';
import { publishedContracts } from '../catalog';
import * as orgFolder from './index';
import { orgIntegrationEventExamples, orgIntegrationEvents, squadMovedV1 } from './index';

const recorded: RecordedEvent = {
  type: 'SquadMoved',
  data: {},
  streamId: 'squad-acme.0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
  streamRevision: 3,
  globalPosition: 42n,
  recordedAt: new Date('2026-03-02T10:00:00Z'),
  metadata: {
    eventId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    tenantId: 'acme',
    actor: 'admin-1',
    correlationId: 'c-1',
    causationId: 'c-1',
    occurredAt: '2026-03-02T10:00:00.000Z',
  },
};

describe('org integration events', () => {
  const registry = new ContractRegistry(orgIntegrationEvents);

  it('are all org events at version 1, each type once', () => {
    const types = orgIntegrationEvents.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.every((type) => type.startsWith('org.'))).toBe(true);
    expect(orgIntegrationEvents.every((definition) => definition.version === 1)).toBe(true);
  });

  it('are in the workspace catalog', () => {
    const published = publishedContracts();
    for (const definition of orgIntegrationEvents) {
      expect(published.definitionOf(definition.type, 1)).toBe(definition);
    }
  });

  it('have a documented example each, and every example fits its schema', () => {
    expect(Object.keys(orgIntegrationEventExamples).sort()).toEqual(registry.types());
    for (const definition of orgIntegrationEvents) {
      const example = orgIntegrationEventExamples[definition.type];
      expect(() => definition.schema.parse(example)).not.toThrow();
    }
  });

  it('make an envelope from a recorded event that the registry accepts', () => {
    const envelope = squadMovedV1.envelope(recorded, {
      squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
      fromTribeId: 'payments',
      toTribeId: 'growth',
      effectiveAt: '2026-02-01T00:00:00.000Z',
    });
    expect(envelope).toMatchObject({
      type: 'org.squad-moved',
      version: 1,
      tenantId: 'acme',
      streamId: recorded.streamId,
      globalPosition: '42',
    });
    const parsed = registry.parseJson(JSON.stringify(envelope));
    expect(parsed.envelope.data).toEqual(envelope.data);
  });

  it('refuse data the contract does not allow', () => {
    expect(() =>
      squadMovedV1.envelope(recorded, {
        squadId: 's',
        fromTribeId: 'a',
        toTribeId: 'b',
        effectiveAt: 'last tuesday',
      }),
    ).toThrow();
  });
});

describe('the org list', () => {
  it('holds every definition the org folder exports', () => {
    const exported = Object.values(orgFolder as Record<string, unknown>).filter(
      (value) => typeof value === 'object' && value !== null && 'envelope' in value,
    );
    expect(new Set<unknown>(orgIntegrationEvents)).toEqual(new Set(exported));
  });
});
