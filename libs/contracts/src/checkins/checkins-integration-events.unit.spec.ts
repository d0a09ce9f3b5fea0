import { publishedContracts } from '../catalog';
import { ContractRegistry } from '../registry/contract-registry';
import { integrationTopics, topicForEventType } from '../topics/integration-topics';
import * as checkinsFolder from './index';
import {
  blockerResolvedV1,
  checkInCorrectedV1,
  checkInRecordedV1,
  checkinsIntegrationEventExamples,
  checkinsIntegrationEvents,
} from './index';

describe('checkins integration events', () => {
  const registry = new ContractRegistry(checkinsIntegrationEvents);
  const recorded = checkinsIntegrationEventExamples['checkins.check-in-recorded'];
  const corrected = checkinsIntegrationEventExamples['checkins.check-in-corrected'];

  it('are checkins events at version 1 on rhythm.checkins.events, each type once', () => {
    const types = checkinsIntegrationEvents.map((definition) => definition.type);
    expect(types).toEqual([
      'checkins.check-in-recorded',
      'checkins.check-in-corrected',
      'checkins.blocker-resolved',
    ]);
    expect(checkinsIntegrationEvents.every((definition) => definition.version === 1)).toBe(true);
    expect(types.map(topicForEventType)).toEqual(Array(3).fill(integrationTopics.checkins));
    expect(integrationTopics.checkins).toBe('rhythm.checkins.events');
  });

  it('list every definition the folder exports, and all are in the workspace catalog', () => {
    const exported = Object.values(checkinsFolder).filter(
      (value) => typeof value === 'object' && value !== null && 'schema' in value,
    );
    expect(new Set(exported)).toEqual(new Set(checkinsIntegrationEvents));
    for (const definition of checkinsIntegrationEvents) {
      expect(publishedContracts().definitionOf(definition.type, 1)).toBe(definition);
    }
  });

  it('have a documented example each, and every example fits its schema', () => {
    expect(Object.keys(checkinsIntegrationEventExamples).sort()).toEqual(registry.types());
    for (const definition of checkinsIntegrationEvents) {
      const example = checkinsIntegrationEventExamples[definition.type];
      expect(() => definition.schema.parse(example)).not.toThrow();
    }
  });

  it('refuse a confidence outside 0–10 or not whole, and a band the thresholds do not give', () => {
    for (const confidence of [-1, 11, 6.5]) {
      expect(checkInRecordedV1.schema.safeParse({ ...recorded, confidence }).success).toBe(false);
    }
    expect(checkInRecordedV1.schema.safeParse({ ...recorded, band: 'fine' }).success).toBe(false);
    expect(
      checkInCorrectedV1.schema.safeParse({ ...corrected, confidence: { before: 6, after: 12 } })
        .success,
    ).toBe(false);
  });

  it('cap ids at 200 characters, a reason at 1000, and want a UTC instant', () => {
    const long = 'x'.repeat(200);
    expect(checkInRecordedV1.schema.safeParse({ ...recorded, checkInId: long }).success).toBe(true);
    expect(checkInRecordedV1.schema.safeParse({ ...recorded, checkInId: `${long}x` }).success).toBe(
      false,
    );
    expect(
      checkInCorrectedV1.schema.safeParse({ ...corrected, reason: 'r'.repeat(1000) }).success,
    ).toBe(true);
    expect(
      checkInCorrectedV1.schema.safeParse({ ...corrected, reason: 'r'.repeat(1001) }).success,
    ).toBe(false);
    expect(checkInCorrectedV1.schema.safeParse({ ...corrected, reason: '' }).success).toBe(false);
    expect(
      checkInRecordedV1.schema.safeParse({ ...recorded, recordedAt: '2026-02-06T18:40:00+02:00' })
        .success,
    ).toBe(false);
  });

  it("take a blocker's resolution on an objective or a key result, never its note", () => {
    const resolved = checkinsIntegrationEventExamples['checkins.blocker-resolved'];
    expect(blockerResolvedV1.schema.safeParse(resolved).success).toBe(true);
    const { keyResultId: _keyResultId, ...onObjective } = resolved;
    expect(blockerResolvedV1.schema.safeParse(onObjective).success).toBe(true);
    expect(
      blockerResolvedV1.schema.parse({ ...resolved, note: 'Vendor fixed it' }),
    ).not.toHaveProperty('note');
    const { raisedBy: _raisedBy, ...anonymous } = resolved;
    expect(blockerResolvedV1.schema.safeParse(anonymous).success).toBe(false);
    expect(
      blockerResolvedV1.schema.safeParse({ ...resolved, resolvedAt: '2026-02-10T12:05:00+01:00' })
        .success,
    ).toBe(false);
  });
});
