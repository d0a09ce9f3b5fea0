/** The application clock: commands take their time from it, never from the domain. */
export type OrgClock = Readonly<{ now: () => Date }>;

export const systemClock: OrgClock = { now: () => new Date() };
