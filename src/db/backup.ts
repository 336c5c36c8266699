import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { syncDirectory, syncFile } from '../shared/durable-files.ts';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTick } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database, type Dialect, type Executor } from './index.ts';

/*
 * Backup, restore and the logical content digest (STANDARDS.md "Security baselines": local and
 * off-site backup with tested recovery; DESIGN.md decisions 1, 2 and 9).
 *
 * - SQLite: the online backup API copies a consistent snapshot of the live file while writers
 *   carry on (WAL); the copy is switched to a rollback journal so it is one self-contained file.
 * - PostgreSQL: `pg_dump --format=custom` of the configured schema; restore is `pg_restore`
 *   piped through `psql --single-transaction` into a staging schema that is renamed into place.
 * - Every backup has `<file>.manifest.json`: the file's size and SM3 (catches damage before
 *   anything is touched) and the logical content digest of exactly what the file holds (catches
 *   anything else, and proves the restore). Restore checks both before replacing anything, and a
 *   replaced database is kept aside, never deleted (decision 2: nothing is silently lost).
 */

/** One table's share of the digest. */
export interface TableDigest {
  rows: number;
  /** SM3 (hex) over the table's canonical rows in primary-key order. */
  digest: string;
}

export interface ContentDigest {
  /** SM3 (hex) over every table's name, row count and digest, tables in name order. */
  digest: string;
  tables: Record<string, TableDigest>;
}

export interface DigestResult extends ContentDigest {
  /** The latest applied migration, or null on an unmigrated database. */
  schemaVersion: string | null;
}

export const MANIFEST_FORMAT = 'chengxin-backup/1';

export interface BackupManifest extends ContentDigest {
  format: typeof MANIFEST_FORMAT;
  engine: Dialect;
  createdAt: string;
  schemaVersion: string | null;
  /** PostgreSQL: the schema that was dumped. */
  schema?: string;
  /**
   * Where the digest was computed: `backup-copy` (SQLite: from the finished backup file itself)
   * or `dump-snapshot` (PostgreSQL: inside the very snapshot pg_dump read, so it is exact too).
   */
  digestSource: 'backup-copy' | 'dump-snapshot';
  /** The backup file as written: restore refuses a file whose size or SM3 differ. */
  file: { name: string; bytes: number; sm3: string };
  /** Identifies (without revealing) the blind-index key the data was written under; see the CLI. */
  keyFingerprint: string | null;
}

export interface DigestProgress {
  table: string;
  rows: number;
  done: boolean;
}
export type ProgressListener = (progress: DigestProgress) => void;

export interface BackupOptions {
  /** The manifest's createdAt (the CLI passes the configured clock). */
  now?: Date;
  keyFingerprint?: string | null;
  onProgress?: ProgressListener;
}

export interface RestoreOptions {
  /** Replace an existing target; the old database is kept aside under a `replaced` name. */
  force?: boolean;
  now?: Date;
  onProgress?: ProgressListener;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** The restored database file (SQLite) or schema (PostgreSQL). */
  target: string;
  /** Where the database that was there before now lives, when --force replaced one. */
  replaced: string | null;
  /** The restored content's digest, equal to the manifest's. */
  restored: DigestResult;
}

export interface TableDifference {
  table: string;
  /** null: the table is missing on that side. */
  expected: TableDigest | null;
  actual: TableDigest | null;
}

export interface VerifyResult {
  equal: boolean;
  expectedDigest: string;
  actualDigest: string;
  expectedSchemaVersion: string | null;
  actualSchemaVersion: string | null;
  differences: TableDifference[];
}

/** A backup or restore refused or failed; `message` is bilingual, `code` is stable. */
export class BackupError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly facts: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

const PAGE_ROWS = 5_000;
/** better-sqlite3 backup step size meaning "every remaining page in this step". */
const ALL_PAGES = 0x7fffffff;
/**
 * Kysely's bookkeeping tables. The applied migration names are content (they are the schema
 * version, so a backup from another schema version never verifies as equal); the timestamps at
 * which they ran and the lock row are incidental and left out.
 */
const MIGRATION_TABLE = 'kysely_migration';
const MIGRATION_LOCK_TABLE = 'kysely_migration_lock';

// ---------------------------------------------------------------------------------------------
// Logical content digest
// ---------------------------------------------------------------------------------------------

/**
 * How a column's values are canonicalised. SQLite values carry their own storage class
 * (`dynamic`); PostgreSQL values are read as text (exact for bigint and numeric) and typed by
 * the column's declared type.
 */
type ColumnKind = 'dynamic' | 'integer' | 'numeric' | 'float' | 'boolean' | 'bytes' | 'text';

interface ColumnShape {
  name: string;
  kind: ColumnKind;
  /** PostgreSQL: sort with COLLATE "C" (byte order, which is SQLite's BINARY order for UTF-8). */
  collatable: boolean;
}

interface TableShape {
  name: string;
  columns: ColumnShape[];
  /** Primary-key columns in key order; every column when the table has no primary key. */
  orderBy: ColumnShape[];
}

