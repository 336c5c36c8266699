import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Guomi primitives from Node's OpenSSL (DESIGN.md, decision 6): SM3 hashing, HMAC-SM3 and
 * SM4. OpenSSL 3.0 has no SM4-GCM, so field encryption is SM4-CTR with an HMAC-SM3 tag
 * over key version, IV and ciphertext (encrypt-then-MAC).
 */
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

/** Derives independent sub-keys from one master key, so one configured secret serves several purposes. */
export function deriveKey(master: Uint8Array, purpose: string, length: number): Buffer {
  return hmacSm3(master, `chengxin:${purpose}`).subarray(0, length);
}

/**
 * Deterministic keyed index of a secret value (a citizen code): equal inputs give equal
 * indexes so the database can look them up, but the value cannot be recovered without the key.
 */
export class BlindIndex {
  private readonly key: Buffer;
  constructor(masterKey: Uint8Array) {
    this.key = deriveKey(masterKey, 'blind-index', 32);
  }
  of(value: string): string {
    return hmacSm3(this.key, value).toString('hex');
  }
}

export class FieldDecryptionError extends Error {
  constructor(reason: string) {
    super(`field decryption failed: ${reason}`);
    this.name = 'FieldDecryptionError';
  }
}

const IV_BYTES = 16;
const TAG_BYTES = 32;

/**
 * SM4-CTR + HMAC-SM3 field cipher. Output: `v<keyVersion>:<base64(iv | ciphertext | tag)>`;
 * the version prefix lets a later key rotation re-encrypt in the background.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  constructor(
    masterKey: Uint8Array,
    readonly keyVersion = 1,
  ) {
    this.encKey = deriveKey(masterKey, 'field-sm4', 16);
    this.macKey = deriveKey(masterKey, 'field-mac', 32);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-ctr', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const prefix = `v${this.keyVersion}`;
    const tag = hmacSm3(this.macKey, Buffer.concat([Buffer.from(prefix), iv, body]));
    return `${prefix}:${Buffer.concat([iv, body, tag]).toString('base64')}`;
  }

  decrypt(sealed: string): string {
    const colon = sealed.indexOf(':');
    const prefix = sealed.slice(0, colon);
    if (colon < 0 || prefix !== `v${this.keyVersion}`) throw new FieldDecryptionError(`unknown key version "${prefix}"`);
    const raw = Buffer.from(sealed.slice(colon + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new FieldDecryptionError('too short');
    const iv = raw.subarray(0, IV_BYTES);
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const expected = hmacSm3(this.macKey, Buffer.concat([Buffer.from(prefix), iv, body]));
    if (!timingSafeEqual(tag, expected)) throw new FieldDecryptionError('integrity tag mismatch');
    const decipher = createDecipheriv('sm4-ctr', this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}

/** A random opaque token (session ids, API tokens) and the digest we store instead of it. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenDigest(token: string): string {
  return sm3Hex(token);
}
