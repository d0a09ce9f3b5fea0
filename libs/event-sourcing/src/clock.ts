/**
 * The application's clock: a command takes its time from it and passes it in, so deciders never
 * read the time themselves and tests can fix it.
 */
export type Clock = Readonly<{ now: () => Date }>;

export const systemClock: Clock = { now: () => new Date() };
