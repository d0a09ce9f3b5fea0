import type { DirectoryPerson, DirectoryUnit, OwnerLabel } from '@rhythm/org-directory';
import type { Actor, Owner, Unit } from '../goals-domain';

/**
 * What the goals service knows of the organisation: its own read model of the org topic
 * (never the org service's store or API), `@rhythm/org-directory` wired in `org-directory/`.
 */
export type { DirectoryPerson, DirectoryUnit, OwnerLabel };

export interface OrgDirectory {
  person(tenantId: string, personId: string): Promise<DirectoryPerson | undefined>;
  unit(tenantId: string, unit: Unit): Promise<DirectoryUnit | undefined>;
  /**
   * Labels of many units and people in one round trip each, for trees and lists: the ones the
   * directory knows (formed units, dissolved ones too; people who joined), and the company by
   * the organisation's name once it is established.
   */
  labelsOf(tenantId: string, owners: readonly Owner[]): Promise<OwnerLabel[]>;
  /** The owner exists and is active; the company's id is the organisation (tenant) id. */
  ownerExists(tenantId: string, owner: Owner): Promise<boolean>;
  /**
   * Org events arrive asynchronously: waits up to `withinMs` for an owner the directory has not
   * seen yet before answering false.
   */
  awaitOwner(tenantId: string, owner: Owner, withinMs: number): Promise<boolean>;
  /** The actor of a command: the units they lead and whether the token makes them an admin. */
  actorFor(tenantId: string, personId: string, roles: readonly string[]): Promise<Actor>;
}

/** Nest injection token of the OrgDirectory port. */
export const ORG_DIRECTORY = Symbol('OrgDirectory');
