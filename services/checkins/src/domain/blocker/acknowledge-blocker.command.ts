import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { BlockerAcknowledged } from './blocker.events';
import { assertOpen, assertOwner, existingBlocker } from './blocker.rules';
import type { BlockerState } from './blocker.state';

export type AcknowledgeBlocker = Command<
  'AcknowledgeBlocker',
  { blockerId: string; at: string },
  { visible: boolean }
>;

/** Its owner says they have seen it: the clock of time to acknowledge stops at the first one. */
export const acknowledgeBlocker = (
  command: AcknowledgeBlocker,
  state: BlockerState,
): BlockerAcknowledged[] => {
  const { data, actor } = command;
  const blocker = existingBlocker(state, data.blockerId, command.facts.visible);
  assertOwner(actor, blocker, 'acknowledge it');
  rejectInvalid({ at: instantProblem(data.at) });
  assertOpen(blocker, 'acknowledge it');
  if (blocker.acknowledged) return [];
  return [
    {
      type: 'BlockerAcknowledged',
      data: {
        blockerId: blocker.blockerId,
        acknowledgedBy: actor.personId,
        acknowledgedAt: utc(data.at),
      },
    },
  ];
};
