import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { CommentOnKudos } from './comment-on-kudos.command';
import { commentOnKudos } from './comment-on-kudos.command';
import type { GiveKudos } from './give-kudos.command';
import { giveKudos } from './give-kudos.command';
import type { KudosEvent } from './kudos.events';
import type { KudosState } from './kudos.state';
import { evolveKudos, initialKudos } from './kudos.state';
import type { ReactToKudos } from './react-to-kudos.command';
import { reactToKudos } from './react-to-kudos.command';
import type { RemoveKudosReaction } from './remove-kudos-reaction.command';
import { removeKudosReaction } from './remove-kudos-reaction.command';
import type { WithdrawKudos } from './withdraw-kudos.command';
import { withdrawKudos } from './withdraw-kudos.command';

export type KudosCommand =
  GiveKudos | ReactToKudos | RemoveKudosReaction | CommentOnKudos | WithdrawKudos;

const decide = (command: KudosCommand, state: KudosState): readonly KudosEvent[] => {
  switch (command.type) {
    case 'GiveKudos':
      return giveKudos(command, state);
    case 'ReactToKudos':
      return reactToKudos(command, state);
    case 'RemoveKudosReaction':
      return removeKudosReaction(command, state);
    case 'CommentOnKudos':
      return commentOnKudos(command, state);
    case 'WithdrawKudos':
      return withdrawKudos(command, state);
    default:
      return assertNever(command);
  }
};

/**
 * Stream `kudos-<tenant>.<kudosId>`: one kudos with its reactions and comments (ADR 0042). A
 * kudos gets a handful of each, so its discussion lives in its own stream, not in a thread.
 */
export const kudosDecider: Decider<KudosCommand, KudosState, KudosEvent> = {
  decide,
  evolve: evolveKudos,
  initialState: initialKudos,
};
