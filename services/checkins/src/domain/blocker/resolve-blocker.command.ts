import { Forbidden, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { BlockerResolved } from './blocker.events';
import { assertOpen, existingBlocker } from './blocker.rules';
import type { BlockerState } from './blocker.state';

export type ResolveBlocker = Command<
  'ResolveBlocker',
  { blockerId: string; note: string; at: string },
  { visible: boolean }
>;

/**
 * Resolved with a note by whoever owns it now, any lead who owned it before, or the one who raised
 * it (the obstacle may simply have gone). Resolved is final: a new obstacle is a new blocker.
 */
export const resolveBlocker = (command: ResolveBlocker, state: BlockerState): BlockerResolved[] => {
  const { data, actor } = command;
  const blocker = existingBlocker(state, data.blockerId, command.facts.visible);
  const owners = blocker.owners.flatMap((ownership) => ownership.ownerIds);
  if (actor.personId !== blocker.raisedBy && !owners.includes(actor.personId)) {
    throw new Forbidden(
      `Only the one who raised blocker ${blocker.blockerId} or a lead it was routed to can resolve it`,
    );
  }
  rejectInvalid({ note: textProblem(data.note, limits.resolution), at: instantProblem(data.at) });
  assertOpen(blocker, 'resolve it');
  return [
    {
      type: 'BlockerResolved',
      data: {
        blockerId: blocker.blockerId,
        target: blocker.target,
        raisedBy: blocker.raisedBy,
        resolvedBy: actor.personId,
        note: clean(data.note),
        resolvedAt: utc(data.at),
      },
    },
  ];
};
