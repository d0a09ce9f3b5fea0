import type { Decider } from '@rhythm/event-sourcing';
import type { CelebrateAchievement } from './celebrate-achievement.command';
import { celebrateAchievement } from './celebrate-achievement.command';
import type { CelebrationEvent } from './celebration.events';
import type { Celebration } from './celebration.state';

export type CelebrationCommand = CelebrateAchievement;

/** Stream `celebration-<tenant>:<achievementKey>`: one achievement, celebrated once (ADR 0042). */
export const celebrationDecider: Decider<CelebrationCommand, Celebration, CelebrationEvent> = {
  decide: celebrateAchievement,
  evolve: (_state, event) => ({ status: 'celebrated', ...event.data }),
  initialState: () => ({ status: 'none' }),
};