type Row = Record<string, unknown>;

interface RowSource {
  tables(): Promise<TableShape[]>;
  pages(table: TableShape): AsyncIterable<Row[]>;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function canonicalFloat(value: number): string {
  // Non-finite values are not JSON numbers; both engines spell them the same way as text.
  return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
}

/**
 * One value in the canonical form both engines produce for the same logical value: integers as
 * bare decimal digits (exact, whatever their size), text as a JSON string, null as null,
 * booleans as 1/0 (SQLite has none), bytes as {"$hex": …}.
 */
function canonicalValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return 'null';
  if (kind === 'dynamic') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') return canonicalFloat(value);
    if (typeof value === 'string') return JSON.stringify(value);
    if (value instanceof Uint8Array) return `{"$hex":"${Buffer.from(value).toString('hex')}"}`;
    throw new TypeError(`unexpected SQLite value of type ${typeof value}`);
  }
  const text = String(value);
  switch (kind) {
    case 'integer':
      return BigInt(text).toString();
    case 'numeric':
      return /^-?\d+$/.test(text) ? BigInt(text).toString() : canonicalFloat(Number(text));
    case 'float':
      return canonicalFloat(Number(text));
    case 'boolean':
      return text === 't' || text === 'true' ? '1' : '0';
    case 'bytes':
      return `{"$hex":"${text.startsWith('\\x') ? text.slice(2) : Buffer.from(text).toString('hex')}"}`;
    case 'text':
      return JSON.stringify(text);
  }
}

/** A row as one JSON line with its keys in sorted order. */
function canonicalRow(row: Row, columns: ColumnShape[]): string {
  const fields = columns.map((c) => `${JSON.stringify(c.name)}:${canonicalValue(row[c.name], c.kind)}`);
  return `{${fields.join(',')}}\n`;
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Combines per-table digests into the database digest. */
function combineDigests(tables: Record<string, TableDigest>): ContentDigest {
  const names = Object.keys(tables).sort();
  const hash = createHash('sm3');
  const ordered: Record<string, TableDigest> = {};
  for (const name of names) {
    const table = tables[name]!;
    hash.update(`${JSON.stringify(name)} ${table.rows} ${table.digest}\n`);
    ordered[name] = table;
  }
  return { digest: hash.digest('hex'), tables: ordered };
}

async function digestRows(source: RowSource, onProgress?: ProgressListener): Promise<DigestResult> {
  const tables: Record<string, TableDigest> = {};
  let schemaVersion: string | null = null;
  for (const table of await source.tables()) {
    const columns = sortByName(table.columns);
    const hash = createHash('sm3');
    let rows = 0;
    for await (const page of source.pages(table)) {
      hash.update(page.map((row) => canonicalRow(row, columns)).join(''));
      rows += page.length;
      // Migration names sort in the order they were applied, so the last one is the version.
      if (table.name === MIGRATION_TABLE && page.length) schemaVersion = String(page[page.length - 1]!.name);
      onProgress?.({ table: table.name, rows, done: false });
    }
    tables[table.name] = { rows, digest: hash.digest('hex') };
    onProgress?.({ table: table.name, rows, done: true });
  }
  return { ...combineDigests(tables), schemaVersion };
}

/** Application tables plus the migration names; the lock table is incidental. */
function shapeTable(name: string, columns: ColumnShape[], primaryKey: string[]): TableShape | null {
  if (name === MIGRATION_LOCK_TABLE) return null;
  const kept = name === MIGRATION_TABLE ? columns.filter((c) => c.name === 'name') : columns;
  const byName = new Map(kept.map((c) => [c.name, c]));
  const keyColumns = primaryKey.map((k) => byName.get(k)).filter((c): c is ColumnShape => c !== undefined);
  return { name, columns: kept, orderBy: keyColumns.length === primaryKey.length && keyColumns.length > 0 ? keyColumns : kept };
}

// SQLite ------------------------------------------------------------------------------------

function openSqliteReader(file: string): SQLite.Database {
  const handle = new SQLite(file, { readonly: true, fileMustExist: true });
  // Integers arrive as BigInt: exact beyond 2^53, and distinguishable from REAL values.
  handle.defaultSafeIntegers(true);
  return handle;
}

function sqliteSource(handle: SQLite.Database): RowSource {
  return {
    async tables() {
      const names = handle
        .prepare(
          // Virtual tables keep their content in shadow tables, which are listed themselves.
          "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and coalesce(sql, '') not like 'CREATE VIRTUAL TABLE%'",
        )
        .pluck()
        .all() as string[];
      const shapes: TableShape[] = [];
      for (const name of names.sort()) {
        const info = handle.prepare('select name, pk from pragma_table_info(?) order by cid').all(name) as { name: string; pk: bigint }[];
        const columns = info.map((c) => ({ name: c.name, kind: 'dynamic' as const, collatable: false }));
        const primaryKey = info.filter((c) => c.pk > 0n).sort((a, b) => Number(a.pk - b.pk)).map((c) => c.name);
        const shape = shapeTable(name, columns, primaryKey);
        if (shape) shapes.push(shape);
      }
      return shapes;
    },
    async *pages(table) {
      const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
      // BINARY is byte order for UTF-8 text, the same order as PostgreSQL's COLLATE "C"; SQLite
      // sorts NULLs first by default, PostgreSQL last, so both say it explicitly.
      const order = table.orderBy.map((c) => `${quoteIdent(c.name)} collate binary nulls first`).join(', ');
      const statement = handle.prepare(`select ${columns} from ${quoteIdent(table.name)} order by ${order}`);
      let page: Row[] = [];
      for (const row of statement.iterate() as IterableIterator<Row>) {
        page.push(row);
        if (page.length === PAGE_ROWS) {
          yield page;
          page = [];
          await nextTick();
        }
      }
      if (page.length) yield page;
    },
  };
}

/**
 * Digest of a SQLite file through its own read-only connection: one read transaction gives a
 * consistent snapshot of every table while writers carry on (WAL), and the rows stream from
 * the primary-key b-tree without loading a table into memory.
 */
async function digestSqliteFile(file: string, onProgress?: ProgressListener): Promise<DigestResult> {
  const handle = openSqliteReader(file);
  try {
    handle.exec('begin');
    try {
      return await digestRows(sqliteSource(handle), onProgress);
    } finally {
      handle.exec('commit');
    }
  } finally {
    handle.close();
  }
}

// PostgreSQL ----------------------------------------------------------------------------------

function postgresKind(dataType: string): ColumnKind {
  switch (dataType) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'integer';
    case 'numeric':
      return 'numeric';
    case 'real':
    case 'double precision':
      return 'float';
    case 'boolean':
      return 'boolean';
    case 'bytea':
      return 'bytes';
    default:
      return 'text';
  }
}

