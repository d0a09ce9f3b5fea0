import type { RecordedEvent } from '@rhythm/event-sourcing';
import { contextRelayProvider } from '@rhythm/messaging';
import {
  toGoalsIntegrationEvent,
  type GoalsEvent,
} from '../application/goals-integration-events.mapper';
import { goalsInfrastructure } from './goals-tokens';

/** Streams published on the goals topic: personal ambitions stay in the service (ADR 0021). */
export const publishedGoalsStreamPrefixes = [
  'cycle-',
  'objective-',
  'proposal-',
  'board-',
] as const;

/** Every published goals event, as its integration event, on GOALS_EVENTS_TOPIC (ADRs 0004, 0027). */
export const goalsEventRelay = contextRelayProvider(goalsInfrastructure, {
  streamPrefixes: publishedGoalsStreamPrefixes,
  map: (recorded) => toGoalsIntegrationEvent(recorded as RecordedEvent<GoalsEvent>),
});
