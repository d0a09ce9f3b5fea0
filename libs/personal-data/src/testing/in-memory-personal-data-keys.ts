import {
  subjectKey,
  type DataKey,
  type DataKeyLookup,
  type PersonalDataKeys,
  type Subject,
} from '../personal-data-keys';
import { newDataKey } from '../sealed-text';

/** The key table in memory, for specs of what sits on it (no database). */
export class InMemoryPersonalDataKeys implements PersonalDataKeys {
  readonly keys = new Map<string, Buffer>();
  readonly erasures = new Map<string, Date>();
  lookups = 0;

  keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    const id = subjectKey({ tenantId, subjectId });
    if (this.erasures.has(id)) return Promise.resolve({ status: 'erased' });
    let key = this.keys.get(id);
    if (!key) this.keys.set(id, (key = newDataKey()));
    return Promise.resolve({ status: 'active', key });
  }

  lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup> {
    this.lookups += 1;
    const id = subjectKey({ tenantId, subjectId });
    if (this.erasures.has(id)) return Promise.resolve({ status: 'erased' });
    const key = this.keys.get(id);
    return Promise.resolve(key ? { status: 'active', key } : { status: 'unknown' });
  }

  lookupMany(subjects: readonly Subject[]): Promise<ReadonlyMap<string, DataKeyLookup>> {
    this.lookups += 1;
    const found = new Map<string, DataKeyLookup>();
    for (const subject of subjects) {
      const id = subjectKey(subject);
      const key = this.keys.get(id);
      found.set(
        id,
        this.erasures.has(id)
          ? { status: 'erased' }
          : key
            ? { status: 'active', key }
            : { status: 'unknown' },
      );
    }
    return Promise.resolve(found);
  }

  erase(tenantId: string, subjectId: string, at: Date): Promise<void> {
    const id = subjectKey({ tenantId, subjectId });
    if (!this.erasures.has(id)) this.erasures.set(id, at);
    this.keys.delete(id);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
