import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { BlindIndex, FieldCipher } from '../src/shared/crypto.ts';
import { createServices } from '../src/services.ts';
import { makeCitizenCode } from '../src/modules/identity/codes/index.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runCli } from './helpers/cli.ts';

const OLD_KEY = Buffer.alloc(32, 9);
const NEW_KEY = Buffer.alloc(32, 10);

describeEachDatabase('field key rotation', (get) => {
  it('re-encrypts every citizen code under the new key while all stay readable', async () => {
    const { services, database, clock, keys } = get();
    const codes = Array.from({ length: 30 }, (_, i) => makeCitizenCode('419001', '1991-11-11', 200 + i));
    await services.identity.registerPersons({ actor: null }, codes.map((code, i) => ({ code, name: `旋转${i}` })));

    const rotated = createServices(database, clock, { ...keys, fieldCipher: new FieldCipher(NEW_KEY, 2, { 1: OLD_KEY }) });
    expect(await rotated.identity.countPersonsUnderOldKeys()).toBe(30);
    // Mid-rotation: old rows read fine.
    expect((await rotated.identity.findPersonByCode({ actor: null, purpose: 't' }, codes[0]!)).code).toBe(codes[0]);
    expect(await rotated.identity.reencryptStaleCodes({ actor: null }, 12)).toEqual({ reencrypted: 12, remaining: 18 });
    expect(await rotated.identity.reencryptStaleCodes({ actor: null }, 100)).toEqual({ reencrypted: 18, remaining: 0 });

    const rows = await database.db.selectFrom('persons').select('codeCipher').execute();
    expect(rows.every((r) => r.codeCipher.startsWith('v2:'))).toBe(true);
    // Once done, the old key is no longer needed.
    const newOnly = createServices(database, clock, { blindIndex: new BlindIndex(Buffer.alloc(32, 7)), fieldCipher: new FieldCipher(NEW_KEY, 2), signing: keys.signing });
    for (const code of codes) expect((await newOnly.identity.findPersonByCode({ actor: null, purpose: 't' }, code)).code).toBe(code);
  });
});

it('rotates file-managed keys with the CLI and re-encrypts with `chengxin keys reencrypt`', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chengxin-rotate-'));
  const env = { DATA_DIR: dataDir, CHENGXIN_DEMO: 'false' };
  const code = makeCitizenCode('419001', '1970-01-01', 1);
  // The first runtime on this data directory generates keys.json.
  expect((await runCli(['migrate'], env)).code).toBe(0);
  const { openRuntime } = await import('../src/runtime.ts');
  const { loadConfig } = await import('../src/config/index.ts');
  const runtime = await openRuntime(loadConfig(env), (await import('pino')).default({ level: 'silent' }));
  await runtime.services.identity.registerPerson({ actor: null }, { code, name: '甲*' });
  await runtime.close();

  const rotate = await runCli(['keys', 'rotate-field-key'], env);
  expect(rotate.code, rotate.stderr).toBe(0);
  expect(Object.keys((JSON.parse(readFileSync(path.join(dataDir, 'keys.json'), 'utf8')) as { fieldKeys: object }).fieldKeys)).toEqual(['1', '2']);
  const reencrypt = await runCli(['keys', 'reencrypt', '--json'], env);
  expect(reencrypt.code, reencrypt.stderr).toBe(0);
  expect(JSON.parse(reencrypt.stdout)).toEqual({ reencrypted: 1, twoFactorSecrets: 0, remaining: 0 });
});
