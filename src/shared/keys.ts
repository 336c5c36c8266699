import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { BlindIndex, FieldCipher, sm3Hex } from './crypto.ts';
import { generateSm2KeyPair, sm2PublicKeyFromPrivate } from './sm2.ts';

/** The SM2 key that signs audit tree heads (and later reports and exchange batches). */
export interface SigningKey {
  privateKey: string;
  publicKey: string;
  /** First 16 hex characters of the SM3 digest of the public key. */
  keyId: string;
}

export interface PlatformKeys {
  blindIndex: BlindIndex;
  fieldCipher: FieldCipher;
  signing: SigningKey;
}

/** `DATA_DIR/keys.json`: generated keys for a platform started without configured ones. */
interface KeyFile {
  blindIndexKey: string;
  /** Field encryption master keys by version; the highest version encrypts. */
  fieldKeys: Record<string, string>;
  signingKey: string;
  createdAt: string;
  /** Written by versions before key rotation existed. */
  fieldKey?: string;
}

export interface KeySettings {
  dataDir: string;
  blindIndexKeyHex: string | undefined;
  fieldKeyHex: string | undefined;
  fieldKeyVersion: number;
  previousFieldKeys: Record<number, string>;
  signingKeyHex: string | undefined;
}

export function keyIdOf(publicKey: string): string {
  return sm3Hex(publicKey).slice(0, 16);
}

export function signingKeyFrom(privateKey: string): SigningKey {
  const publicKey = sm2PublicKeyFromPrivate(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'keys.json');
}

function readKeyFile(file: string): KeyFile | null {
  if (!existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  if (!stored.fieldKeys && stored.fieldKey) stored.fieldKeys = { '1': stored.fieldKey };
  return stored;
}

/** Writes the key file atomically with owner-only permissions. */
export function writeKeyFile(file: string, keys: KeyFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const { fieldKey: _legacy, ...current } = keys;
  writeFileSync(temp, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** Adds a new field-key version to the key file and returns it (key rotation for file-managed keys). */
export function addFieldKeyVersion(dataDir: string): number {
  const file = keyFilePath(dataDir);
  const stored = readKeyFile(file);
  if (!stored) throw new Error(`no key file at ${file}; with keys from the environment, set CHENGXIN_FIELD_KEY, CHENGXIN_FIELD_KEY_VERSION and CHENGXIN_FIELD_KEY_PREVIOUS instead`);
  const next = Math.max(...Object.keys(stored.fieldKeys).map(Number)) + 1;
  stored.fieldKeys[String(next)] = randomBytes(32).toString('hex');
  writeKeyFile(file, stored);
  return next;
}

/**
 * Keys come from configuration. Whatever is not configured is read from, or generated into, the
 * key file under the data directory (mode 0600) with a warning: fine for a demo, but production
 * keeps keys in a secrets store outside the data directory.
 */
export function loadPlatformKeys(settings: KeySettings, log: Pick<Logger, 'warn'>): PlatformKeys {
  const needsFile = !settings.blindIndexKeyHex || !settings.fieldKeyHex || !settings.signingKeyHex;
  let stored: KeyFile | null = null;
  if (needsFile) {
    const file = keyFilePath(settings.dataDir);
    stored = readKeyFile(file);
    let changed = false;
    if (!stored) {
      stored = { blindIndexKey: randomBytes(32).toString('hex'), fieldKeys: { '1': randomBytes(32).toString('hex') }, signingKey: '', createdAt: new Date().toISOString() };
      changed = true;
    }
    if (!stored.signingKey) {
      stored.signingKey = generateSm2KeyPair().privateKey;
      changed = true;
    }
    if (changed) {
      writeKeyFile(file, stored);
      log.warn(
        { file },
        'generated platform keys under the data directory; set CHENGXIN_BLIND_INDEX_KEY, CHENGXIN_FIELD_KEY and CHENGXIN_AUDIT_SIGNING_KEY for production (已在数据目录生成密钥，生产环境请通过环境变量配置)',
      );
    }
  }
  const blindHex = settings.blindIndexKeyHex ?? stored!.blindIndexKey;
  let fieldKeys: Record<number, Buffer>;
  let currentVersion: number;
  if (settings.fieldKeyHex) {
    currentVersion = settings.fieldKeyVersion;
    fieldKeys = Object.fromEntries(Object.entries(settings.previousFieldKeys).map(([v, hex]) => [Number(v), Buffer.from(hex, 'hex')]));
    fieldKeys[currentVersion] = Buffer.from(settings.fieldKeyHex, 'hex');
  } else {
    fieldKeys = Object.fromEntries(Object.entries(stored!.fieldKeys).map(([v, hex]) => [Number(v), Buffer.from(hex, 'hex')]));
    currentVersion = Math.max(...Object.keys(fieldKeys).map(Number));
  }
  const { [currentVersion]: current, ...previous } = fieldKeys;
  return {
    blindIndex: new BlindIndex(Buffer.from(blindHex, 'hex')),
    fieldCipher: new FieldCipher(current!, currentVersion, previous),
    signing: signingKeyFrom(settings.signingKeyHex ?? stored!.signingKey),
  };
}
