import type { OrganisationStanding, PersonStanding } from '../org-facts';

export type FormGuild = Readonly<{
  type: 'FormGuild';
  guildId: string;
  name: string;
  interest: string;
  organisation: OrganisationStanding;
}>;

export type RenameGuild = Readonly<{ type: 'RenameGuild'; guildId: string; name: string }>;

export type AddGuildCoordinator = Readonly<{
  type: 'AddGuildCoordinator';
  guildId: string;
  personId: string;
  person: PersonStanding;
}>;

export type RemoveGuildCoordinator = Readonly<{
  type: 'RemoveGuildCoordinator';
  guildId: string;
  personId: string;
}>;

export type DissolveGuild = Readonly<{ type: 'DissolveGuild'; guildId: string; reason: string }>;

export type GuildCommand =
  FormGuild | RenameGuild | AddGuildCoordinator | RemoveGuildCoordinator | DissolveGuild;
