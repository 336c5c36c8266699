import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestDb, describeEachDatabase, enginesUnderTest, type TestDb } from '../../test/helpers/db.ts';
import { makeCitizenCode } from '../modules/identity/codes/index.ts';
import { migrations } from './migrations/index.ts';
import { openDatabase, type Database } from './index.ts';
import {
  backupPostgres,
  backupSqlite,
  compareDigests,
  contentDigest,
  manifestPathFor,
  renameSchemaInScript,
  restorePostgres,
  restoreSqlite,
  type BackupManifest,
  type RestoreResult,
} from './backup.ts';

const latestMigration = Object.keys(migrations).at(-1);

describe('renameSchemaInScript', () => {
  const cases: [string, string, string][] = [
    ['the schema itself', 'CREATE SCHEMA t_a;', 'CREATE SCHEMA "s_b";'],
    ['a qualified table', 'CREATE TABLE t_a.persons (', 'CREATE TABLE "s_b".persons ('],
    ['a quoted qualifier and a keyword column', 'ALTER TABLE ONLY "t_a".runs ADD COLUMN "trigger" text;', 'ALTER TABLE ONLY "s_b".runs ADD COLUMN "trigger" text;'],
    ['a foreign key', '    ADD CONSTRAINT u_fkey FOREIGN KEY (d) REFERENCES t_a.departments(id);', '    ADD CONSTRAINT u_fkey FOREIGN KEY (d) REFERENCES "s_b".departments(id);'],
    ['a sequence named in a literal', "ALTER TABLE t_a.x ALTER COLUMN id SET DEFAULT nextval('t_a.x_id_seq'::regclass);", `ALTER TABLE "s_b".x ALTER COLUMN id SET DEFAULT nextval('"s_b".x_id_seq'::regclass);`],
    ['other text in literals', "COMMENT ON TABLE t_a.t IS 'see t_a.t, it''s in t_a';", `COMMENT ON TABLE "s_b".t IS 'see t_a.t, it''s in t_a';`],
    ['an escape string', "COMMENT ON TABLE t_a.t IS E'it\\'s t_a.t';", `COMMENT ON TABLE "s_b".t IS E'it\\'s t_a.t';`],
    ['a column with the same name', 'CREATE TABLE t_a.t (t_a text, n integer);', 'CREATE TABLE "s_b".t (t_a text, n integer);'],
    ['similar names', 'SELECT t_ab.x, xt_a.y, "t_a x".z;', 'SELECT t_ab.x, xt_a.y, "t_a x".z;'],
    ['comments', '-- Name: t; Type: TABLE; Schema: t_a; Owner: -', '-- Name: t; Type: TABLE; Schema: t_a; Owner: -'],
    ['psql meta-commands', '\\restrict t_a.abc', '\\restrict t_a.abc'],
    ['a dollar-quoted body (left alone)', 'CREATE FUNCTION t_a.f() RETURNS int AS $f$ select 1 from t_a.t $f$ LANGUAGE sql;', 'CREATE FUNCTION "s_b".f() RETURNS int AS $f$ select 1 from t_a.t $f$ LANGUAGE sql;'],
  ];
  it.each(cases)('rewrites %s', (_name, input, expected) => {
    expect(renameSchemaInScript(input, 't_a', 's_b')).toBe(expected);
  });

  it('leaves COPY data alone and resumes after its end marker', () => {
    const script = ['COPY t_a.t (id, note) FROM stdin;', 't_a.x\tCREATE SCHEMA t_a;', '\\.', 'ALTER TABLE ONLY t_a.t'].join('\n');
    expect(renameSchemaInScript(script, 't_a', 's_b')).toBe(
      ['COPY "s_b".t (id, note) FROM stdin;', 't_a.x\tCREATE SCHEMA t_a;', '\\.', 'ALTER TABLE ONLY "s_b".t'].join('\n'),
    );
  });

  it('leaves literals and comments that span lines alone', () => {
    const script = ["COMMENT ON TABLE t_a.t IS 'first", "t_a.t second';", '/* t_a.t', 't_a.t */ CREATE TABLE t_a.u ();'].join('\n');
    expect(renameSchemaInScript(script, 't_a', 's_b')).toBe(
      ['COMMENT ON TABLE "s_b".t IS \'first', "t_a.t second';", '/* t_a.t', 't_a.t */ CREATE TABLE "s_b".u ();'].join('\n'),
    );
  });
});

