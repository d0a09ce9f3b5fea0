import { NotFound } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { AmbitionLink, AmbitionUnlinked } from './ambition.events';
import { assertOwnAmbitions, existingAmbition } from './ambition.rules';
import type { Ambitions } from './ambition.state';
import { sameLink } from './ambition.state';

export type UnlinkAmbition = Command<
  'UnlinkAmbition',
  { personId: string; ambitionId: string; link: AmbitionLink }
>;

export const unlinkAmbition = (command: UnlinkAmbition, state: Ambitions): AmbitionUnlinked[] => {
  const { data } = command;
  assertOwnAmbitions(command.actor, data.personId);
  const ambition = existingAmbition(state, data.ambitionId);
  const link = ambition.links.find((existing) => sameLink(existing, data.link));
  if (link === undefined) throw new NotFound('The ambition is not linked to it');
  return [
    {
      type: 'AmbitionUnlinked',
      data: { personId: data.personId, ambitionId: ambition.ambitionId, link },
    },
  ];
};
