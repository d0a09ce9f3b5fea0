import { assertNever } from '@rhythm/event-sourcing';

/**
 * The kinds of owner an objective has (the goals topic's `owner.kind`), and the units among them.
 * Structural, so each service passes its own domain's types.
 */
export type OwnerKind = 'company' | 'tribe' | 'squad' | 'chapter' | 'guild' | 'person';
export type Owner = Readonly<{ kind: OwnerKind; id: string }>;
export type Unit = Readonly<{ kind: Exclude<OwnerKind, 'person'>; id: string }>;
export type Visibility = 'public' | 'private';

/** What a service's org directory knows of the person looking (see `@rhythm/org-directory`). */
export type ViewerRecord = Readonly<{
  status: 'active' | 'left';
  squadId?: string;
  chapterId?: string;
  leads: readonly Unit[];
}>;

/**
 * Who is looking, with what the org directory knows of them now. Built from the token (person,
 * admin role) and the directory (memberships, the units they lead); never from the request.
 */
export type Viewer = Readonly<{
  personId: string;
  isAdmin: boolean;
  /** Memberships only the unit's lead or an admin grants (org ADR 0010). */
  squadId?: string;
  chapterId?: string;
  leads: readonly Unit[];
}>;

export const viewerOf = (
  personId: string,
  roles: readonly string[],
  person: ViewerRecord | undefined,
): Viewer => {
  // A person who left keeps no membership and leads nothing (the directory says so too).
  const present = person?.status === 'active' ? person : undefined;
  return {
    personId,
    isAdmin: roles.includes('admin'),
    ...(present?.squadId === undefined ? {} : { squadId: present.squadId }),
    ...(present?.chapterId === undefined ? {} : { chapterId: present.chapterId }),
    leads: present?.leads ?? [],
  };
};

/** What the rule needs to know of an objective. */
export type VisibilitySubject = Readonly<{
  visibility: Visibility;
  owner: Owner;
  /** People its lead (or an admin) listed: a person never lists themselves on a private one. */
  contributors: readonly string[];
  /** People accountable for one of its key results, named by its lead or an approved proposal. */
  keyResultOwners: readonly string[];
}>;

const leadsUnit = (viewer: Viewer, unit: Owner): boolean =>
  viewer.leads.some((led) => led.kind === unit.kind && led.id === unit.id);

/** Squads and chapters belong to a tribe: the unit above them. */
const belongsToTribe = (owner: Owner): boolean =>
  owner.kind === 'squad' || owner.kind === 'chapter';

/**
 * The owner itself, its lead, or a member whose membership the unit's own lead granted: a squad's
 * or a chapter's. Not a guild's members (anyone joins a guild), not a tribe's (its squads' product
 * owners add them), not the company's (everyone).
 */
const isOwnerOrLeadOrTeam = (viewer: Viewer, owner: Owner): boolean => {
  switch (owner.kind) {
    case 'person':
      return owner.id === viewer.personId;
    case 'squad':
      return viewer.squadId === owner.id || leadsUnit(viewer, owner);
    case 'chapter':
      return viewer.chapterId === owner.id || leadsUnit(viewer, owner);
    case 'company':
    case 'tribe':
    case 'guild':
      return leadsUnit(viewer, owner);
    default:
      return assertNever(owner.kind);
  }
};

/**
 * The one rule of who sees an objective (docs/security.md, "Who may see an objective"). Public:
 * everyone in the organisation (every read is tenant-scoped already). Private: admins; the person
 * who owns it; the lead of the owning unit and of the unit above it (a squad's or chapter's
 * tribe: pass `ownerTribeId`, see `asksOwnerTribe`); the members of an owning squad or chapter;
 * the contributors and key result owners its lead listed. Nothing a person does alone grants it.
 */
export const mayView = (
  viewer: Viewer,
  subject: VisibilitySubject,
  ownerTribeId?: string,
): boolean => {
  switch (subject.visibility) {
    case 'public':
      return true;
    case 'private':
      return (
        viewer.isAdmin ||
        isOwnerOrLeadOrTeam(viewer, subject.owner) ||
        subject.contributors.includes(viewer.personId) ||
        subject.keyResultOwners.includes(viewer.personId) ||
        (belongsToTribe(subject.owner) &&
          ownerTribeId !== undefined &&
          leadsUnit(viewer, { kind: 'tribe', id: ownerTribeId }))
      );
    default:
      return assertNever(subject.visibility);
  }
};

/**
 * Whether the answer may depend on the tribe of the owning squad or chapter: only for a tribe lead
 * who sees the objective by no other rule. Only then does the gate ask the directory.
 */
export const asksOwnerTribe = (viewer: Viewer, subject: VisibilitySubject): boolean =>
  belongsToTribe(subject.owner) &&
  viewer.leads.some((unit) => unit.kind === 'tribe') &&
  !mayView(viewer, subject);

/** The subject of a domain Objective (or anything shaped like it). */
export const subjectOf = (
  objective: Readonly<{
    visibility: Visibility;
    owner: Owner;
    contributors: readonly string[];
    keyResults: readonly Readonly<{ owner: string }>[];
  }>,
): VisibilitySubject => ({
  visibility: objective.visibility,
  owner: objective.owner,
  contributors: objective.contributors,
  keyResultOwners: objective.keyResults.map((keyResult) => keyResult.owner),
});

/**
 * A proposed objective is as visible as the objective it would become, with no one listed on it
 * yet (the key result owners a proposer drafts are granted nothing until the lead approves).
 */
export const subjectOfProposedObjective = (
  unit: Unit,
  visibility: Visibility,
): VisibilitySubject => ({ visibility, owner: unit, contributors: [], keyResultOwners: [] });
