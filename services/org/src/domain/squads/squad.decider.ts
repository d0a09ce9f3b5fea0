import {
  AlreadyExists,
  NotFound,
  RuleViolated,
  ValidationFailed,
  assertNever,
  type Decider,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import { limits } from '../field-rules';
import { assertMayLead } from '../leadership.rule';
import { assertPower } from '../org-powers';
import { assertActiveUnit } from '../unit-standing.rule';
import type { MoveSquad, SquadCommand } from './squad.commands';
import type { SquadEvent, SquadMoved } from './squad.events';

export type SquadState =
  | Readonly<{ status: 'unknown' }>
  | Readonly<{
      status: 'active';
      squadId: string;
      name: string;
      tribeId: string;
      /** Since when the squad belongs to `tribeId` (ISO). */
      inTribeSince: string;
      productOwnerId: string | null;
    }>
  | Readonly<{ status: 'dissolved'; squadId: string }>;

type ActiveSquad = Extract<SquadState, { status: 'active' }>;

const activeSquad = (state: SquadState, squadId: string): ActiveSquad => {
  if (state.status === 'unknown') throw new NotFound(`Squad ${squadId} not found`);
  if (state.status === 'dissolved') throw new RuleViolated(`Squad ${squadId} is dissolved`);
  return state;
};

/** Who holds powers over the squad: its tribe's lead and its product owner. */
const powersOver = (squad: ActiveSquad, { tribeLeadId }: { tribeLeadId: string | null }) => ({
  'tribe lead': tribeLeadId,
  'product owner': squad.productOwnerId,
});

const move = (command: MoveSquad, squad: ActiveSquad): readonly SquadMoved[] => {
  const staying = command.toTribeId === squad.tribeId;
  if (!staying) assertActiveUnit('Tribe', command.toTribeId, command.toTribe.standing);
  const { actor } = command;
  assertPower(actor, command.type, { 'tribe lead': command.tribeLeadId }, `tribe ${squad.tribeId}`);
  if (!staying) {
    assertPower(
      actor,
      command.type,
      { 'tribe lead': command.toTribe.leadId },
      `tribe ${command.toTribeId}`,
    );
  }
  const effectiveAt = command.effectiveAt ?? command.now;
  if (effectiveAt.getTime() > command.now.getTime()) {
    throw new ValidationFailed('A move cannot take effect in the future', {
      effectiveAt: 'must not be in the future',
    });
  }
  if (effectiveAt.getTime() < Date.parse(squad.inTribeSince)) {
    throw new RuleViolated(
      `Squad ${squad.squadId} belongs to tribe ${squad.tribeId} since ${squad.inTribeSince}; ` +
        'a move cannot take effect before that',
      { effectiveAt: `must not be before ${squad.inTribeSince}` },
    );
  }
  if (staying) return [];
  return [
    {
      type: 'SquadMoved',
      data: {
        squadId: squad.squadId,
        fromTribeId: squad.tribeId,
        toTribeId: command.toTribeId,
        effectiveAt: effectiveAt.toISOString(),
      },
    },
  ];
};

const decide = (command: SquadCommand, state: SquadState): readonly SquadEvent[] => {
  switch (command.type) {
    case 'FormSquad': {
      if (state.status !== 'unknown') throw new AlreadyExists(`Squad ${command.squadId} exists`);
      assertActiveUnit('Tribe', command.tribeId, command.tribe.standing);
      assertPower(
        command.actor,
        command.type,
        { 'tribe lead': command.tribe.leadId },
        `tribe ${command.tribeId}`,
      );
      rejectInvalid({
        name: textProblem(command.name, limits.name),
        mission: textProblem(command.mission, limits.description),
      });
      return [
        {
          type: 'SquadFormed',
          data: {
            squadId: command.squadId,
            tribeId: command.tribeId,
            name: command.name.trim(),
            mission: command.mission.trim(),
            formedAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'RenameSquad': {
      const squad = activeSquad(state, command.squadId);
      assertPower(
        command.actor,
        command.type,
        powersOver(squad, command),
        `squad ${squad.squadId}`,
      );
      rejectInvalid({ name: textProblem(command.name, limits.name) });
      const name = command.name.trim();
      if (name === squad.name) return [];
      return [
        { type: 'SquadRenamed', data: { squadId: squad.squadId, name, previousName: squad.name } },
      ];
    }
    case 'AppointProductOwner': {
      const squad = activeSquad(state, command.squadId);
      assertPower(
        command.actor,
        command.type,
        powersOver(squad, command),
        `squad ${squad.squadId}`,
      );
      assertMayLead(command.personId, command.person, 'product owner');
      if (squad.productOwnerId === command.personId) return [];
      return [
        {
          type: 'ProductOwnerAppointed',
          data: {
            squadId: squad.squadId,
            personId: command.personId,
            previousProductOwnerId: squad.productOwnerId,
          },
        },
      ];
    }
    case 'MoveSquad':
      return move(command, activeSquad(state, command.squadId));
    case 'DissolveSquad': {
      const squad = activeSquad(state, command.squadId);
      assertPower(
        command.actor,
        command.type,
        powersOver(squad, command),
        `squad ${squad.squadId}`,
      );
      rejectInvalid({ reason: textProblem(command.reason, limits.reason) });
      return [
        { type: 'SquadDissolved', data: { squadId: squad.squadId, reason: command.reason.trim() } },
      ];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: SquadState, event: SquadEvent): SquadState => {
  switch (event.type) {
    case 'SquadFormed':
      return {
        status: 'active',
        squadId: event.data.squadId,
        name: event.data.name,
        tribeId: event.data.tribeId,
        inTribeSince: event.data.formedAt,
        productOwnerId: null,
      };
    case 'SquadRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'ProductOwnerAppointed':
      return state.status === 'active' ? { ...state, productOwnerId: event.data.personId } : state;
    case 'SquadMoved':
      return state.status === 'active'
        ? { ...state, tribeId: event.data.toTribeId, inTribeSince: event.data.effectiveAt }
        : state;
    case 'SquadDissolved':
      return { status: 'dissolved', squadId: event.data.squadId };
    default:
      return assertNever(event);
  }
};

export const squadDecider: Decider<SquadCommand, SquadState, SquadEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unknown' }),
};
