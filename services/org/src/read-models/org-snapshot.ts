import type { MembershipKind } from './org-history.projection';

export type SnapshotUnitKind = 'tribe' | 'squad' | 'chapter' | 'guild';

export type SnapshotUnit = Readonly<{
  unitId: string;
  kind: SnapshotUnitKind;
  name: string;
  /** Tribe or squad mission, chapter craft, guild interest. */
  purpose: string;
  /** A squad's tribe at that moment, a chapter's tribe. */
  tribeId: string | null;
  /** Tribe lead, product owner, chapter lead, or the guild coordinators. */
  leadIds: readonly string[];
}>;

/**
 * The organisation at one moment, however it was read: from the current structure or from the
 * history intervals at a date. One shape, one tree builder: "now" and "as of" cannot disagree on
 * how a tree is made.
 */
export type OrgSnapshot = Readonly<{
  organisation: Readonly<{ organisationId: string; name: string }> | null;
  units: readonly SnapshotUnit[];
  /** People in the organisation at that moment: person id → name. */
  people: ReadonlyMap<string, string>;
  memberships: readonly Readonly<{ personId: string; unitId: string; kind: MembershipKind }>[];
}>;