const COLLATABLE_TYPES = new Set(['text', 'character varying', 'character']);

/**
 * Reads a schema inside the caller's transaction (REPEATABLE READ, so every table comes from one
 * snapshot). Rows stream through a server-side cursor, PAGE_ROWS per FETCH. `executor` must not
 * carry the CamelCasePlugin: column names are read as they are.
 */
function postgresSource(executor: Executor, schema: string): RowSource {
  return {
    async tables() {
      const tables = await sql<{ tableName: string }>`
        select table_name as "tableName" from information_schema.tables
        where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(executor);
      const columns = await sql<{ tableName: string; columnName: string; dataType: string }>`
        select table_name as "tableName", column_name as "columnName", data_type as "dataType"
        from information_schema.columns where table_schema = ${schema}
        order by table_name, ordinal_position`.execute(executor);
      const keys = await sql<{ tableName: string; columnName: string }>`
        select tc.table_name as "tableName", kcu.column_name as "columnName"
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
        where tc.table_schema = ${schema} and tc.constraint_type = 'PRIMARY KEY'
        order by tc.table_name, kcu.ordinal_position`.execute(executor);
      const shapes: TableShape[] = [];
      for (const name of tables.rows.map((t) => t.tableName).sort()) {
        const cols = columns.rows
          .filter((c) => c.tableName === name)
          .map((c) => ({ name: c.columnName, kind: postgresKind(c.dataType), collatable: COLLATABLE_TYPES.has(c.dataType) }));
        const primaryKey = keys.rows.filter((k) => k.tableName === name).map((k) => k.columnName);
        const shape = shapeTable(name, cols, primaryKey);
        if (shape) shapes.push(shape);
      }
      return shapes;
    },
    async *pages(table) {
      const columns = table.columns.map((c) => `${quoteIdent(c.name)}::text as ${quoteIdent(c.name)}`).join(', ');
      const order = table.orderBy.map((c) => `${quoteIdent(c.name)}${c.collatable ? ' collate "C"' : ''} nulls first`).join(', ');
      await sql
        .raw(`declare chengxin_digest no scroll cursor for select ${columns} from ${quoteIdent(schema)}.${quoteIdent(table.name)} order by ${order}`)
        .execute(executor);
      try {
        for (;;) {
          const { rows } = await sql.raw<Row>(`fetch forward ${PAGE_ROWS} from chengxin_digest`).execute(executor);
          if (rows.length) yield rows;
          if (rows.length < PAGE_ROWS) break;
        }
      } finally {
        await sql.raw('close chengxin_digest').execute(executor);
      }
    },
  };
}

async function currentSchema(executor: Executor): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(executor);
  const schema = rows[0]?.schema;
  if (!schema) throw new BackupError('backup.no_schema', 'the PostgreSQL connection has no current schema / 当前连接没有可用的模式 (schema)');
  return schema;
}

async function digestPostgres(database: Database, schema: string | null, onProgress?: ProgressListener): Promise<DigestResult> {
  return database.db
    .withoutPlugins()
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => digestRows(postgresSource(tx, schema ?? (await currentSchema(tx))), onProgress));
}

/**
 * The logical content of a database as an SM3 digest per table and overall. The same data gives
 * the same digest on SQLite and PostgreSQL, whatever the insertion order or physical layout:
 * rows are read in primary-key order (byte order for text), each canonicalised as a JSON line
 * with sorted keys. Covers every table of the database (SQLite) or the current schema
 * (PostgreSQL), plus the applied migration names; see MIGRATION_TABLE.
 */
export async function contentDigest(database: Database, options: { onProgress?: ProgressListener } = {}): Promise<DigestResult> {
  if (database.dialect === 'sqlite') return digestSqliteFile(database.location, options.onProgress);
  return digestPostgres(database, null, options.onProgress);
}

/** The tables whose row count or digest differ, plus tables present on one side only. */
export function compareDigests(expected: ContentDigest, actual: ContentDigest): TableDifference[] {
  const names = [...new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)])].sort();
  const differences: TableDifference[] = [];
  for (const table of names) {
    const e = expected.tables[table] ?? null;
    const a = actual.tables[table] ?? null;
    if (e?.digest !== a?.digest || e?.rows !== a?.rows) differences.push({ table, expected: e, actual: a });
  }
  return differences;
}

// ---------------------------------------------------------------------------------------------
// Files and manifests
// ---------------------------------------------------------------------------------------------

/** `<file>.manifest.json`; given a manifest path, returns it unchanged. */
export function manifestPathFor(file: string): string {
  return file.endsWith('.manifest.json') ? file : `${file}.manifest.json`;
}

/** The backup file a manifest describes. */
export function backupPathFor(manifestFile: string): string {
  return manifestFile.endsWith('.manifest.json') ? manifestFile.slice(0, -'.manifest.json'.length) : manifestFile;
}

function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A timestamp usable in file and schema names. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase();
}

async function fileSm3(file: string): Promise<{ bytes: number; sm3: string }> {
  const hash = createHash('sm3');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sm3: hash.digest('hex') };
}

async function refuseExistingOutput(file: string): Promise<void> {
  for (const candidate of [file, manifestPathFor(file)]) {
    if (existsSync(candidate)) {
      throw new BackupError('backup.output_exists', `${candidate} already exists; choose a new file name / 文件已存在，请使用新的文件名`, { file: candidate });
    }
  }
  if (!existsSync(path.dirname(file))) {
    throw new BackupError('backup.output_dir_missing', `directory ${path.dirname(file)} does not exist / 目录不存在`, { dir: path.dirname(file) });
  }
}

async function writeManifest(file: string, manifest: BackupManifest): Promise<void> {
  const target = manifestPathFor(file);
  const temp = `${target}.${uniqueSuffix()}.tmp`;
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  await syncFile(temp);
  await rename(temp, target);
  await syncDirectory(path.dirname(target));
}

/** Reads and checks the manifest that belongs to a backup file (or the manifest path itself). */
export async function readBackupManifest(file: string): Promise<BackupManifest> {
  const manifestFile = manifestPathFor(file);
  let text: string;
  try {
    text = await readFile(manifestFile, 'utf8');
  } catch {
    throw new BackupError(
      'backup.manifest_missing',
      `no manifest at ${manifestFile}: a backup is only restored with its manifest / 找不到备份清单文件，备份须与清单一起恢复`,
      { manifest: manifestFile },
    );
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError('backup.manifest_invalid', `${manifestFile} is not valid JSON / 备份清单不是有效的 JSON`, { manifest: manifestFile });
  }
  const valid =
    manifest.format === MANIFEST_FORMAT &&
    (manifest.engine === 'sqlite' || manifest.engine === 'postgres') &&
    typeof manifest.digest === 'string' &&
    typeof manifest.tables === 'object' &&
    manifest.tables !== null &&
    typeof manifest.file?.sm3 === 'string' &&
    typeof manifest.file?.bytes === 'number' &&
    (manifest.engine === 'sqlite' || typeof manifest.schema === 'string');
  if (!valid) throw new BackupError('backup.manifest_invalid', `${manifestFile} is not a ${MANIFEST_FORMAT} manifest / 不是有效的备份清单`, { manifest: manifestFile });
  return manifest;
}

/** Size and SM3 of the file against its manifest: damage is found before anything is touched. */
async function checkBackupFile(file: string, manifest: BackupManifest): Promise<void> {
  if (!existsSync(file)) throw new BackupError('backup.file_missing', `backup file ${file} does not exist / 备份文件不存在`, { file });
  const actual = await fileSm3(file);
  if (actual.bytes !== manifest.file.bytes || actual.sm3 !== manifest.file.sm3) {
    throw new BackupError(
      'backup.file_damaged',
      `backup file ${file} is damaged: its size or SM3 digest differs from the manifest; nothing was restored / 备份文件已损坏（大小或 SM3 摘要与清单不符），未做任何恢复`,
      { file, expected: manifest.file, actual },
    );
  }
}

/** The restored copy's content differs from the manifest: the target has not been touched. */
function mismatchError(differences: TableDifference[]): BackupError {
  const tables = differences.map((d) => d.table).join(', ') || '(database digest)';
  return new BackupError(
    'backup.digest_mismatch',
    `the restored content differs from the backup manifest in ${tables}; nothing was replaced / 恢复出的内容与备份清单不一致（${tables}），未替换任何数据`,
    { differences },
  );
}

// ---------------------------------------------------------------------------------------------
// SQLite backup and restore
// ---------------------------------------------------------------------------------------------

/**
 * Online backup of a SQLite database to `file`, plus `<file>.manifest.json` computed from the
 * finished copy (so it describes exactly what the file holds). Refuses to overwrite a file.
 */
export async function backupSqlite(database: Database, file: string, options: BackupOptions = {}): Promise<BackupManifest> {
  if (database.dialect !== 'sqlite') throw new BackupError('backup.engine_mismatch', 'backupSqlite needs a SQLite database / 需要 SQLite 数据库');
  const target = path.resolve(file);
  await refuseExistingOutput(target);
  const partial = `${target}.${uniqueSuffix()}.partial`;
  try {
    const source = new SQLite(database.location, { readonly: true, fileMustExist: true });
    try {
      // One step under one read transaction: writers carry on (WAL) and, unlike a backup in
      // small steps, no commit by another connection in between can make it start over.
      await source.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    // The copy inherits WAL mode from the live file; a rollback journal makes it one
    // self-contained file that opens read-only without side files. (The restored database is
    // switched back to WAL when the platform opens it.)
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const content = await digestSqliteFile(partial, options.onProgress);
    await syncFile(partial);
    const described = await fileSm3(partial);
    await rename(partial, target);
    await syncDirectory(path.dirname(target));
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      engine: 'sqlite',
      createdAt: (options.now ?? new Date()).toISOString(),
      schemaVersion: content.schemaVersion,
      digestSource: 'backup-copy',
      digest: content.digest,
      tables: content.tables,
      file: { name: path.basename(target), ...described },
      keyFingerprint: options.keyFingerprint ?? null,
    };
    await writeManifest(target, manifest);
    return manifest;
  } catch (err) {
    await rm(partial, { force: true });
    await rm(`${partial}-wal`, { force: true });
    await rm(`${partial}-shm`, { force: true });
    throw err;
  }
}

const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Makes an existing SQLite database safe to move: switching it out of WAL checkpoints the log
 * and removes -wal/-shm, and is refused while any other connection has the file open — which
 * is how we notice a running server.
 */
function quiesceSqlite(file: string): void {
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return; // not a database we can open: it is moved aside as it is
  }
  try {
    const mode = String(handle.pragma('journal_mode = DELETE', { simple: true }));
    if (mode.toLowerCase() === 'wal') throw new Error('database is locked');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/locked|busy/i.test(message)) {
      throw new BackupError(
        'backup.target_in_use',
        `${file} is in use by another process; stop the server before restoring / 目标数据库正被其他进程使用，请先停止服务再恢复`,
        { target: file },
      );
    }
    if (!/not a database|malformed/i.test(message)) throw err;
  } finally {
    handle.close();
  }
}

/**
 * Restores a SQLite backup into `targetDataDir` (as `chengxin.sqlite`, or `sqliteFile`). The
 * file's SM3, its integrity and its content digest are all checked on a copy next to the target
 * before anything is replaced; the copy is then renamed into place. An existing database is
 * refused unless `force`, and with `force` it is kept aside as `<name>.replaced-<time>`.
 */
export async function restoreSqlite(file: string, targetDataDir: string, options: RestoreOptions & { sqliteFile?: string } = {}): Promise<RestoreResult> {
  const backupFile = path.resolve(backupPathFor(file));
  const manifest = await readBackupManifest(backupFile);
  if (manifest.engine !== 'sqlite') {
    throw new BackupError('backup.engine_mismatch', `${backupFile} is a ${manifest.engine} backup, not SQLite / 该备份不是 SQLite 备份`, { engine: manifest.engine });
  }
  await checkBackupFile(backupFile, manifest);
  const target = path.resolve(targetDataDir, options.sqliteFile ?? 'chengxin.sqlite');
  const targetExists = existsSync(target);
  if (targetExists && !options.force) {
    throw new BackupError(
      'backup.target_not_empty',
      `a database already exists at ${target}; pass --force to replace it (it is kept aside) / 目标位置已有数据库，如需替换请使用 --force（原数据库会被保留）`,
      { target },
    );
  }
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${uniqueSuffix()}.restoring`;
  let restored: DigestResult;
  try {
    await copyFile(backupFile, temp);
    await syncFile(temp);
    const check = openSqliteReader(temp);
    let integrity: string;
    try {
      integrity = String(check.pragma('integrity_check', { simple: true }));
    } finally {
      check.close();
    }
    if (integrity !== 'ok') {
      throw new BackupError('backup.file_damaged', `backup file ${backupFile} fails SQLite's integrity check: ${integrity} / 备份文件未通过完整性检查`, { integrity });
    }
    restored = await digestSqliteFile(temp, options.onProgress);
    const differences = compareDigests(manifest, restored);
    if (differences.length || restored.digest !== manifest.digest) throw mismatchError(differences);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  let replaced: string | null = null;
  try {
    if (targetExists) quiesceSqlite(target);
    const aside = `${target}.replaced-${stamp(options.now ?? new Date())}`;
    for (const suffix of ['', ...SQLITE_SIDE_FILES]) {
      if (!existsSync(target + suffix)) continue;
      await rename(target + suffix, aside + suffix);
      if (suffix === '') replaced = aside;
    }
    await rename(temp, target);
    await syncDirectory(path.dirname(target));
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { manifest, target, replaced, restored };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL backup and restore
// ---------------------------------------------------------------------------------------------

/** libpq tools get the URL without its password (process lists show arguments) and PGPASSWORD. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

interface ToolRun {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; stderr: string }>;
}

function startTool(command: string, args: string[], env: NodeJS.ProcessEnv, stdio: ['ignore' | 'pipe', 'ignore' | 'pipe', 'pipe']): ToolRun {
  const child = spawn(command, args, { env, stdio });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new BackupError('backup.tool_missing', `${command} is not on PATH; install the PostgreSQL client tools matching the server / 未找到 ${command}，请安装与服务器版本一致的 PostgreSQL 客户端工具`)
          : err,
      );
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
  return { child, done };
}

function toolFailed(command: string, result: { code: number | null; stderr: string }): BackupError {
  return new BackupError('backup.tool_failed', `${command} failed (exit ${result.code}): ${result.stderr.trim()} / ${command} 执行失败`, {
    command,
    code: result.code,
  });
}

async function schemaExists(executor: Executor, schema: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname = ${schema}`.execute(executor);
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Whether a schema holds anything at all: relations, functions or types. */
async function schemaIsEmpty(executor: Executor, schema: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema})
        or exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${schema})
        or exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = ${schema}) as used`.execute(executor);
  return !rows[0]?.used;
}

/** Opens a connection pool without a schema of its own (search_path untouched). */
function openPostgresPlain(url: string): Promise<Database> {
  return openDatabase({ dataDir: '.', databaseUrl: url });
}

/**
 * `pg_dump --format=custom` of one schema, with a manifest that is exact: the digest is
 * computed inside a REPEATABLE READ transaction whose snapshot pg_dump imports
 * (`--snapshot`), so dump and digest see the same committed state while writers carry on.
 */
export async function backupPostgres(url: string, schema: string, file: string, options: BackupOptions = {}): Promise<BackupManifest> {
  const target = path.resolve(file);
  await refuseExistingOutput(target);
  const partial = `${target}.${uniqueSuffix()}.partial`;
  const database = await openPostgresPlain(url);
  try {
    if (!(await schemaExists(database.db, schema))) {
      throw new BackupError('backup.schema_missing', `schema "${schema}" does not exist / 模式 (schema) "${schema}" 不存在`, { schema });
    }
    const { dbname, env } = toolConnection(url);
    const content = await database.db
      .withoutPlugins()
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(tx);
        const dump = startTool(
          'pg_dump',
          ['--format=custom', `--schema=${quoteIdent(schema)}`, '--strict-names', `--snapshot=${rows[0]!.snapshot}`, `--file=${partial}`, `--dbname=${dbname}`],
          env,
          ['ignore', 'ignore', 'pipe'],
        );
        // The exported snapshot lives as long as this transaction: both finish before it ends.
        const [dumped, digested] = await Promise.allSettled([dump.done, digestRows(postgresSource(tx, schema), options.onProgress)]);
        if (dumped.status === 'rejected') throw dumped.reason;
        if (dumped.value.code !== 0) throw toolFailed('pg_dump', dumped.value);
        if (digested.status === 'rejected') throw digested.reason;
        return digested.value;
      });
    await syncFile(partial);
    const described = await fileSm3(partial);
    await rename(partial, target);
    await syncDirectory(path.dirname(target));
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      engine: 'postgres',
      createdAt: (options.now ?? new Date()).toISOString(),
      schemaVersion: content.schemaVersion,
      schema,
      digestSource: 'dump-snapshot',
      digest: content.digest,
      tables: content.tables,
      file: { name: path.basename(target), ...described },
      keyFingerprint: options.keyFingerprint ?? null,
    };
    await writeManifest(target, manifest);
    return manifest;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await database.close();
  }
}

/**
 * Renames one schema to another in a plain SQL script from `pg_restore --file=-`, touching only
 * SQL: identifiers equal to `from` that qualify a name (`from.table`) or follow the keyword
 * SCHEMA, and string literals that are exactly a qualified name (`'from.seq'::regclass`).
 * String literals otherwise, quoted identifiers of other names, comments, dollar-quoted bodies,
 * psql meta-commands and COPY data are passed through unchanged.
 */
export class SchemaRenamer {
  private mode: 'sql' | 'string' | 'dollar' | 'comment' = 'sql';
  private escapes = false;
  private dollarTag = '';
  private literalStart = -1;
  private previousWord = '';
  private inCopyData = false;
  private readonly qualifiedLiteral: RegExp;

  constructor(
    private readonly from: string,
    private readonly to: string,
  ) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.qualifiedLiteral = new RegExp(`^(?:${escaped}|"${escaped.replaceAll('"', '""')}")\\.((?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+"))$`);
  }

  /** Rewrites one line of the script (without its line break). */
  line(text: string): string {
    if (this.inCopyData) {
      if (text === '\\.') this.inCopyData = false;
      return text;
    }
    if (this.mode === 'sql' && text.startsWith('\\')) return text;
    const startsInSql = this.mode === 'sql';
    let out = '';
    let i = 0;
    while (i < text.length) {
      if (this.mode === 'string') {
        const c = text[i]!;
        if (this.escapes && c === '\\') {
          out += text.slice(i, i + 2);
          i += 2;
        } else if (c === "'" && text[i + 1] === "'") {
          out += "''";
          i += 2;
        } else if (c === "'") {
          out += c;
          i += 1;
          this.mode = 'sql';
          if (this.literalStart >= 0) {
            const content = out.slice(this.literalStart + 1, -1);
            const match = this.qualifiedLiteral.exec(content);
            if (match) out = `${out.slice(0, this.literalStart)}'${quoteIdent(this.to).replaceAll("'", "''")}.${match[1]!.replaceAll("'", "''")}'`;
          }
        } else {
          out += c;
          i += 1;
        }
        continue;
      }
      if (this.mode === 'dollar') {
        const end = text.indexOf(this.dollarTag, i);
        if (end < 0) {
          out += text.slice(i);
          i = text.length;
        } else {
          out += text.slice(i, end + this.dollarTag.length);
          i = end + this.dollarTag.length;
          this.mode = 'sql';
        }
        continue;
      }
      if (this.mode === 'comment') {
        const end = text.indexOf('*/', i);
        if (end < 0) {
          out += text.slice(i);
          i = text.length;
        } else {
          out += text.slice(i, end + 2);
          i = end + 2;
          this.mode = 'sql';
        }
        continue;
      }
      const c = text[i]!;
      const before = i > 0 ? text[i - 1]! : '';
      if (c === '-' && text[i + 1] === '-') {
        out += text.slice(i);
        break;
      }
      if (c === '/' && text[i + 1] === '*') {
        this.mode = 'comment';
        out += '/*';
        i += 2;
        continue;
      }
      if (c === "'") {
        this.escapes = before === 'E' || before === 'e';
        this.mode = 'string';
        this.literalStart = out.length;
        out += c;
        i += 1;
        this.previousWord = '';
        continue;
      }
      if (c === '$' && !/[A-Za-z0-9_$]/.test(before)) {
        const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
        if (tag) {
          this.mode = 'dollar';
          this.dollarTag = tag[0];
          out += tag[0];
          i += tag[0].length;
          continue;
        }
      }
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
        const name = text.slice(i + 1, j).replaceAll('""', '"');
        out += this.identifier(name, text.slice(i, j + 1), text[j + 1]);
        this.previousWord = '';
        i = j + 1;
        continue;
      }
      if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(before)) {
        const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))![0];
        out += this.identifier(word.toLowerCase(), word, text[i + word.length]);
        this.previousWord = word.toUpperCase();
        i += word.length;
        continue;
      }
      if (!/\s/.test(c)) this.previousWord = '';
      out += c;
      i += 1;
    }
    // A literal that runs over a line end is passed through as it is.
    if (this.mode === 'string') this.literalStart = -1;
    if (startsInSql && this.mode === 'sql' && /^COPY \S.* FROM stdin;$/.test(text)) this.inCopyData = true;
    return out;
  }

  private identifier(name: string, original: string, next: string | undefined): string {
    if (name === this.from && (next === '.' || this.previousWord === 'SCHEMA')) return quoteIdent(this.to);
    return original;
  }
}

