/** The application clock: commands take their time from it, never from the domain. */
export type GoalsClock = Readonly<{ now: () => Date }>;

export const systemClock: GoalsClock = { now: () => new Date() };
