import type { AchievementCelebrated } from './celebration.events';

export type Celebration =
  | Readonly<{ status: 'none' }>
  | (Readonly<{ status: 'celebrated' }> & AchievementCelebrated['data']);
