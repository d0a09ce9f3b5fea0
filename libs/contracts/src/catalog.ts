import * as checkins from './checkins';
import * as goals from './goals';
import * as org from './org';
import * as recognition from './recognition';
import { ContractRegistry } from './registry/contract-registry';
import {
  isIntegrationEventDefinition,
  type IntegrationEventDefinition,
} from './registry/integration-event-definition';

/**
 * Every published integration event: whatever the context folders export — single definitions or
 * lists of them — is in the catalog. A new publishing context adds its folder here.
 */
const publishingModules: readonly Record<string, unknown>[] = [org, goals, checkins, recognition];

export const publishedIntegrationEvents = (): IntegrationEventDefinition[] =>
  collectIntegrationEvents(publishingModules);

export const publishedContracts = (): ContractRegistry =>
  new ContractRegistry(publishedIntegrationEvents());

/** Definitions found among module exports, each once. */
export const collectIntegrationEvents = (
  modules: readonly Record<string, unknown>[],
): IntegrationEventDefinition[] => {
  const found = new Set<IntegrationEventDefinition>();
  for (const exported of modules.flatMap((module) => Object.values(module))) {
    const candidates: unknown[] = Array.isArray(exported) ? exported : [exported];
    for (const candidate of candidates) {
      if (isIntegrationEventDefinition(candidate)) found.add(candidate);
    }
  }
  return [...found];
};
