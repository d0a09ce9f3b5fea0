import type { Event } from '@rhythm/event-sourcing';
import { projectionFleetProvider, type Projection } from '@rhythm/projections';
import { checkinsInfrastructure } from '../infrastructure/checkins-tokens';
import { absencesProjection } from './absences.projection';
import { cadencesProjection } from './cadences.projection';
import { blockersProjection } from './blockers.projection';
import { checkInsProjection } from './check-ins.projection';
import { feedProjection } from './feed.projection';
import { insightsProjection } from './insights.projection';
import { overdueProjection } from './overdue.projection';
import { statisticsProjection } from './statistics.projection';
import { threadsProjection } from './threads.projection';

/** Every checkins projection; each reads only its own prefixes of checkinsStreamPrefixes. */
export const checkinsProjections: readonly Projection<Event, string>[] = [
  checkInsProjection,
  blockersProjection,
  overdueProjection,
  feedProjection,
  statisticsProjection,
  absencesProjection,
  cadencesProjection,
  threadsProjection,
  insightsProjection,
];

/** The checkins projections, run inside the service; each on one replica at a time (ADR 0027). */
export const checkinsProjectionFleet = projectionFleetProvider(
  checkinsInfrastructure,
  checkinsProjections,
);
