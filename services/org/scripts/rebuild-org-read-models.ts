/**
 * Rebuilds the org read models from the first event, without downtime: each projection is written
 * as a new generation beside the live one, caught up, swapped in, and the old one dropped once
 * readers have moved (libs/projections rebuildProjection). A running org service keeps serving
 * and follows the swap by itself.
 *
 *   npm run rebuild:org [-- --projection org_structure] [-- --no-wait]
 *
 * Env: DATABASE_URL, MONGO_URL, EVENT_STORE, KURRENTDB_URL, ORG_EVENT_STORE_SCHEMA,
 * PERSONAL_DATA_MASTER_KEY (as the service).
 */
import { runRebuildCommand } from '@rhythm/projections';
import {
  openOrgEventStore,
  openOrgReadStore,
} from '../src/infrastructure/org-infrastructure.providers';
import { orgConfigurationSchema, type OrgConfiguration } from '../src/org-configuration';
import { orgProjections } from '../src/read-models/org-projections';

void runRebuildCommand({
  projections: orgProjections,
  variables: {
    ORG_EVENT_STORE_SCHEMA: orgConfigurationSchema.shape.ORG_EVENT_STORE_SCHEMA,
    // The events' personal data opens with the keys (ADR 0034): the service's master key.
    PERSONAL_DATA_MASTER_KEY: orgConfigurationSchema.shape.PERSONAL_DATA_MASTER_KEY,
  },
  // The stores only need these variables; the rest of the service's are not read.
  openStore: (config) => openOrgEventStore(config as OrgConfiguration),
  openReadStore: (config) => openOrgReadStore(config),
});
