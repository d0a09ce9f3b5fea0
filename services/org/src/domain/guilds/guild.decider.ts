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
import type { GuildCommand } from './guild.commands';
import type { GuildEvent } from './guild.events';

export type GuildState =
  | Readonly<{ status: 'unknown' }>
  | Readonly<{
      status: 'active';
      guildId: string;
      name: string;
      coordinatorIds: readonly string[];
    }>
  | Readonly<{ status: 'dissolved'; guildId: string }>;

type ActiveGuild = Extract<GuildState, { status: 'active' }>;

const activeGuild = (state: GuildState, guildId: string): ActiveGuild => {
  if (state.status === 'unknown') throw new NotFound(`Guild ${guildId} not found`);
  if (state.status === 'dissolved') throw new RuleViolated(`Guild ${guildId} is dissolved`);
  return state;
};

const coordinating = (guild: ActiveGuild) => ({ 'guild coordinator': guild.coordinatorIds });

const decide = (command: GuildCommand, state: GuildState): readonly GuildEvent[] => {
  switch (command.type) {
    case 'FormGuild': {
      assertPower(command.actor, command.type, {}, 'the organisation');
      if (state.status !== 'unknown') throw new AlreadyExists(`Guild ${command.guildId} exists`);
      if (command.organisation !== 'established') {
        throw new RuleViolated('The organisation must be established before guilds are formed');
      }
      rejectInvalid({
        name: textProblem(command.name, limits.name),
        interest: textProblem(command.interest, limits.description),
      });
      return [
        {
          type: 'GuildFormed',
          data: {
            guildId: command.guildId,
            name: command.name.trim(),
            interest: command.interest.trim(),
          },
        },
      ];
    }
    case 'RenameGuild': {
      const guild = activeGuild(state, command.guildId);
      assertPower(command.actor, command.type, coordinating(guild), `guild ${guild.guildId}`);
      rejectInvalid({ name: textProblem(command.name, limits.name) });
      const name = command.name.trim();
      if (name === guild.name) return [];
      return [
        { type: 'GuildRenamed', data: { guildId: guild.guildId, name, previousName: guild.name } },
      ];
    }
    case 'AddGuildCoordinator': {
      const guild = activeGuild(state, command.guildId);
      assertPower(command.actor, command.type, coordinating(guild), `guild ${guild.guildId}`);
      if (guild.coordinatorIds.includes(command.personId)) {
        throw new AlreadyExists(`${command.personId} already coordinates guild ${guild.guildId}`);
      }
      assertMayLead(command.personId, command.person, 'guild coordinator');
      return [
        {
          type: 'GuildCoordinatorAdded',
          data: { guildId: guild.guildId, personId: command.personId },
        },
      ];
    }
    case 'RemoveGuildCoordinator': {
      const guild = activeGuild(state, command.guildId);
      assertPower(
        command.actor,
        command.type,
        { 'the person themselves': command.personId },
        `guild ${guild.guildId}`,
      );
      if (!guild.coordinatorIds.includes(command.personId)) {
        throw new NotFound(`${command.personId} does not coordinate guild ${guild.guildId}`);
      }
      return [
        {
          type: 'GuildCoordinatorRemoved',
          data: { guildId: guild.guildId, personId: command.personId },
        },
      ];
    }
    case 'DissolveGuild': {
      const guild = activeGuild(state, command.guildId);
      assertPower(command.actor, command.type, {}, `guild ${guild.guildId}`);
      rejectInvalid({ reason: textProblem(command.reason, limits.reason) });
      return [
        { type: 'GuildDissolved', data: { guildId: guild.guildId, reason: command.reason.trim() } },
      ];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: GuildState, event: GuildEvent): GuildState => {
  switch (event.type) {
    case 'GuildFormed':
      return {
        status: 'active',
        guildId: event.data.guildId,
        name: event.data.name,
        coordinatorIds: [],
      };
    case 'GuildRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'GuildCoordinatorAdded':
      return state.status === 'active'
        ? { ...state, coordinatorIds: [...state.coordinatorIds, event.data.personId] }
        : state;
    case 'GuildCoordinatorRemoved':
      return state.status === 'active'
        ? {
            ...state,
            coordinatorIds: state.coordinatorIds.filter((id) => id !== event.data.personId),
          }
        : state;
    case 'GuildDissolved':
      return { status: 'dissolved', guildId: event.data.guildId };
    default:
      return assertNever(event);
  }
};

export const guildDecider: Decider<GuildCommand, GuildState, GuildEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unknown' }),
};
