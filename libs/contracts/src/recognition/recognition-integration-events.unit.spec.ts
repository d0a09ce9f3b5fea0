import { publishedContracts } from '../catalog';
import { ContractRegistry } from '../registry/contract-registry';
import { integrationTopics, topicForEventType } from '../topics/integration-topics';
import * as recognitionFolder from './index';
import {
  achievementCelebratedV1,
  kudosGivenV1,
  recognitionIntegrationEventExamples,
  recognitionIntegrationEvents,
} from './index';

describe('recognition integration events', () => {
  const registry = new ContractRegistry(recognitionIntegrationEvents);
  const given = recognitionIntegrationEventExamples['recognition.kudos-given'];
  const celebrated = recognitionIntegrationEventExamples['recognition.achievement-celebrated'];

  it('are recognition events at version 1 on rhythm.recognition.events, each type once', () => {
    const types = recognitionIntegrationEvents.map((definition) => definition.type);
    expect(types).toEqual([
      'recognition.kudos-given',
      'recognition.kudos-withdrawn',
      'recognition.achievement-celebrated',
      'recognition.story-published',
      'recognition.story-withdrawn',
    ]);
    expect(recognitionIntegrationEvents.every((definition) => definition.version === 1)).toBe(true);
    expect(new Set(types.map(topicForEventType))).toEqual(new Set([integrationTopics.recognition]));
    expect(integrationTopics.recognition).toBe('rhythm.recognition.events');
  });

  it('list every definition the folder exports, and all are in the workspace catalog', () => {
    const exported = Object.values(recognitionFolder).filter(
      (value) => typeof value === 'object' && value !== null && 'schema' in value,
    );
    expect(new Set(exported)).toEqual(new Set(recognitionIntegrationEvents));
    for (const definition of recognitionIntegrationEvents) {
      expect(publishedContracts().definitionOf(definition.type, 1)).toBe(definition);
    }
  });

  it('have a documented example each, and every example fits its schema', () => {
    expect(Object.keys(recognitionIntegrationEventExamples).sort()).toEqual(registry.types());
    for (const definition of recognitionIntegrationEvents) {
      const example = recognitionIntegrationEventExamples[definition.type];
      expect(() => definition.schema.parse(example)).not.toThrow();
    }
  });

  it('carry no message: a kudos published with its words is refused', () => {
    const parsed = kudosGivenV1.schema.parse({ ...given, message: 'Thank you!' });
    expect(parsed).not.toHaveProperty('message');
    expect(kudosGivenV1.schema.safeParse({ ...given, audience: 'team' }).success).toBe(false);
  });

  it('name a known kind of achievement, units by kind, and want a UTC instant', () => {
    expect(achievementCelebratedV1.schema.safeParse({ ...celebrated, kind: 'cake' }).success).toBe(
      false,
    );
    expect(
      achievementCelebratedV1.schema.safeParse({
        ...celebrated,
        walls: [{ kind: 'company', id: 'acme' }],
      }).success,
    ).toBe(false);
    expect(
      achievementCelebratedV1.schema.safeParse({
        ...celebrated,
        celebratedAt: '2026-03-05T11:30:00+02:00',
      }).success,
    ).toBe(false);
  });
});
