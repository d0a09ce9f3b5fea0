/**
 * What the org topic (`rhythm.org.events`) says a service may own or be: the organisation itself
 * (kind company, its id the tenant id), a unit of the Spotify model, or one person. Structural,
 * so a service passes its own domain's owners and units as they are.
 */
export const orgUnitKinds = ['company', 'tribe', 'squad', 'chapter', 'guild'] as const;
export type OrgUnitKind = (typeof orgUnitKinds)[number];
export type OrgSubjectKind = OrgUnitKind | 'person';

/** A unit: the company, a tribe, squad, chapter or guild. */
export type OrgUnit = Readonly<{ kind: OrgUnitKind; id: string }>;

/** A unit or a person: whose stream an org event belongs to, what an objective may be owned by. */
export type OrgSubject = Readonly<{ kind: OrgSubjectKind; id: string }>;

export type DirectoryUnit = Readonly<{
  kind: OrgUnitKind;
  id: string;
  name: string;
  /** Squads and chapters belong to a tribe. */
  tribeId?: string;
  /** Tribe lead, squad product owner, chapter lead, guild coordinators. */
  leadIds: readonly string[];
  memberIds: readonly string[];
  status: 'active' | 'dissolved';
}>;

export type DirectoryPerson = Readonly<{
  personId: string;
  name: string;
  squadId?: string;
  chapterId?: string;
  /** Tribes of the person's squad and chapter. */
  tribeIds: readonly string[];
  guildIds: readonly string[];
  /** Units this person leads today. */
  leads: readonly OrgUnit[];
  status: 'active' | 'left';
}>;

/** What a list or a tree shows of a unit or a person: its name, and a squad's or chapter's tribe. */
export type OwnerLabel = Readonly<{
  kind: OrgSubjectKind;
  id: string;
  name: string;
  tribeId?: string;
}>;
