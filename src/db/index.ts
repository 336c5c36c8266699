import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';

/**
 * The database handle every module receives. Modules type it against their own tables
 * (`db as Kysely<IdentityTables>`) because each module owns its tables (DESIGN.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = Transaction<any>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseSettings {
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema (isolated test suites, multi-tenant deployments). */
  databaseSchema?: string | undefined;
  /** SQLite file name under dataDir. */
  sqliteFile?: string;
}

export interface Database {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for logs (never includes a password). */
  location: string;
  /** The PostgreSQL schema in use; undefined on SQLite. */
  schema: string | undefined;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) return openPostgres(settings.databaseUrl, settings.databaseSchema);
  return openSqlite(path.join(settings.dataDir, settings.sqliteFile ?? 'chengxin.sqlite'));
}

/** Statements kept prepared; the least recently used one is dropped past this. */
const STATEMENT_CACHE_SIZE = 500;
/** Longer SQL (bulk inserts with many rows) is rarely repeated word for word: prepared each time. */
const STATEMENT_CACHE_MAX_SQL = 4096;

/**
 * Kysely prepares every query anew, and SQLite's parse and plan cost as much as a point lookup;
 * the same SQL text gets the same prepared statement back (unless one is still being iterated).
 */
function withStatementCache(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached !== undefined && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (cached === undefined && text.length <= STATEMENT_CACHE_MAX_SQL) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

function openSqlite(file: string): Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // DESIGN.md decision 9: durable before acknowledged — WAL with synchronous=FULL, never weaker.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  // Kysely opens its driver only on the first query, so close the handle ourselves as well.
  const close = async () => {
    await db.destroy();
    if (sqlite.open) sqlite.close();
  };
  return { db, dialect: 'sqlite', location: file, schema: undefined, close };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  if (schema) {
    // The schema must exist before the pool's connections put it on their search_path.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Counts and sums arrive as numbers on both engines; our values stay far below 2^53.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  const safe = new URL(url);
  safe.password = '';
  return {
    db,
    dialect: 'postgres',
    location: `${safe.host}${safe.pathname}${schema ? ` (schema ${schema})` : ''}`,
    schema: schema ?? 'public',
    close: () => db.destroy(),
  };
}

/** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/** A unique-constraint violation, as SQLite (better-sqlite3) and PostgreSQL (pg) report it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(String(e?.message ?? ''));
}

/**
 * Runs `write`; when it fails on a unique constraint (a concurrent write won — a double click), the
 * error `lost()` gives is thrown instead, asked after `write`'s transaction has rolled back.
 */
export async function unlessDuplicate<T>(write: () => Promise<T>, lost: () => Promise<Error>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw isUniqueViolation(err) ? await lost() : err;
  }
}

/** True when the database answers; used by /readyz. */
export async function isReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
