import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { KudosReactionAdded } from './kudos.events';
import { assertGiven, assertPerson, existingKudos } from './kudos.rules';
import type { KudosState } from './kudos.state';
import { hasReacted } from './kudos.state';
import type { KudosReaction } from './kudos-reaction';
import { kudosReactionProblem } from './kudos-reaction';

export type ReactToKudos = Command<
  'ReactToKudos',
  { kudosId: string; reaction: KudosReaction; at: string },
  { visible: boolean }
>;

/** Anyone who sees the kudos reacts, once of each kind: a second 🎉 adds nothing. */
export const reactToKudos = (command: ReactToKudos, state: KudosState): KudosReactionAdded[] => {
  const { data, actor } = command;
  const kudos = existingKudos(state, data.kudosId, command.facts.visible);
  assertPerson(actor, 'react');
  rejectInvalid({ reaction: kudosReactionProblem(data.reaction), at: instantProblem(data.at) });
  assertGiven(kudos, 'react to it');
  if (hasReacted(kudos, data.reaction, actor.personId)) return [];
  return [
    {
      type: 'KudosReactionAdded',
      data: {
        kudosId: kudos.kudosId,
        reaction: data.reaction,
        addedBy: actor.personId,
        addedAt: utc(data.at),
      },
    },
  ];
};
