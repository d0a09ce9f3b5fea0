import type { Connection } from 'mongoose';

/** A check-in goals did not take as its key result's value, and why (ADR 0037). */
export type CheckInRefusal = Readonly<{
  tenantId: string;
  /** The integration event's id: one refusal per message, however often it is delivered. */
  eventId: string;
  checkInId: string;
  objectiveId: string;
  keyResultId: string;
  authorId: string;
  value: number;
  /** The kernel's error code: not_found, rule_violated, validation_failed, forbidden. */
  refusal: string;
  reason: string;
  refusedAt: Date;
}>;

/**
 * Check-ins parked with their reason in the goals read store (`check_in_refusals`): an
 * objective abandoned, a key result dropped, a cycle closed since the check-in. No retry could
 * take them, so they do not belong on the dead-letter topic; they stay here for a person to see.
 */
export class CheckInRefusals {
  static readonly collection = 'check_in_refusals';

  constructor(private readonly readStore: Connection) {}

  private get refusals() {
    return this.readStore.collection<CheckInRefusal>(CheckInRefusals.collection);
  }

  async ensureIndexes(): Promise<void> {
    // One refusal per message of a tenant; the list per key result reads by it.
    await this.refusals.createIndex({ tenantId: 1, eventId: 1 }, { unique: true });
    await this.refusals.createIndex({ tenantId: 1, objectiveId: 1, keyResultId: 1 });
  }

  /** Kept once: a redelivery (after a crash before the inbox noted it) changes nothing. */
  async park(refusal: CheckInRefusal): Promise<void> {
    const { tenantId, eventId } = refusal;
    await this.refusals.updateOne(
      { tenantId, eventId },
      { $setOnInsert: refusal },
      { upsert: true },
    );
  }

  of(tenantId: string, keyResultId: string): Promise<CheckInRefusal[]> {
    return this.refusals
      .find({ tenantId, keyResultId }, { projection: { _id: 0 } })
      .sort({ refusedAt: 1 })
      .toArray();
  }
}
