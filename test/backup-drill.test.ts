import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/index.ts';
import { contentDigest, manifestPathFor, type BackupManifest, type VerifyResult } from '../src/db/backup.ts';
import { makeCitizenCode } from '../src/modules/identity/index.ts';
import { createServices } from '../src/services.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runCli } from './helpers/cli.ts';

const DRILL_TIMEOUT = 120_000;

/**
 * The recovery drill (STANDARDS.md "Security baselines": backup with tested recovery): back up
 * the live platform with the CLI, keep working, restore the backup next to it, and show that the
 * restored database is exactly the backup — no more, no less — and that damaged backups are
 * refused without touching anything.
 */
describeEachDatabase('backup and restore drill', (get) => {
  const work = mkdtempSync(path.join(tmpdir(), 'chengxin-drill-'));
  const backupFile = path.join(work, 'chengxin.bak');
  const suffix = randomBytes(4).toString('hex');
  const schemas: string[] = [];
  const earlierCodes = [1, 2, 3, 4, 5].map((n) => makeCitizenCode('419001', `1980-0${n}-15`, n * 7));
  const laterCode = makeCitizenCode('419001', '1999-12-31', 321);
  let manifest: BackupManifest;

  /** Settings for a CLI process on a new target next to the live database. */
  function targetEnv(name: string): Record<string, string> {
    const { engine, env } = get();
    if (engine === 'sqlite') return { ...env, DATA_DIR: path.join(work, name) };
    const schema = `r${suffix}_${name}`;
    if (!schemas.includes(schema)) schemas.push(schema);
    return { ...env, DATA_DIR: path.join(work, name), DATABASE_SCHEMA: schema };
  }

  function openTarget(name: string): Promise<Database> {
    const env = targetEnv(name);
    return openDatabase({ dataDir: env.DATA_DIR!, databaseUrl: env.DATABASE_URL, databaseSchema: env.DATABASE_SCHEMA });
  }

  async function closeTarget(database: Database): Promise<void> {
    // Kysely opens its driver lazily and close() skips one it never opened: make it real.
    await sql`select 1`.execute(database.db);
    await database.close();
  }

  async function targetDigest(name: string): Promise<string> {
    const database = await openTarget(name);
    try {
      return (await contentDigest(database)).digest;
    } finally {
      await closeTarget(database);
    }
  }

  async function targetExists(name: string): Promise<boolean> {
    const env = targetEnv(name);
    if (get().engine === 'sqlite') return existsSync(path.join(env.DATA_DIR!, 'chengxin.sqlite'));
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query('select 1 from pg_namespace where nspname = $1', [env.DATABASE_SCHEMA]);
      return rows.length > 0;
    } finally {
      await client.end();
    }
  }

  /** A copy of the backup and its manifest, for damaging. */
  function copyBackup(name: string): string {
    const copy = path.join(work, name);
    copyFileSync(backupFile, copy);
    copyFileSync(manifestPathFor(backupFile), manifestPathFor(copy));
    return copy;
  }

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    const url = inject('postgresUrl');
    if (get().engine === 'postgres' && url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`r${suffix}\\_%`]);
      for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
      await client.end();
    }
  });

  it(
    'backs up the live database with chengxin backup --out … --json',
    async () => {
      const { services, env } = get();
      await services.identity.registerPersons({ actor: null, channel: 'cli' }, earlierCodes.map((code, i) => ({ code, name: `赵${i}*` })));
      await services.accounts.addUser({ actor: null, channel: 'cli' }, { username: 'drill-auditor', displayName: '审计员', role: 'auditor', password: 'Drill-Password-2026' });

      const result = await runCli(['backup', '--out', backupFile, '--json'], env);
      expect(result.code, result.stderr).toBe(0);
      const printed = JSON.parse(result.stdout) as BackupManifest & { backupFile: string; manifestFile: string; bytes: number };
      manifest = JSON.parse(readFileSync(manifestPathFor(backupFile), 'utf8')) as BackupManifest;
      expect(printed).toMatchObject({ backupFile, manifestFile: manifestPathFor(backupFile), digest: manifest.digest, engine: get().engine });
      expect(printed.bytes).toBeGreaterThan(0);
      expect(manifest.tables.persons?.rows).toBe(await services.identity.countPersons());
      expect(manifest.tables.users?.rows).toBe(await services.accounts.countUsers());
      expect(manifest.keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
    },
    DRILL_TIMEOUT,
  );

  it(
    'restores into a new target, verifies equal, and holds the earlier data without the later change',
    async () => {
      const { services, env, clock, keys } = get();
      await services.identity.registerPerson({ actor: null }, { code: laterCode, name: '钱*' });

      const restored = await runCli(['restore', backupFile, '--json'], targetEnv('restored'));
      expect(restored.code, restored.stderr).toBe(0);
      expect(JSON.parse(restored.stdout)).toMatchObject({ equal: true, replaced: null, keys: 'match', actualDigest: manifest.digest });

      const verified = await runCli(['backup', 'verify', backupFile, '--json'], targetEnv('restored'));
      expect(verified.code, verified.stderr).toBe(0);
      expect((JSON.parse(verified.stdout) as VerifyResult).equal).toBe(true);

      // The live database has moved on: verify names what differs and fails.
      const live = await runCli(['backup', 'verify', backupFile, '--json'], env);
      expect(live.code).toBe(1);
      const drift = JSON.parse(live.stdout) as VerifyResult;
      expect(drift.equal).toBe(false);
      expect(drift.differences.map((d) => d.table)).toEqual(expect.arrayContaining(['persons', 'audit_entries']));

      const database = await openTarget('restored');
      try {
        const restoredServices = createServices(database, clock, keys);
        expect(await restoredServices.identity.countPersons()).toBe(earlierCodes.length);
        for (const code of earlierCodes) expect(await restoredServices.identity.resolvePersonId(code)).not.toBeNull();
        expect(await restoredServices.identity.resolvePersonId(laterCode)).toBeNull();
        expect(await services.identity.resolvePersonId(laterCode)).not.toBeNull();
        const { user } = await restoredServices.accounts.login('drill-auditor', 'Drill-Password-2026', {});
        expect(user.username).toBe('drill-auditor');
      } finally {
        await closeTarget(database);
      }
    },
    DRILL_TIMEOUT,
  );

  it(
    'refuses to replace an existing database without --force, and keeps it aside with --force',
    async () => {
      const refused = await runCli(['restore', backupFile], targetEnv('restored'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--force');
      expect(refused.stderr).toMatch(/已有/);

      const forced = await runCli(['restore', backupFile, '--force', '--json'], targetEnv('restored'));
      expect(forced.code, forced.stderr).toBe(0);
      const { replaced, equal } = JSON.parse(forced.stdout) as { replaced: string; equal: boolean };
      expect(equal).toBe(true);
      expect(replaced).toContain('replaced');
      if (get().engine === 'sqlite') expect(existsSync(replaced)).toBe(true);
    },
    DRILL_TIMEOUT,
  );

  it(
    'refuses a damaged backup file with a clear message and leaves the target untouched',
    async () => {
      const damaged = copyBackup('damaged.bak');
      const bytes = readFileSync(damaged);
      const middle = Math.floor(bytes.length / 2);
      for (let i = middle; i < middle + 16; i += 1) bytes[i] = bytes[i]! ^ 0xff;
      writeFileSync(damaged, bytes);
      const before = await targetDigest('restored');

      const onExisting = await runCli(['restore', damaged, '--force'], targetEnv('restored'));
      expect(onExisting.code).toBe(1);
      expect(onExisting.stderr).toContain('damaged');
      expect(onExisting.stderr).toContain('损坏');
      expect(await targetDigest('restored')).toBe(before);

      const onNew = await runCli(['restore', damaged], targetEnv('never'));
      expect(onNew.code).toBe(1);
      expect(onNew.stderr).toContain('damaged');
      expect(await targetExists('never')).toBe(false);
    },
    DRILL_TIMEOUT,
  );

  it(
    'refuses a backup whose content does not match its manifest and leaves the target untouched',
    async () => {
      const forged = copyBackup('forged.bak');
      const lie = { ...manifest, digest: '0'.repeat(64), tables: { ...manifest.tables, users: { rows: 99, digest: '0'.repeat(64) } } };
      writeFileSync(manifestPathFor(forged), JSON.stringify(lie));
      const before = await targetDigest('restored');

      const result = await runCli(['restore', forged, '--force'], targetEnv('restored'));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('users');
      expect(result.stderr).toContain('不一致');
      expect(await targetDigest('restored')).toBe(before);
    },
    DRILL_TIMEOUT,
  );

  it(
    'refuses to replace a SQLite database another process has open',
    async (ctx) => {
      if (get().engine !== 'sqlite') ctx.skip();
      const database = await openTarget('restored');
      try {
        await sql`select 1`.execute(database.db);
        const result = await runCli(['restore', backupFile, '--force'], targetEnv('restored'));
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('in use');
      } finally {
        await database.close();
      }
    },
    DRILL_TIMEOUT,
  );
});
