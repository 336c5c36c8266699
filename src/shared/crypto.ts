import { pooledRandomBytes } from './random.ts';
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

interface FieldKey {
  encKey: Buffer;
  macKey: Buffer;
}

function fieldKey(master: Uint8Array): FieldKey {
  return { encKey: deriveKey(master, 'field-sm4', 16), macKey: deriveKey(master, 'field-mac', 32) };
}

/**
 * SM4-CTR + HMAC-SM3 field cipher. Output: `v<keyVersion>:<base64(iv | ciphertext | tag)>`.
 * It encrypts with the current key version and decrypts any version it holds, so a key rotation
 * re-encrypts rows in the background while every row stays readable.
 */
export class FieldCipher {
  private readonly keys = new Map<number, FieldKey>();
  constructor(
    currentMasterKey: Uint8Array,
    readonly keyVersion = 1,
    previousMasterKeys: Record<number, Uint8Array> = {},
  ) {
    for (const [version, master] of Object.entries(previousMasterKeys)) this.keys.set(Number(version), fieldKey(master));
    this.keys.set(keyVersion, fieldKey(currentMasterKey));
  }

  encrypt(plaintext: string): string {
    const { encKey, macKey } = this.keys.get(this.keyVersion)!;
    const iv = pooledRandomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-ctr', encKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const prefix = `v${this.keyVersion}`;
    const tag = hmacSm3(macKey, Buffer.concat([Buffer.from(prefix), iv, body]));
    return `${prefix}:${Buffer.concat([iv, body, tag]).toString('base64')}`;
  }

  /** The key version a sealed value was encrypted under. */
  versionOf(sealed: string): number {
    const match = /^v(\d+):/.exec(sealed);
    return match ? Number(match[1]) : NaN;
  }

  isCurrent(sealed: string): boolean {
    return this.versionOf(sealed) === this.keyVersion;
  }

  decrypt(sealed: string): string {
    const version = this.versionOf(sealed);
    const key = this.keys.get(version);
    if (!key) throw new FieldDecryptionError(`unknown key version "${sealed.slice(0, sealed.indexOf(':'))}"`);
    const prefix = `v${version}`;
    const raw = Buffer.from(sealed.slice(prefix.length + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new FieldDecryptionError('too short');
    const iv = raw.subarray(0, IV_BYTES);
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const expected = hmacSm3(key.macKey, Buffer.concat([Buffer.from(prefix), iv, body]));
    if (!timingSafeEqual(tag, expected)) throw new FieldDecryptionError('integrity tag mismatch');
    const decipher = createDecipheriv('sm4-ctr', key.encKey, iv);
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
