import { ContextRelay } from '@rhythm/messaging';
import { contextServiceOptions, type ServiceAppOptions } from '@rhythm/operability';
import { ProjectionFleet } from '@rhythm/projections';
import { connectCheckInFeed } from './check-in-feed/check-in-feed.microservice';
import type { GoalsConfiguration } from './goals-configuration';
import { GoalsModule, type GoalsModuleOptions } from './goals.module';
import { goalsInfrastructure } from './infrastructure/goals-tokens';
import { OrgDirectoryConsumer } from './org-directory/org-directory.consumer';
import { CycleSnapshotTaker } from './read-models/cycle-snapshots.taker';

/** How the goals service is assembled: main.ts boots it, the e2e test creates it in-process. */
export const goalsServiceOptions = (
  config: GoalsConfiguration,
  options: GoalsModuleOptions = {},
): ServiceAppOptions =>
  contextServiceOptions(goalsInfrastructure, {
    module: GoalsModule.forRoot(config, options),
    config,
    description:
      'Cycles, objectives and key results of every unit and person in the Spotify model, their ' +
      'alignment, proposals, ambitions, reviews and scoring. Integration events: docs/events/goals.md.',
    // The org directory's consumer runs on every replica and registers its own drain.
    backgroundWork: [ContextRelay, ProjectionFleet, CycleSnapshotTaker],
    healthChecks: (app) => [app.get(OrgDirectoryConsumer).healthCheck()],
    // Check-ins from the checkins topic, on the Nest Kafka transport (ADR 0037).
    configure: (app) => connectCheckInFeed(app, config),
  });
