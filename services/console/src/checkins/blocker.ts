import type { UnitRef } from '../org/org-directory';

/** A blocker as the checkins service answers it (`GET /blockers/:id`, an objective's, an agenda's). */
export interface Blocker {
  readonly blockerId: string;
  readonly objectiveId: string;
  readonly target: {
    readonly kind: 'key-result' | 'objective';
    readonly objectiveId: string;
    readonly keyResultId?: string;
  };
  readonly description: string;
  readonly waitsOn: {
    readonly kind: 'person' | 'unit' | 'outside';
    readonly personId?: string;
    readonly unit?: UnitRef;
    readonly name?: string;
  };
  readonly raisedBy: string;
  readonly unit: UnitRef;
  /** Who must act on it now. */
  readonly ownerIds: readonly string[];
  /** Who owned it from when: every lead it was routed to; any of them may still resolve it. */
  readonly owners: readonly { readonly ownerIds: readonly string[]; readonly from: string }[];
  readonly status: 'open' | 'resolved';
  readonly awaitingAcknowledgement: boolean;
  readonly escalatedTo?: UnitRef;
  readonly escalatedAt?: string;
  readonly raisedAt: string;
  readonly firstAcknowledgedAt?: string;
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
  readonly resolution?: string;
}
