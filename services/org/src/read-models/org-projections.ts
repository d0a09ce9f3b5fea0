import type { Event } from '@rhythm/event-sourcing';
import { projectionFleetProvider, type Projection } from '@rhythm/projections';
import { orgInfrastructure } from '../infrastructure/org-tokens';
import { orgHistoryProjection } from './org-history.projection';
import { orgStructureProjection } from './org-structure.projection';

export const orgProjections: readonly Projection<Event, string>[] = [
  orgStructureProjection,
  orgHistoryProjection,
];

/** The org projections, run inside the service; each on one replica at a time (ADR 0027). */
export const orgProjectionFleet = projectionFleetProvider(orgInfrastructure, orgProjections);
