import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { InsightEvent } from './insight.events';
import type { InsightState } from './insight.state';
import { evolveInsight, initialInsight } from './insight.state';
import type { PostInsight } from './post-insight.command';
import { postInsight } from './post-insight.command';
import type { ReviseInsight } from './revise-insight.command';
import { reviseInsight } from './revise-insight.command';
import type { WithdrawInsight } from './withdraw-insight.command';
import { withdrawInsight } from './withdraw-insight.command';

export type InsightCommand = PostInsight | ReviseInsight | WithdrawInsight;

const decide = (command: InsightCommand, state: InsightState): readonly InsightEvent[] => {
  switch (command.type) {
    case 'PostInsight':
      return postInsight(command, state);
    case 'ReviseInsight':
      return reviseInsight(command, state);
    case 'WithdrawInsight':
      return withdrawInsight(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `insight-<tenant>.<insightId>`: one guild insight's life (ADR 0038). */
export const insightDecider: Decider<InsightCommand, InsightState, InsightEvent> = {
  decide,
  evolve: evolveInsight,
  initialState: initialInsight,
};
