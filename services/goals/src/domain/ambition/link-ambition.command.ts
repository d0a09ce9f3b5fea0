import { AlreadyExists, NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { AmbitionLink, AmbitionLinked } from './ambition.events';
import { assertOwnAmbitions, existingAmbition, openAmbition } from './ambition.rules';
import type { Ambitions } from './ambition.state';
import { sameLink } from './ambition.state';

export type LinkAmbition = Command<
  'LinkAmbition',
  { personId: string; ambitionId: string; link: AmbitionLink },
  {
    /** The objective (and key result) exist, and the person may see the objective. */
    targetExists: boolean;
    /** The person owns the key result, or one of the objective's, or is listed as contributor. */
    personContributes: boolean;
  }
>;

/** An ambition is linked to OKRs the person contributes to: growth through real work. */
export const linkAmbition = (command: LinkAmbition, state: Ambitions): AmbitionLinked[] => {
  const { data, facts } = command;
  assertOwnAmbitions(command.actor, data.personId);
  existingAmbition(state, data.ambitionId);
  // Before anything about the links: an objective the person may not see (any more) answers as
  // a missing one.
  if (!facts.targetExists) {
    throw new NotFound(
      data.link.kind === 'objective'
        ? `Objective ${data.link.objectiveId} not found`
        : `Key result ${data.link.keyResultId} not found on objective ${data.link.objectiveId}`,
    );
  }
  const ambition = openAmbition(state, data.ambitionId, 'link it');
  if (ambition.links.some((link) => sameLink(link, data.link))) {
    throw new AlreadyExists('The ambition is already linked to it');
  }
  if (!facts.personContributes) {
    throw new RuleViolated(
      'Link ambitions to objectives and key results you contribute to: own a key result or join as a contributor first',
      { link: 'not a contributor' },
    );
  }
  return [
    {
      type: 'AmbitionLinked',
      data: { personId: data.personId, ambitionId: ambition.ambitionId, link: data.link },
    },
  ];
};
