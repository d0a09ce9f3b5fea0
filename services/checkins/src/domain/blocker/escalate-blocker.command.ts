import { Forbidden, RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { isSystem } from '../actor';
import type { Unit } from '../goal-facts';
import { instantProblem, utc } from '../input-rules';
import type { BlockerEscalated } from './blocker.events';
import { assertOpen, escalationOf, existingBlocker } from './blocker.rules';
import type { BlockerState } from './blocker.state';

export type EscalateBlocker = Command<
  'EscalateBlocker',
  { blockerId: string; at: string },
  {
    visible: boolean;
    /** The level above the blocker's unit today: its tribe and tribe lead, or its guild's coordinators. */
    above: Readonly<{ unit: Unit; leadIds: readonly string[] }> | 'none';
  }
>;

/**
 * One level up, once: asked by the one who raised it or its owner, or by the scheduler when its
 * `escalateAfter` has passed. A second escalation changes nothing, so a scheduler that ticks
 * again (or catches up after a weekend) escalates no blocker twice.
 */
export const escalateBlocker = (
  command: EscalateBlocker,
  state: BlockerState,
): BlockerEscalated[] => {
  const { data, actor, facts } = command;
  const blocker = existingBlocker(state, data.blockerId, facts.visible);
  const system = isSystem(actor);
  if (
    !system &&
    actor.personId !== blocker.raisedBy &&
    !blocker.ownerIds.includes(actor.personId)
  ) {
    throw new Forbidden(
      `Only the one who raised blocker ${blocker.blockerId} or its lead can escalate it`,
    );
  }
  rejectInvalid({ at: instantProblem(data.at) });
  assertOpen(blocker, 'escalate it');
  if (blocker.escalatedTo !== undefined) return [];
  const level = escalationOf(blocker.unit);
  if (level === undefined || facts.above === 'none' || facts.above.unit.kind !== level) {
    throw new RuleViolated(
      `Cannot escalate blocker ${blocker.blockerId}: nothing above ${blocker.unit.kind} ${blocker.unit.id}`,
      { blocker: 'no level above' },
    );
  }
  const at = utc(data.at);
  if (system && (blocker.escalateAfter === undefined || blocker.escalateAfter > at)) {
    throw new RuleViolated(`Blocker ${blocker.blockerId} has no deadline that passed`, {
      blocker: 'deadline not passed',
    });
  }
  return [
    {
      type: 'BlockerEscalated',
      data: {
        blockerId: blocker.blockerId,
        to: facts.above.unit,
        fromOwnerIds: blocker.ownerIds,
        ownerIds: facts.above.leadIds,
        escalatedBy: actor.personId,
        why: system ? 'deadline' : 'asked',
        escalatedAt: at,
      },
    },
  ];
};
