import type { Event } from '@rhythm/event-sourcing';
import {
  projectionFleetProvider,
  type Projection,
  type RetiredProjection,
} from '@rhythm/projections';
import { goalsInfrastructure } from '../infrastructure/goals-tokens';
import { boardsProjection } from '../boards/boards.projection';
import { ambitionsProjection } from './ambitions.projection';
import { cyclesProjection } from './cycles.projection';
import { objectiveCardsProjection } from './objective-cards.projection';
import { proposalsProjection } from './proposals.projection';

/** Every goals projection; each reads only its own prefixes of goalsStreamPrefixes. */
export const goalsProjections: readonly Projection<Event, string>[] = [
  cyclesProjection,
  objectiveCardsProjection,
  proposalsProjection,
  ambitionsProjection,
  boardsProjection,
];

/**
 * Goals projections no longer run, removed from the read store: the history of an objective is
 * read from its stream (ADR 0059), and so is the objective itself (ADR 0067); nothing read the
 * alignment edges beside it.
 */
export const retiredGoalsProjections: readonly RetiredProjection[] = [
  {
    name: 'goals_objective_history',
    version: 2,
    collections: [{ name: 'goals_objective_history' }],
  },
  {
    name: 'goals_objectives',
    version: 2,
    collections: [{ name: 'goals_objectives' }, { name: 'goals_alignments' }],
  },
];

/** The goals projections, run inside the service; each on one replica at a time (ADR 0027). */
export const goalsProjectionFleet = projectionFleetProvider(
  goalsInfrastructure,
  goalsProjections,
  retiredGoalsProjections,
);