/** Renames a schema in a whole script; see SchemaRenamer. */
export function renameSchemaInScript(script: string, from: string, to: string): string {
  const renamer = new SchemaRenamer(from, to);
  return script
    .split('\n')
    .map((line) => renamer.line(line))
    .join('\n');
}

/** SchemaRenamer as a stream over the bytes of a script: COPY data lines pass through as bytes. */
class SchemaRenamingStream extends Transform {
  private readonly renamer: SchemaRenamer;
  private rest: Buffer = Buffer.alloc(0);

  constructor(from: string, to: string) {
    super();
    this.renamer = new SchemaRenamer(from, to);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let data = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const out: Buffer[] = [];
    for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a)) {
      // A line break byte never occurs inside a UTF-8 sequence, so lines split safely as bytes.
      out.push(Buffer.from(`${this.renamer.line(data.subarray(0, newline).toString('utf8'))}\n`, 'utf8'));
      data = data.subarray(newline + 1);
    }
    this.rest = Buffer.from(data);
    callback(null, out.length ? Buffer.concat(out) : undefined);
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.rest.length ? Buffer.from(this.renamer.line(this.rest.toString('utf8')), 'utf8') : undefined);
  }
}

/**
 * Loads a custom-format dump of `sourceSchema` into `targetSchema` (which must not exist):
 * `pg_restore --file=-` turns the archive into SQL, SchemaRenamer moves it to the new schema,
 * and `psql --single-transaction` applies it, all or nothing.
 */
