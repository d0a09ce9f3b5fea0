import type { Decider } from '@rhythm/event-sourcing';
import type { GiverEvent } from './giver.events';
import type { Giver } from './giver.state';
import { evolveGiver, initialGiver } from './giver.state';
import type { UseKudosAllowance } from './use-kudos-allowance.command';
import { useKudosAllowance } from './use-kudos-allowance.command';

export type GiverCommand = UseKudosAllowance;

/** Stream `giver-<tenant>:<personId>`: one person's kudos per hour (ADR 0042). */
export const giverDecider: Decider<GiverCommand, Giver, GiverEvent> = {
  decide: useKudosAllowance,
  evolve: evolveGiver,
  initialState: initialGiver,
};
