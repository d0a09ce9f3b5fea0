import { MasterKey } from './master-key';
import { newDataKey, openText, sealText, type SealContext } from './sealed-text';

const context: SealContext = { tenantId: 'acme', subjectId: 'ann', field: 'name' };

describe('sealed texts (AES-256-GCM)', () => {
  it('opens with the key and the context it was sealed with', () => {
    const key = newDataKey();

    const sealed = sealText(key, 'Ann Smith — Ødegård 👋', context);

    expect(sealed.sealedFor).toBe('ann');
    expect(sealed.aes256gcm).not.toContain('Ann');
    expect(openText(key, sealed, context)).toBe('Ann Smith — Ødegård 👋');
  });

  it('uses a fresh nonce for every text', () => {
    const key = newDataKey();

    expect(sealText(key, 'Ann', context).aes256gcm).not.toBe(
      sealText(key, 'Ann', context).aes256gcm,
    );
  });

  it('does not open with another key, tenant, person or field', () => {
    const key = newDataKey();
    const sealed = sealText(key, 'Ann Smith', context);

    expect(() => openText(newDataKey(), sealed, context)).toThrow();
    expect(() => openText(key, sealed, { ...context, tenantId: 'globex' })).toThrow();
    expect(() => openText(key, sealed, { ...context, subjectId: 'bob' })).toThrow();
    expect(() => openText(key, sealed, { ...context, field: 'email' })).toThrow();
  });
});

describe('MasterKey', () => {
  const masterKey = MasterKey.fromBase64(Buffer.alloc(32, 7).toString('base64'));

  it('wraps a data key for one person of one tenant', () => {
    const dataKey = newDataKey();

    const wrapped = masterKey.wrap(dataKey, 'acme', 'ann');

    expect(wrapped.includes(dataKey)).toBe(false);
    expect(masterKey.unwrap(wrapped, 'acme', 'ann').equals(dataKey)).toBe(true);
    expect(() => masterKey.unwrap(wrapped, 'acme', 'bob')).toThrow();
  });

  it('is named by a fingerprint, and must be 32 bytes', () => {
    expect(masterKey.id).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(MasterKey.fromBase64(Buffer.alloc(32, 7).toString('base64')).id).toBe(masterKey.id);
    expect(() => MasterKey.fromBase64(Buffer.alloc(16).toString('base64'))).toThrow(
      'A master key is 32 bytes in base64; this one is 16',
    );
  });
});
