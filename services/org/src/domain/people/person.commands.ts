import type { Actor, OrganisationStanding, UnitFactsById } from '../org-facts';

export type JoinOrganisation = Readonly<{
  type: 'JoinOrganisation';
  personId: string;
  name: string;
  email: string;
  organisation: OrganisationStanding;
  actor: Actor;
}>;

export type UpdatePersonProfile = Readonly<{
  type: 'UpdatePersonProfile';
  personId: string;
  name: string;
  email: string;
  actor: Actor;
}>;

/**
 * `units` holds the facts about every unit named by the command and every unit the person is a
 * member of: the handler reads them from those units' streams (ADR 0010).
 */
export type LeaveOrganisation = Readonly<{
  type: 'LeaveOrganisation';
  personId: string;
  reason: string;
  units: UnitFactsById;
  actor: Actor;
}>;

/**
 * Erases the person's personal data (ADR 0034); a person still in the organisation leaves it in
 * the same change. `units`: as for LeaveOrganisation.
 */
export type ErasePersonalData = Readonly<{
  type: 'ErasePersonalData';
  personId: string;
  units: UnitFactsById;
  actor: Actor;
}>;

type MembershipCommand<Type extends string, UnitKey extends string> = Readonly<
  { type: Type; personId: string; units: UnitFactsById; actor: Actor } & Record<UnitKey, string>
>;

/**
 * Joining while in another squad moves the person: it takes them out of that squad (and of their
 * chapter, when the new squad is in another tribe), which needs the powers to remove them too.
 */
export type JoinSquad = MembershipCommand<'JoinSquad', 'squadId'>;
export type LeaveSquad = MembershipCommand<'LeaveSquad', 'squadId'>;
export type JoinChapter = MembershipCommand<'JoinChapter', 'chapterId'>;
export type LeaveChapter = MembershipCommand<'LeaveChapter', 'chapterId'>;
export type JoinGuild = MembershipCommand<'JoinGuild', 'guildId'>;
export type LeaveGuild = MembershipCommand<'LeaveGuild', 'guildId'>;

export type PersonCommand =
  | JoinOrganisation
  | UpdatePersonProfile
  | LeaveOrganisation
  | ErasePersonalData
  | JoinSquad
  | LeaveSquad
  | JoinChapter
  | LeaveChapter
  | JoinGuild
  | LeaveGuild;
