import {
  AlreadyExists,
  NotFound,
  RuleViolated,
  assertNever,
  type Decider,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import { limits } from '../field-rules';
import { assertMayLead } from '../leadership.rule';
import { assertPower } from '../org-powers';
import type { TribeCommand } from './tribe.commands';
import type { TribeEvent } from './tribe.events';

export type TribeState =
  | Readonly<{ status: 'unknown' }>
  | Readonly<{ status: 'active'; tribeId: string; name: string; leadId: string | null }>
  | Readonly<{ status: 'dissolved'; tribeId: string }>;

type ActiveTribe = Extract<TribeState, { status: 'active' }>;

const activeTribe = (state: TribeState, tribeId: string): ActiveTribe => {
  if (state.status === 'unknown') throw new NotFound(`Tribe ${tribeId} not found`);
  if (state.status === 'dissolved') throw new RuleViolated(`Tribe ${tribeId} is dissolved`);
  return state;
};

const decide = (command: TribeCommand, state: TribeState): readonly TribeEvent[] => {
  switch (command.type) {
    case 'FormTribe': {
      assertPower(command.actor, command.type, {}, 'the organisation');
      if (state.status !== 'unknown') throw new AlreadyExists(`Tribe ${command.tribeId} exists`);
      if (command.organisation !== 'established') {
        throw new RuleViolated('The organisation must be established before tribes are formed');
      }
      rejectInvalid({
        name: textProblem(command.name, limits.name),
        mission: textProblem(command.mission, limits.description),
      });
      return [
        {
          type: 'TribeFormed',
          data: {
            tribeId: command.tribeId,
            name: command.name.trim(),
            mission: command.mission.trim(),
          },
        },
      ];
    }
    case 'RenameTribe': {
      const tribe = activeTribe(state, command.tribeId);
      assertPower(
        command.actor,
        command.type,
        { 'tribe lead': tribe.leadId },
        `tribe ${tribe.tribeId}`,
      );
      rejectInvalid({ name: textProblem(command.name, limits.name) });
      const name = command.name.trim();
      if (name === tribe.name) return [];
      return [
        { type: 'TribeRenamed', data: { tribeId: tribe.tribeId, name, previousName: tribe.name } },
      ];
    }
    case 'AppointTribeLead': {
      const tribe = activeTribe(state, command.tribeId);
      assertPower(command.actor, command.type, {}, `tribe ${tribe.tribeId}`);
      assertMayLead(command.personId, command.person, 'tribe lead');
      if (tribe.leadId === command.personId) return [];
      return [
        {
          type: 'TribeLeadAppointed',
          data: {
            tribeId: tribe.tribeId,
            personId: command.personId,
            previousLeadId: tribe.leadId,
          },
        },
      ];
    }
    case 'DissolveTribe': {
      const tribe = activeTribe(state, command.tribeId);
      assertPower(command.actor, command.type, {}, `tribe ${tribe.tribeId}`);
      rejectInvalid({ reason: textProblem(command.reason, limits.reason) });
      if (command.activeSquads > 0 || command.activeChapters > 0) {
        throw new RuleViolated(
          `Tribe ${tribe.tribeId} still has ${command.activeSquads} squad(s) and ` +
            `${command.activeChapters} chapter(s): move or dissolve them first`,
          { tribeId: 'has active squads or chapters' },
        );
      }
      return [
        { type: 'TribeDissolved', data: { tribeId: tribe.tribeId, reason: command.reason.trim() } },
      ];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: TribeState, event: TribeEvent): TribeState => {
  switch (event.type) {
    case 'TribeFormed':
      return { status: 'active', tribeId: event.data.tribeId, name: event.data.name, leadId: null };
    case 'TribeRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'TribeLeadAppointed':
      return state.status === 'active' ? { ...state, leadId: event.data.personId } : state;
    case 'TribeDissolved':
      return { status: 'dissolved', tribeId: event.data.tribeId };
    default:
      return assertNever(event);
  }
};

export const tribeDecider: Decider<TribeCommand, TribeState, TribeEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unknown' }),
};
