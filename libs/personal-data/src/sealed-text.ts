import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A personal text as the event store keeps it: AES-256-GCM under the data key of the person it is
 * about (`sealedFor`). Self-describing, so that a reader needs no event-type knowledge to open it,
 * and an object, so that it can never be mistaken for a plain text recorded before sealing began.
 */
export type SealedText = Readonly<{ sealedFor: string; aes256gcm: string }>;

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 2 &&
  typeof (value as SealedText).sealedFor === 'string' &&
  typeof (value as SealedText).aes256gcm === 'string';

const algorithm = 'aes-256-gcm';
/** 96-bit random nonces: one key seals a person's few texts, far below GCM's 2^32 bound. */
const ivBytes = 12;
const tagBytes = 16;
export const keyBytes = 32;

export const newDataKey = (): Buffer => randomBytes(keyBytes);

/**
 * What a sealed text is bound to (authenticated, not encrypted): its tenant, its person and where
 * it sits. Moved to another person, field or tenant, it no longer opens.
 */
export type SealContext = Readonly<{ tenantId: string; subjectId: string; field: string }>;

const additionalData = ({ tenantId, subjectId, field }: SealContext): Buffer =>
  Buffer.from(JSON.stringify([tenantId, subjectId, field]), 'utf8');

/** iv ‖ tag ‖ ciphertext. */
export const sealBytes = (key: Buffer, plain: Buffer, context: SealContext): Buffer => {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagBytes });
  cipher.setAAD(additionalData(context));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
};

/** Throws when the key, the context or a single bit of the sealed bytes is not the original. */
export const openBytes = (key: Buffer, sealed: Buffer, context: SealContext): Buffer => {
  if (sealed.length < ivBytes + tagBytes) throw new Error('Sealed data too short');
  const decipher = createDecipheriv(algorithm, key, sealed.subarray(0, ivBytes), {
    authTagLength: tagBytes,
  });
  decipher.setAAD(additionalData(context));
  decipher.setAuthTag(sealed.subarray(ivBytes, ivBytes + tagBytes));
  return Buffer.concat([decipher.update(sealed.subarray(ivBytes + tagBytes)), decipher.final()]);
};

export const sealText = (key: Buffer, text: string, context: SealContext): SealedText => ({
  sealedFor: context.subjectId,
  aes256gcm: sealBytes(key, Buffer.from(text, 'utf8'), context).toString('base64'),
});

export const openText = (key: Buffer, sealed: SealedText, context: SealContext): string =>
  openBytes(key, Buffer.from(sealed.aes256gcm, 'base64'), context).toString('utf8');
