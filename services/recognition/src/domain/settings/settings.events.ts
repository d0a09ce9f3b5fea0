import type { Event } from '@rhythm/event-sourcing';

/** The organisation's recognition settings from now on (stream `recognition-settings-<tenant>`). */
export type KudosValuesSet = Event<'KudosValuesSet', { values: readonly string[]; setBy: string }>;
export type StreakMilestonesSet = Event<
  'StreakMilestonesSet',
  { weeks: readonly number[]; setBy: string }
>;
export type KudosLimitSet = Event<'KudosLimitSet', { kudosPerHour: number; setBy: string }>;

export type RecognitionSettingsEvent = KudosValuesSet | StreakMilestonesSet | KudosLimitSet;
