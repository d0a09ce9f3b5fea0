import {
  AlreadyExists,
  Forbidden,
  identifierProblem,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import type { Problem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { Unit } from '../goal-facts';
import { objectiveNotFound, unitKinds } from '../goal-facts';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { BlockerRaised, BlockerTarget, WaitsOn } from './blocker.events';
import type { BlockerState } from './blocker.state';
import { NotFound } from '@rhythm/event-sourcing';

/**
 * What the directory knows of the goal a blocker is raised on. `no-objective` also for a private
 * objective the caller may not see. `involvedIds`: who may raise one — the key results' owners,
 * contributors, the objective's lead and the members of its owning unit. `unit`: whose lead it
 * is routed to (the owning unit; for a personal objective, the person's squad).
 */
export type BlockerTargetFacts =
  | 'no-objective'
  | 'no-key-result'
  | Readonly<{ involvedIds: readonly string[]; unit: Unit; unitLeadIds: readonly string[] }>;

export type RaiseBlocker = Command<
  'RaiseBlocker',
  {
    blockerId: string;
    target: BlockerTarget;
    description: string;
    waitsOn: WaitsOn;
    checkInId?: string;
    escalateAfter?: string;
    at: string;
  },
  { target: BlockerTargetFacts }
>;

const waitsOnProblem = (waitsOn: WaitsOn): Problem => {
  switch (waitsOn.kind) {
    case 'person':
      return identifierProblem(waitsOn.personId);
    case 'unit':
      return unitKinds.includes(waitsOn.unit.kind) && waitsOn.unit.id.trim() !== ''
        ? undefined
        : `must name a unit (${unitKinds.join(', ')}) and its id`;
    case 'outside':
      return textProblem(waitsOn.name, limits.outsideParty);
    default:
      return 'must be a person, a unit or an outside party';
  }
};

const cleanWaitsOn = (waitsOn: WaitsOn): WaitsOn =>
  waitsOn.kind === 'outside' ? { kind: 'outside', name: clean(waitsOn.name) } : waitsOn;

/** A blocker is raised by one involved in the goal and routed to its unit's lead. */
export const raiseBlocker = (command: RaiseBlocker, state: BlockerState): BlockerRaised[] => {
  const { data, actor, facts } = command;
  if (facts.target === 'no-objective') throw objectiveNotFound(data.target.objectiveId);
  if (facts.target === 'no-key-result' && data.target.kind === 'key-result') {
    throw new NotFound(
      `Key result ${data.target.keyResultId} not found on objective ${data.target.objectiveId}`,
    );
  }
  if (facts.target === 'no-key-result') throw objectiveNotFound(data.target.objectiveId);
  const target = facts.target;
  if (!target.involvedIds.includes(actor.personId)) {
    throw new Forbidden(
      `Only those involved in objective ${data.target.objectiveId} can raise a blocker on it`,
    );
  }
  rejectInvalid({
    description: textProblem(data.description, limits.description),
    waitsOn: waitsOnProblem(data.waitsOn),
    checkInId: data.checkInId === undefined ? undefined : identifierProblem(data.checkInId),
    escalateAfter:
      data.escalateAfter === undefined
        ? undefined
        : (instantProblem(data.escalateAfter) ??
          (Date.parse(data.escalateAfter) > Date.parse(data.at) ? undefined : 'must be after at')),
    at: instantProblem(data.at),
  });
  if (state.status !== 'none') throw new AlreadyExists(`Blocker ${data.blockerId} already exists`);
  return [
    {
      type: 'BlockerRaised',
      data: {
        blockerId: data.blockerId,
        target: data.target,
        description: clean(data.description),
        waitsOn: cleanWaitsOn(data.waitsOn),
        raisedBy: actor.personId,
        ...(data.checkInId === undefined ? {} : { checkInId: data.checkInId }),
        unit: target.unit,
        ownerIds: target.unitLeadIds,
        ...(data.escalateAfter === undefined ? {} : { escalateAfter: utc(data.escalateAfter) }),
        raisedAt: utc(data.at),
      },
    },
  ];
};