async function loadDump(file: string, sourceSchema: string, targetSchema: string, url: string): Promise<void> {
  const { dbname, env } = toolConnection(url);
  const restore = startTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--file=-', file], env, ['ignore', 'pipe', 'pipe']);
  const apply = startTool('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', `--dbname=${dbname}`, '--file=-'], env, ['pipe', 'ignore', 'pipe']);
  const piped = pipeline(restore.child.stdout!, new SchemaRenamingStream(sourceSchema, targetSchema), apply.child.stdin!).catch((err: unknown) => err);
  const [restored, applied, pipeError] = await Promise.all([restore.done, apply.done, piped]);
  // psql first: when it stops on an error, pg_restore fails only because its reader went away.
  if (applied.code !== 0) throw toolFailed('psql', applied);
  if (restored.code !== 0) throw toolFailed('pg_restore', restored);
  if (pipeError) throw pipeError;
}

/** A schema name of at most 63 bytes (PostgreSQL's identifier limit). */
function schemaName(base: string, suffix: string): string {
  return `${base.slice(0, 63 - suffix.length)}${suffix}`;
}

/**
 * Restores a PostgreSQL backup into `targetSchema` of the database at `url`.
 *
 * A dump names its schema everywhere, and pg_restore cannot map it to another, so restoring
 * into a new schema (a drill next to the live one, or a second tenant) goes through a staging
 * schema: the dump's SQL is rewritten to `chengxin_restore_<random>` (see SchemaRenamer), loaded
 * in one transaction, checked against the manifest's digest, and only then renamed to the
 * target in one transaction. A target that holds anything is refused unless `force`; with
 * `force` it is renamed aside to `<target>_replaced_<time>`, never dropped. An existing but
 * empty target schema is dropped. Owners and grants are not restored (--no-owner
 * --no-privileges): the restoring role owns the objects.
 */
