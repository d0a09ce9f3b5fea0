import { ContextRelay } from '@rhythm/messaging';
import { contextServiceOptions, type ServiceAppOptions } from '@rhythm/operability';
import { ProjectionFleet } from '@rhythm/projections';
import { orgInfrastructure } from './infrastructure/org-tokens';
import type { OrgConfiguration } from './org-configuration';
import { OrgModule } from './org.module';

/** How the org service is assembled: main.ts boots it, the e2e test creates it in-process. */
export const orgServiceOptions = (config: OrgConfiguration): ServiceAppOptions =>
  contextServiceOptions(orgInfrastructure, {
    module: OrgModule.forRoot(config),
    config,
    description:
      'The organisation in the Spotify model: people, tribes, squads, chapters, guilds, their ' +
      'memberships and their history. Integration events: docs/events/org.md.',
    backgroundWork: [ContextRelay, ProjectionFleet],
  });