describeEachDatabase('contentDigest', (get) => {
  it('is stable across calls and covers every table with its row count and the schema version', async () => {
    const { database, services } = get();
    const first = await contentDigest(database);
    const second = await contentDigest(database);
    expect(second).toEqual(first);
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(first.tables.departments?.rows).toBe((await services.accounts.listDepartments()).length);
    expect(first.tables.kysely_migration?.rows).toBe(Object.keys(migrations).length);
    expect(first.tables).not.toHaveProperty('kysely_migration_lock');
    expect(first.schemaVersion).toBe(latestMigration);
  });

  it('changes when one cell changes, in that table only, and comes back when the cell does', async () => {
    const { database, services } = get();
    const { id } = await services.identity.registerPerson({ actor: null }, { code: makeCitizenCode('419001', '1985-06-01', 11), name: '张**' });
    const before = await contentDigest(database);
    await database.db.updateTable('persons').set({ name: '张*' }).where('id', '=', id).execute();
    const changed = await contentDigest(database);
    expect(changed.digest).not.toBe(before.digest);
    expect(compareDigests(before, changed).map((d) => d.table)).toEqual(['persons']);
    await database.db.updateTable('persons').set({ name: '张**' }).where('id', '=', id).execute();
    expect(await contentDigest(database)).toEqual(before);
  });

  it('does not depend on the order rows were inserted in', async () => {
    const { database } = get();
    const rows = ['d-b', 'D-a', '部门-1', 'd-a', 'Z'].map((id, i) => ({ id, name: `测试部门 ${i}`, orgCode: `TESTORG${i}`, createdAt: '2026-11-30T01:00:00.000Z' }));
    const ids = rows.map((r) => r.id);
    for (const row of rows) await database.db.insertInto('departments').values(row).execute();
    const forwards = await contentDigest(database);
    await database.db.deleteFrom('departments').where('id', 'in', ids).execute();
    for (const row of [...rows].reverse()) await database.db.insertInto('departments').values(row).execute();
    expect(await contentDigest(database)).toEqual(forwards);
    await database.db.deleteFrom('departments').where('id', 'in', ids).execute();
  });
});

describeEachDatabase('backup and restore (library)', (get) => {
  const work = mkdtempSync(path.join(tmpdir(), 'chengxin-backup-lib-'));
  const extraSchemas: string[] = [];
  const file = path.join(work, 'live.bak');
  let manifest: BackupManifest;

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    const url = inject('postgresUrl');
    if (url && extraSchemas.length) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const schema of extraSchemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  async function backup(target: string): Promise<BackupManifest> {
    const { engine, database, env } = get();
    return engine === 'sqlite' ? backupSqlite(database, target) : backupPostgres(env.DATABASE_URL!, env.DATABASE_SCHEMA!, target);
  }

  /** A restore target next to the live database: its own data directory or schema. */
  function target(name: string): { restore(source: string, force?: boolean): Promise<RestoreResult>; open(): Promise<Database> } {
    const { engine, env } = get();
    if (engine === 'sqlite') {
      const dir = path.join(work, name);
      return { restore: (source, force = false) => restoreSqlite(source, dir, { force }), open: () => openDatabase({ dataDir: dir, databaseUrl: undefined }) };
    }
    const schema = `${env.DATABASE_SCHEMA}_${name}`;
    if (!extraSchemas.includes(schema)) extraSchemas.push(schema);
    return {
      async restore(source, force = false) {
        const result = await restorePostgres(source, env.DATABASE_URL!, schema, { force });
        if (result.replaced) extraSchemas.push(result.replaced);
        return result;
      },
      open: () => openDatabase({ dataDir: work, databaseUrl: env.DATABASE_URL, databaseSchema: schema }),
    };
  }

  async function digestOf(name: string): Promise<string> {
    const restored = await target(name).open();
    try {
      return (await contentDigest(restored)).digest;
    } finally {
      // Kysely opens its driver lazily and close() skips one it never opened, which would leave
      // the SQLite handle open (and the target "in use"); one query makes close() real.
      await sql`select 1`.execute(restored.db);
      await restored.close();
    }
  }

  beforeAll(async () => {
    await get().services.identity.registerPersons({ actor: null }, [1, 2, 3].map((n) => ({ code: makeCitizenCode('419001', '1990-03-0' + n, n), name: `李${n}*` })));
    manifest = await backup(file);
  });

  it('writes a manifest describing exactly the live content', async () => {
    expect(JSON.parse(readFileSync(manifestPathFor(file), 'utf8'))).toEqual(manifest);
    expect(manifest).toMatchObject({ engine: get().engine, schemaVersion: latestMigration });
    expect(manifest.file.sm3).toMatch(/^[0-9a-f]{64}$/);
    const live = await contentDigest(get().database);
    expect(compareDigests(manifest, live)).toEqual([]);
    expect(manifest.digest).toBe(live.digest);
  });

  it('refuses to overwrite an existing backup', async () => {
    await expect(backup(file)).rejects.toMatchObject({ code: 'backup.output_exists' });
  });

  it('restores into a fresh target with the manifest digest', async () => {
    const result = await target('fresh').restore(file);
    expect(result.replaced).toBeNull();
    expect(result.restored.digest).toBe(manifest.digest);
    expect(await digestOf('fresh')).toBe(manifest.digest);
  });

  it('refuses an existing target without force', async () => {
    await expect(target('fresh').restore(file)).rejects.toMatchObject({ code: 'backup.target_not_empty' });
  });

  it('refuses a file whose content does not match its manifest, leaving the target untouched', async () => {
    const tampered = path.join(work, 'tampered.bak');
    writeFileSync(tampered, readFileSync(file));
    const persons = manifest.tables.persons!;
    const lie = { ...manifest, tables: { ...manifest.tables, persons: { ...persons, rows: persons.rows + 1 } } };
    writeFileSync(manifestPathFor(tampered), JSON.stringify(lie));
    await expect(target('fresh').restore(tampered, true)).rejects.toMatchObject({
      code: 'backup.digest_mismatch',
      facts: { differences: [expect.objectContaining({ table: 'persons' })] },
    });
    expect(await digestOf('fresh')).toBe(manifest.digest);
  });

  it('with force, replaces the target and keeps the old one aside', async () => {
    const result = await target('fresh').restore(file, true);
    expect(result.replaced).toEqual(expect.stringContaining('replaced'));
    expect(await digestOf('fresh')).toBe(manifest.digest);
  });
});