export async function restorePostgres(file: string, url: string, targetSchema: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const backupFile = path.resolve(backupPathFor(file));
  const manifest = await readBackupManifest(backupFile);
  if (manifest.engine !== 'postgres' || !manifest.schema) {
    throw new BackupError('backup.engine_mismatch', `${backupFile} is a ${manifest.engine} backup, not PostgreSQL / 该备份不是 PostgreSQL 备份`, { engine: manifest.engine });
  }
  await checkBackupFile(backupFile, manifest);
  const database = await openPostgresPlain(url);
  try {
    const db = database.db.withoutPlugins();
    const targetExists = await schemaExists(db, targetSchema);
    const targetEmpty = targetExists && (await schemaIsEmpty(db, targetSchema));
    if (targetExists && !targetEmpty && !options.force) {
      throw new BackupError(
        'backup.target_not_empty',
        `schema "${targetSchema}" already holds data; pass --force to replace it (it is kept aside) / 目标模式 (schema) 已有数据，如需替换请使用 --force（原数据会被保留）`,
        { target: targetSchema },
      );
    }
    const staging = `chengxin_restore_${randomBytes(6).toString('hex')}`;
    let restored: DigestResult;
    try {
      await loadDump(backupFile, manifest.schema, staging, url);
      restored = await digestPostgres(database, staging, options.onProgress);
      const differences = compareDigests(manifest, restored);
      if (differences.length || restored.digest !== manifest.digest) throw mismatchError(differences);
    } catch (err) {
      await sql.raw(`drop schema if exists ${quoteIdent(staging)} cascade`).execute(db);
      throw err;
    }
    const replaced = targetExists && !targetEmpty ? schemaName(targetSchema, `_replaced_${stamp(options.now ?? new Date())}`) : null;
    try {
      await db.transaction().execute(async (tx) => {
        if (replaced) await sql.raw(`alter schema ${quoteIdent(targetSchema)} rename to ${quoteIdent(replaced)}`).execute(tx);
        else if (targetExists) await sql.raw(`drop schema ${quoteIdent(targetSchema)} restrict`).execute(tx);
        await sql.raw(`alter schema ${quoteIdent(staging)} rename to ${quoteIdent(targetSchema)}`).execute(tx);
      });
    } catch (err) {
      await sql.raw(`drop schema if exists ${quoteIdent(staging)} cascade`).execute(db);
      throw err;
    }
    return { manifest, target: targetSchema, replaced, restored };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/**
 * Compares a database's content with a backup manifest, table by table. Works across engines:
 * a SQLite backup verifies against a PostgreSQL database holding the same data.
 */
export async function verifyBackup(manifestFile: string, database: Database, options: { onProgress?: ProgressListener } = {}): Promise<VerifyResult> {
  const manifest = await readBackupManifest(manifestFile);
  const actual = await contentDigest(database, options);
  const differences = compareDigests(manifest, actual);
  return {
    equal: differences.length === 0 && manifest.digest === actual.digest,
    expectedDigest: manifest.digest,
    actualDigest: actual.digest,
    expectedSchemaVersion: manifest.schemaVersion,
    actualSchemaVersion: actual.schemaVersion,
    differences,
  };
}
