import type { Actor, OrganisationStanding, PersonStanding } from '../org-facts';

export type FormGuild = Readonly<{
  type: 'FormGuild';
  guildId: string;
  name: string;
  interest: string;
  organisation: OrganisationStanding;
  actor: Actor;
}>;

export type RenameGuild = Readonly<{
  type: 'RenameGuild';
  guildId: string;
  name: string;
  actor: Actor;
}>;

export type AddGuildCoordinator = Readonly<{
  type: 'AddGuildCoordinator';
  guildId: string;
  personId: string;
  person: PersonStanding;
  actor: Actor;
}>;

export type RemoveGuildCoordinator = Readonly<{
  type: 'RemoveGuildCoordinator';
  guildId: string;
  personId: string;
  actor: Actor;
}>;

export type DissolveGuild = Readonly<{
  type: 'DissolveGuild';
  guildId: string;
  reason: string;
  actor: Actor;
}>;

export type GuildCommand =
  FormGuild | RenameGuild | AddGuildCoordinator | RemoveGuildCoordinator | DissolveGuild;
