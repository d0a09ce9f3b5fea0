import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { KudosReactionRemoved } from './kudos.events';
import { assertPerson, existingKudos } from './kudos.rules';
import type { KudosState } from './kudos.state';
import { hasReacted } from './kudos.state';
import type { KudosReaction } from './kudos-reaction';
import { kudosReactionProblem } from './kudos-reaction';

export type RemoveKudosReaction = Command<
  'RemoveKudosReaction',
  { kudosId: string; reaction: KudosReaction; at: string },
  { visible: boolean }
>;

/** One takes back one's own reaction; one never given (or already taken back) changes nothing. */
export const removeKudosReaction = (
  command: RemoveKudosReaction,
  state: KudosState,
): KudosReactionRemoved[] => {
  const { data, actor } = command;
  const kudos = existingKudos(state, data.kudosId, command.facts.visible);
  assertPerson(actor, 'react');
  rejectInvalid({ reaction: kudosReactionProblem(data.reaction), at: instantProblem(data.at) });
  if (!hasReacted(kudos, data.reaction, actor.personId)) return [];
  return [
    {
      type: 'KudosReactionRemoved',
      data: {
        kudosId: kudos.kudosId,
        reaction: data.reaction,
        removedBy: actor.personId,
        removedAt: utc(data.at),
      },
    },
  ];
};
