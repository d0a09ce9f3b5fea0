import type { GiverEvent } from './giver.events';

/** The most kudos an organisation may allow per hour: what the state needs to remember. */
export const maxKudosPerHour = 1000;

export type Gift = Readonly<{ kudosId: string; at: string }>;

/** The giver's latest gifts, newest last: enough to count the last hour under any limit. */
export type Giver = Readonly<{ gifts: readonly Gift[] }>;

export const initialGiver = (): Giver => ({ gifts: [] });

export const evolveGiver = (state: Giver, event: GiverEvent): Giver => ({
  gifts: [...state.gifts, { kudosId: event.data.kudosId, at: event.data.usedAt }].slice(
    -maxKudosPerHour,
  ),
});
