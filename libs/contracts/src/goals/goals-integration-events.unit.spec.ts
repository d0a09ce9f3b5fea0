import { publishedContracts } from '../catalog';
import { ContractRegistry } from '../registry/contract-registry';
import * as goalsFolder from './index';
import {
  goalsIntegrationEventExamples,
  goalsIntegrationEvents,
  keyResultAdjustedV1,
} from './index';

describe('goals integration events', () => {
  const registry = new ContractRegistry(goalsIntegrationEvents);

  it('are all goals events at version 1, each type once', () => {
    const types = goalsIntegrationEvents.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.every((type) => type.startsWith('goals.'))).toBe(true);
    expect(goalsIntegrationEvents.every((definition) => definition.version === 1)).toBe(true);
  });

  it('list every definition the folder exports, and all are in the workspace catalog', () => {
    const exported = Object.values(goalsFolder).filter(
      (value) => typeof value === 'object' && value !== null && 'schema' in value,
    );
    expect(new Set(exported)).toEqual(new Set(goalsIntegrationEvents));
    const published = publishedContracts();
    for (const definition of goalsIntegrationEvents) {
      expect(published.definitionOf(definition.type, 1)).toBe(definition);
    }
  });

  it('have a documented example each, and every example fits its schema', () => {
    expect(Object.keys(goalsIntegrationEventExamples).sort()).toEqual(registry.types());
    for (const definition of goalsIntegrationEvents) {
      const example = goalsIntegrationEventExamples[definition.type];
      expect(() => definition.schema.parse(example)).not.toThrow();
    }
  });

  it('refuse an adjustment whose values do not fit its field', () => {
    const adjusted = {
      objectiveId: 'okr-1',
      keyResultId: 'kr-1',
      field: 'target',
      before: 'forty-one',
      after: 38,
      lowersAmbition: true,
      reason: null,
    };
    expect(keyResultAdjustedV1.schema.safeParse(adjusted).success).toBe(false);
    expect(keyResultAdjustedV1.schema.safeParse({ ...adjusted, before: 41 }).success).toBe(true);
    expect(
      keyResultAdjustedV1.schema.safeParse({ ...adjusted, before: 41, lowersAmbition: undefined })
        .success,
    ).toBe(false);
  });
});
