import { assertNever } from '@rhythm/event-sourcing';
import type { Owner, Unit, Visibility } from '@rhythm/goals-domain';
import type { DirectoryPerson } from '../org-directory.port';

/**
 * Who is reading, with what the org directory knows of them now. Built from the token (person,
 * admin role) and the directory (memberships, the units they lead); never from the request.
 */
export type Viewer = Readonly<{
  personId: string;
  isAdmin: boolean;
  squadId?: string;
  chapterId?: string;
  /** Tribes of the viewer's squad and chapter. */
  tribeIds: readonly string[];
  guildIds: readonly string[];
  leads: readonly Unit[];
}>;

export const viewerOf = (
  personId: string,
  roles: readonly string[],
  person: DirectoryPerson | undefined,
): Viewer => ({
  personId,
  isAdmin: roles.includes('admin'),
  ...(person?.squadId === undefined ? {} : { squadId: person.squadId }),
  ...(person?.chapterId === undefined ? {} : { chapterId: person.chapterId }),
  tribeIds: person?.tribeIds ?? [],
  guildIds: person?.guildIds ?? [],
  leads: person?.leads ?? [],
});

/** What the policy needs to know of an objective. */
export type VisibilitySubject = Readonly<{
  visibility: Visibility;
  owner: Owner;
  contributors: readonly string[];
  /** People accountable for one of its key results. */
  keyResultOwners: readonly string[];
}>;

const leads = (viewer: Viewer, owner: Owner): boolean =>
  viewer.leads.some((unit) => unit.kind === owner.kind && unit.id === owner.id);

/**
 * Members of the owning unit. A tribe's members are the people of its squads and chapters. For
 * the company every person is a member, which would make "private" mean nothing: a private
 * company objective is for the company's leads (executives) and admins only.
 */
const isMemberOf = (viewer: Viewer, owner: Owner): boolean => {
  switch (owner.kind) {
    case 'company':
      return false;
    case 'tribe':
      return viewer.tribeIds.includes(owner.id);
    case 'squad':
      return viewer.squadId === owner.id;
    case 'chapter':
      return viewer.chapterId === owner.id;
    case 'guild':
      return viewer.guildIds.includes(owner.id);
    case 'person':
      return viewer.personId === owner.id;
    default:
      return assertNever(owner.kind);
  }
};

/**
 * The one visibility rule of every goals query. Public objectives are visible to everyone in the
 * organisation (queries are tenant-scoped already). A private objective is visible to admins,
 * the owner (the person, or the owning unit's members and leads; a tribe's lead and the members
 * of its squads and chapters), its contributors and the owners of its key results.
 */
export const mayView = (viewer: Viewer, subject: VisibilitySubject): boolean => {
  switch (subject.visibility) {
    case 'public':
      return true;
    case 'private':
      return (
        viewer.isAdmin ||
        leads(viewer, subject.owner) ||
        isMemberOf(viewer, subject.owner) ||
        subject.contributors.includes(viewer.personId) ||
        subject.keyResultOwners.includes(viewer.personId)
      );
    default:
      return assertNever(subject.visibility);
  }
};

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
 * A proposal is as visible as what it would become: a proposed objective by its draft's
 * visibility for the unit, a proposed key result as the objective it is for. The proposer always
 * sees their own proposal.
 */
export const mayViewProposal = (
  viewer: Viewer,
  proposal: Readonly<{ unit: Unit; proposer: string; visibility: Visibility }>,
): boolean =>
  viewer.personId === proposal.proposer ||
  mayView(viewer, {
    visibility: proposal.visibility,
    owner: proposal.unit,
    contributors: [],
    keyResultOwners: [],
  });
