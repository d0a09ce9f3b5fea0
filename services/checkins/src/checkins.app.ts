import { ContextRelay } from '@rhythm/messaging';
import { contextServiceOptions, type ServiceAppOptions } from '@rhythm/operability';
import { ProjectionFleet } from '@rhythm/projections';
import type { CheckinsConfiguration } from './checkins-configuration';
import { CheckinsModule, type CheckinsModuleOptions } from './checkins.module';
import { connectDirectory } from './directory/directory.module';
import { checkinsInfrastructure } from './infrastructure/checkins-tokens';
import { CadenceScheduler } from './scheduler/cadence-scheduler';

/** How the checkins service is assembled: main.ts boots it, the e2e tests create it in-process. */
export const checkinsServiceOptions = (
  config: CheckinsConfiguration,
  options: CheckinsModuleOptions = {},
): ServiceAppOptions =>
  contextServiceOptions(checkinsInfrastructure, {
    module: CheckinsModule.forRoot(config, options),
    config,
    description:
      'The weekly rhythm of OKRs: check-ins with a confidence, blockers, acknowledgements, each ' +
      "unit's cadence and who is overdue, feeds and agendas. Integration events: docs/events/checkins.md.",
    // Relay first (it finishes its Kafka transaction), then the projections, then the scheduler.
    backgroundWork: [ContextRelay, ProjectionFleet, CadenceScheduler],
    // The org and goals topics, on the Nest Kafka transport, into the service's directory.
    configure: (app) => connectDirectory(app, config),
  });
