/** A person of a tenant: whose data a key seals. */
export type Subject = Readonly<{ tenantId: string; subjectId: string }>;

/** One string per subject, for maps and sets. */
export const subjectKey = ({ tenantId, subjectId }: Subject): string =>
  JSON.stringify([tenantId, subjectId]);

/** A person's data key, or the fact that they were erased (their key is gone for good). */
export type DataKey = Readonly<{ status: 'active'; key: Buffer }> | Readonly<{ status: 'erased' }>;

/** As `DataKey`, and `unknown` for someone nothing was ever sealed for. */
export type DataKeyLookup = DataKey | Readonly<{ status: 'unknown' }>;

/**
 * The key table: one data key per person of a tenant (the subject), and a record of every
 * erasure. Crypto-shredding: destroying a key makes everything sealed under it unreadable, while
 * the events that hold it stay as they were recorded.
 */
export interface PersonalDataKeys {
  /** The subject's data key, made on first use; `erased` once erased: no key is ever made again. */
  keyFor(tenantId: string, subjectId: string): Promise<DataKey>;

  /** The subject's key as it stands now; never makes one. */
  lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup>;

  /** Several subjects' keys in one go (a page of events to open), keyed by `subjectKey`. */
  lookupMany(subjects: readonly Subject[]): Promise<ReadonlyMap<string, DataKeyLookup>>;

  /** Records the erasure and destroys the key, together; repeating it changes nothing. */
  erase(tenantId: string, subjectId: string, at: Date): Promise<void>;

  close(): Promise<void>;
}