describe('contentDigest across engines', () => {
  const postgres = enginesUnderTest().includes('postgres');
  let sqliteDb: (TestDb & { destroy(): Promise<void> }) | undefined;
  let postgresDb: (TestDb & { destroy(): Promise<void> }) | undefined;

  beforeAll(async () => {
    if (!postgres) return;
    sqliteDb = await createTestDb('sqlite');
    postgresDb = await createTestDb('postgres');
  });
  afterAll(async () => {
    await sqliteDb?.destroy();
    await postgresDb?.destroy();
  });

  /** Empties every table but the migration list; retries around foreign keys. */
  async function clear(database: Database): Promise<void> {
    const raw = database.db.withoutPlugins();
    for (let pass = 0; pass < 5; pass += 1) {
      const tables = Object.entries((await contentDigest(database)).tables).filter(([name, t]) => name !== 'kysely_migration' && t.rows > 0);
      if (!tables.length) return;
      for (const [name] of tables) await raw.deleteFrom(name).execute().catch(() => undefined);
    }
    throw new Error('could not empty the test database');
  }

  const at = '2026-11-30T01:00:00.000Z';
  const departments = [
    { id: 'd-b', name: '济源市发展和改革委员会', org_code: '11419001MB0000001X', created_at: at },
    { id: 'D-a', name: 'Department "quoted" \\ back', org_code: '11419001MB0000002X', created_at: at },
    { id: '部门', name: '', org_code: '11419001MB0000003X', created_at: at },
  ];
  const users = [
    { id: 'u-1', username: 'alice', display_name: '王**', role: 'dept_operator', department_id: 'd-b', person_id: null, password_hash: 'h1', status: 'active', failed_logins: 2147483647, locked_until: null, password_changed_at: at, created_at: at, created_by: null },
    { id: 'u-2', username: 'bob', display_name: 'Bob\nline 2', role: 'auditor', department_id: null, person_id: 'p-1', password_hash: 'h2', status: 'locked', failed_logins: -3, locked_until: at, password_changed_at: at, created_at: at, created_by: 'u-1' },
  ];
  const entries = [
    { id: 'a-2', at, action: 'person.read', result: 'ok', data: JSON.stringify({ note: '𠮷 emoji 😀 tab\t', n: 1.5 }), actor_user_id: 'u-1' },
    { id: 'a-1', at, action: 'person.create', result: 'ok', data: null, actor_user_id: null },
  ];

  async function fill(database: Database, reverse: boolean): Promise<void> {
    const raw = database.db.withoutPlugins();
    const order = <T>(rows: T[]) => (reverse ? [...rows].reverse() : rows);
    for (const row of order(departments)) await raw.insertInto('departments').values(row).execute();
    for (const row of order(users)) await raw.insertInto('users').values(row).execute();
    for (const row of order(entries)) await raw.insertInto('audit_entries').values(row).execute();
  }

  it.skipIf(!postgres)('gives the same digest on SQLite and PostgreSQL for the same rows, inserted in different orders', async () => {
    await clear(sqliteDb!.database);
    await clear(postgresDb!.database);
    await fill(sqliteDb!.database, false);
    await fill(postgresDb!.database, true);
    const onSqlite = await contentDigest(sqliteDb!.database);
    const onPostgres = await contentDigest(postgresDb!.database);
    expect(onSqlite.tables.users).toMatchObject({ rows: 2 });
    expect(onPostgres).toEqual(onSqlite);
  });
});
