import { createHash } from 'node:crypto';
import { keyBytes, openBytes, sealBytes } from './sealed-text';

/**
 * The key that wraps every data key in the key table, given by configuration
 * (PERSONAL_DATA_MASTER_KEY): a copy of the table or a backup of it opens nothing without it.
 * Its id (a fingerprint, not the key) is stored beside each wrapped key, so that a key wrapped by
 * another master key is named as such instead of failing as tampered data.
 */
export class MasterKey {
  readonly id: string;

  private constructor(private readonly key: Buffer) {
    this.id = `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  }

  /** 32 bytes in base64 (`openssl rand -base64 32`). */
  static fromBase64(text: string): MasterKey {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== keyBytes) {
      throw new Error(`A master key is ${keyBytes} bytes in base64; this one is ${key.length}`);
    }
    return new MasterKey(key);
  }

  wrap(dataKey: Buffer, tenantId: string, subjectId: string): Buffer {
    return sealBytes(this.key, dataKey, { tenantId, subjectId, field: 'data-key' });
  }

  unwrap(wrapped: Buffer, tenantId: string, subjectId: string): Buffer {
    return openBytes(this.key, wrapped, { tenantId, subjectId, field: 'data-key' });
  }
}
