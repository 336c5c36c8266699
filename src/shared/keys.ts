import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { BlindIndex, FieldCipher } from './crypto.ts';

export interface PlatformKeys {
  blindIndex: BlindIndex;
  fieldCipher: FieldCipher;
}

interface KeyFile {
  blindIndexKey: string;
  fieldKey: string;
  createdAt: string;
}

/**
 * Keys come from configuration. On a first start without them we generate a key file under
 * the data directory (mode 0600) and warn: fine for a demo, but production keeps keys outside
 * the database host's data directory.
 */
export function loadPlatformKeys(
  configured: { blindIndexKeyHex: string | undefined; fieldKeyHex: string | undefined; dataDir: string },
  log: Pick<Logger, 'warn'>,
): PlatformKeys {
  let blindHex = configured.blindIndexKeyHex;
  let fieldHex = configured.fieldKeyHex;
  if (!blindHex || !fieldHex) {
    const file = path.join(configured.dataDir, 'keys.json');
    let stored: KeyFile;
    if (existsSync(file)) {
      stored = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
    } else {
      mkdirSync(configured.dataDir, { recursive: true });
      stored = {
        blindIndexKey: randomBytes(32).toString('hex'),
        fieldKey: randomBytes(32).toString('hex'),
        createdAt: new Date().toISOString(),
      };
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: 'wx' });
      log.warn(
        { file },
        'generated CHENGXIN_BLIND_INDEX_KEY / CHENGXIN_FIELD_KEY under the data directory; set them in the environment for production (已在数据目录生成密钥，生产环境请通过环境变量配置)',
      );
    }
    blindHex ??= stored.blindIndexKey;
    fieldHex ??= stored.fieldKey;
  }
  return {
    blindIndex: new BlindIndex(Buffer.from(blindHex, 'hex')),
    fieldCipher: new FieldCipher(Buffer.from(fieldHex, 'hex')),
  };
}
