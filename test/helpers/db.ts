import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { ManualClock } from '../../src/shared/clock.ts';
import { BlindIndex, FieldCipher } from '../../src/shared/crypto.ts';
import { signingKeyFrom, type PlatformKeys } from '../../src/shared/keys.ts';
import { openDatabase, type Database, type Dialect } from '../../src/db/index.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createServices, seedReferenceData, type Services } from '../../src/services.ts';

export interface TestDb {
  engine: Dialect;
  database: Database;
  services: Services;
  clock: ManualClock;
  keys: PlatformKeys;
  /** Settings that open this same database from a CLI or server process. */
  env: Record<string, string>;
  dataDir: string;
}

/** The instant test clocks start at: a working Monday morning in Asia/Shanghai. */
export const TEST_START = '2026-11-30T09:00:00+08:00';

/** The private key of the SM2 example in GB/T 32918.5 (GM/T 0003.5): fixed, so test processes share it. */
const TEST_SIGNING_KEY = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';

export function testKeys(): PlatformKeys {
  return { blindIndex: new BlindIndex(Buffer.alloc(32, 7)), fieldCipher: new FieldCipher(Buffer.alloc(32, 9)), signing: signingKeyFrom(TEST_SIGNING_KEY) };
}

export const TEST_KEY_ENV = {
  CHENGXIN_BLIND_INDEX_KEY: Buffer.alloc(32, 7).toString('hex'),
  CHENGXIN_FIELD_KEY: Buffer.alloc(32, 9).toString('hex'),
  CHENGXIN_AUDIT_SIGNING_KEY: TEST_SIGNING_KEY,
};

export function enginesUnderTest(): Dialect[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, migrated, reference-seeded database of the given engine: own temp dir or own PostgreSQL schema. */
export async function createTestDb(engine: Dialect): Promise<TestDb & { destroy(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chengxin-test-'));
  const postgresUrl = inject('postgresUrl');
  const schema = engine === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const databaseUrl = engine === 'postgres' ? (postgresUrl ?? undefined) : undefined;
  if (engine === 'postgres' && !databaseUrl) throw new Error('postgres requested but TEST_DATABASE_URL is not available');
  const database = await openDatabase({ dataDir, databaseUrl, databaseSchema: schema });
  await migrateToLatest(database);
  const clock = new ManualClock(TEST_START);
  const keys = testKeys();
  const services = createServices(database, clock, keys);
  await seedReferenceData(services);
  const env: Record<string, string> = { DATA_DIR: dataDir, ...TEST_KEY_ENV, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...(schema ? { DATABASE_SCHEMA: schema } : {}) };
  return {
    engine,
    database,
    services,
    clock,
    keys,
    env,
    dataDir,
    async destroy() {
      await database.close();
      if (schema && databaseUrl) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a suite once per engine (STYLE.md: every database test runs once per dialect), each on
 * its own fresh database. `get()` returns that suite's database inside tests and hooks.
 */
export function describeEachDatabase(name: string, suite: (get: () => TestDb) => void): void {
  for (const engine of enginesUnderTest()) {
    describe(`${name} [${engine}]`, () => {
      let current: (TestDb & { destroy(): Promise<void> }) | undefined;
      beforeAll(async () => {
        current = await createTestDb(engine);
      });
      afterAll(async () => {
        await current?.destroy();
      });
      suite(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      });
    });
  }
}
