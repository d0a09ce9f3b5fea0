import { assertNever } from '@rhythm/event-sourcing';
import type { KudosGiven, KudosEvent } from './kudos.events';
import type { KudosReaction } from './kudos-reaction';

export type GivenReaction = Readonly<{ reaction: KudosReaction; personId: string }>;

export type Kudos = KudosGiven['data'] &
  Readonly<{
    status: 'given' | 'withdrawn';
    reactions: readonly GivenReaction[];
    commentIds: readonly string[];
  }>;

export type KudosState = Readonly<{ status: 'none' }> | Kudos;

export const initialKudos = (): KudosState => ({ status: 'none' });

export const hasReacted = (kudos: Kudos, reaction: KudosReaction, personId: string): boolean =>
  kudos.reactions.some((given) => given.reaction === reaction && given.personId === personId);

export const evolveKudos = (state: KudosState, event: KudosEvent): KudosState => {
  if (event.type === 'KudosGiven') {
    return { ...event.data, status: 'given', reactions: [], commentIds: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'KudosReactionAdded':
      return {
        ...state,
        reactions: [
          ...state.reactions,
          { reaction: event.data.reaction, personId: event.data.addedBy },
        ],
      };
    case 'KudosReactionRemoved': {
      const { reaction, removedBy } = event.data;
      return {
        ...state,
        reactions: state.reactions.filter(
          (given) => !(given.reaction === reaction && given.personId === removedBy),
        ),
      };
    }
    case 'KudosCommented':
      return { ...state, commentIds: [...state.commentIds, event.data.commentId] };
    case 'KudosWithdrawn':
      // The words leave with it; who gave it to whom stays, for a retry's answer.
      return { ...state, status: 'withdrawn', message: '', reactions: [] };
    default:
      return assertNever(event);
  }
};
