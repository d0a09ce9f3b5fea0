import { applyUpdate } from './document-update';
import { guardVerdict } from './idempotency-guard';

type Document = Record<string, unknown>;

/** What a guarded write to one document needs to be applied in memory. */
export type FoldableWrite = Readonly<{
  kind: Parameters<typeof guardVerdict>[0];
  stamp: Parameters<typeof guardVerdict>[2];
  tenantId: string;
  update: Document;
  upsert: boolean;
}>;

/**
 * What the store's guarded `updateOne` (filter: the key, the tenant and the guard; `upsert` as
 * the write says) would do to this document, done in memory: `document` is changed in place, or
 * created. `owned-by-another-stream` is what the store answers with a duplicate key (an upsert)
 * or silently skips (an update): the caller decides.
 */
export const foldWrite = (
  key: string,
  document: Document | undefined,
  write: FoldableWrite,
):
  | Readonly<{ outcome: 'applied'; document: Document }>
  | Readonly<{ outcome: 'skipped'; document: Document | undefined }>
  | Readonly<{ outcome: 'owned-by-another-stream'; document: Document }> => {
  if (!document) {
    if (!write.upsert) return { outcome: 'skipped', document };
    const created: Document = { _id: key, tenantId: write.tenantId };
    applyUpdate(created, write.update, true);
    return { outcome: 'applied', document: created };
  }
  switch (guardVerdict(write.kind, document, write.stamp)) {
    case 'already-applied':
      return { outcome: 'skipped', document };
    case 'owned-by-another-stream':
      return { outcome: 'owned-by-another-stream', document };
    case 'not-applied':
      applyUpdate(document, write.update, false);
      return { outcome: 'applied', document };
  }
};
