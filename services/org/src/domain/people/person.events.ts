import type { Event } from '@rhythm/event-sourcing';

export type PersonJoinedOrganisation = Event<
  'PersonJoinedOrganisation',
  { personId: string; name: string; email: string }
>;

export type PersonProfileUpdated = Event<
  'PersonProfileUpdated',
  { personId: string; name: string; email: string }
>;

/**
 * The person's last event. Their memberships end in explicit events just before it, in the same
 * append (ADR 0010), so no consumer has to infer them.
 */
export type PersonLeftOrganisation = Event<
  'PersonLeftOrganisation',
  { personId: string; reason: string }
>;

/**
 * The person's personal data was erased (GDPR art. 17, ADR 0034): the key their name, e-mail and
 * other personal texts were sealed under is gone, so every event of theirs reads as the
 * placeholders from now on. Holds nothing personal itself. A person still in the organisation
 * left it in the same append, just before.
 */
export type PersonErased = Event<'PersonErased', { personId: string }>;

export type PersonJoinedSquad = Event<'PersonJoinedSquad', { personId: string; squadId: string }>;

/** Leaves one squad and joins another in one step: never in two squads, never in none between. */
export type PersonMovedToSquad = Event<
  'PersonMovedToSquad',
  { personId: string; fromSquadId: string; toSquadId: string }
>;

/** Why a membership ended, when not by the unit's dissolution (which ends them implicitly). */
export type MembershipEndCause = 'requested' | 'left-organisation';

export type PersonLeftSquad = Event<
  'PersonLeftSquad',
  { personId: string; squadId: string; cause: MembershipEndCause }
>;

/** `tribeId` is the chapter's tribe: the "chapters within a tribe" rule is kept on the person. */
export type PersonJoinedChapter = Event<
  'PersonJoinedChapter',
  { personId: string; chapterId: string; tribeId: string }
>;

export type PersonLeftChapter = Event<
  'PersonLeftChapter',
  { personId: string; chapterId: string; cause: MembershipEndCause | 'moved-to-another-tribe' }
>;

export type PersonJoinedGuild = Event<'PersonJoinedGuild', { personId: string; guildId: string }>;

export type PersonLeftGuild = Event<
  'PersonLeftGuild',
  { personId: string; guildId: string; cause: MembershipEndCause }
>;

export type PersonEvent =
  | PersonJoinedOrganisation
  | PersonProfileUpdated
  | PersonLeftOrganisation
  | PersonErased
  | PersonJoinedSquad
  | PersonMovedToSquad
  | PersonLeftSquad
  | PersonJoinedChapter
  | PersonLeftChapter
  | PersonJoinedGuild
  | PersonLeftGuild;
