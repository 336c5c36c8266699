import { CompiledQuery, sql } from 'kysely';
import type { Executor } from './index.ts';

/**
 * Bulk writes for ingestion, built as plain SQL text: Kysely's builder parses every value into a
 * node and compiles it back, which cost more than SQLite's own work on a million-row import.
 * SQLite gets multi-row `INSERT … VALUES` under its 32,766 bound parameters; PostgreSQL gets one
 * array per column (`INSERT … SELECT * FROM unnest($1::text[], …)`), one statement whatever the
 * row count, which it parses and binds far faster than tens of thousands of parameters.
 */

const MAX_PARAMETERS = 32_000;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `$n` (PostgreSQL) rather than `?` (SQLite): asked of the executor's own compiler, once per executor. */
const numbered = new WeakMap<object, boolean>();
function usesNumberedParameters(db: Executor): boolean {
  let answer = numbered.get(db);
  if (answer === undefined) {
    answer = sql`${0}`.compile(db).sql.startsWith('$');
    numbered.set(db, answer);
  }
  return answer;
}

/** `(?,?,…),(?,?,…)…` for SQLite. */
function placeholders(rows: number, columns: number): string {
  const group = `(${'?,'.repeat(columns - 1)}?)`;
  return `${group},`.repeat(rows - 1) + group;
}

export interface BulkInsertOptions {
  /** `ON CONFLICT (column) DO NOTHING`: rows whose unique key is already stored are skipped. */
  skipConflictsOn?: string;
}

/**
 * Inserts `rows` into `table` (snake_case name); the rows share one shape, their camelCase keys
 * naming the columns as the CamelCasePlugin does. Returns how many rows were inserted (fewer than
 * given when conflicts were skipped).
 */
export async function insertMany(db: Executor, table: string, rows: readonly object[], options: BulkInsertOptions = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!);
  const head = `insert into "${table}" (${columns.map((c) => `"${snake(c)}"`).join(', ')}) `;
  const tail = options.skipConflictsOn === undefined ? '' : ` on conflict ("${snake(options.skipConflictsOn)}") do nothing`;
  if (usesNumberedParameters(db)) {
    const arrays = columns.map((column) => rows.map((row) => (row as Record<string, unknown>)[column] ?? null));
    // Our numeric columns are integers and never null; every other value is text.
    const types = arrays.map((values) => (values.some((v) => typeof v === 'number') ? 'int8' : 'text'));
    const result = await db.executeQuery(CompiledQuery.raw(`${head}select * from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})${tail}`, arrays));
    return Number(result.numAffectedRows ?? 0);
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const batch = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    for (const row of batch) for (const column of columns) parameters.push((row as Record<string, unknown>)[column] ?? null);
    const result = await db.executeQuery(CompiledQuery.raw(`${head}values ${placeholders(batch.length, columns.length)}${tail}`, parameters));
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return inserted;
}

/**
 * `select … from table where a = ? and … and key in (…)` as plain SQL, for the per-chunk lookups
 * (thousands of keys; the builder's cost per value is the same as an insert's); on PostgreSQL
 * `key = any($n)` with the keys as one array. Columns are camelCase (`'*'` for all); rows come
 * back camelCased by the plugin like any other query.
 */
export async function selectWhereIn<R>(
  db: Executor,
  table: string,
  columns: readonly string[] | '*',
  equal: Readonly<Record<string, unknown>>,
  key: string,
  values: readonly unknown[],
): Promise<R[]> {
  if (values.length === 0) return [];
  const numberedStyle = usesNumberedParameters(db);
  const fixed = Object.entries(equal);
  const select = columns === '*' ? '*' : columns.map((c) => `"${snake(c)}"`).join(', ');
  if (numberedStyle) {
    // PostgreSQL: the keys as one array parameter.
    const conditions = fixed.map(([column], i) => `"${snake(column)}" = $${i + 1}`);
    conditions.push(`"${snake(key)}" = any($${fixed.length + 1})`);
    const result = await db.executeQuery<R>(CompiledQuery.raw(`select ${select} from "${table}" where ${conditions.join(' and ')}`, [...fixed.map(([, v]) => v), values]));
    return result.rows;
  }
  const out: R[] = [];
  const perStatement = MAX_PARAMETERS - fixed.length;
  for (let i = 0; i < values.length; i += perStatement) {
    const batch = values.slice(i, i + perStatement);
    const conditions = fixed.map(([column]) => `"${snake(column)}" = ?`);
    conditions.push(`"${snake(key)}" in (${'?,'.repeat(batch.length - 1)}?)`);
    const result = await db.executeQuery<R>(CompiledQuery.raw(`select ${select} from "${table}" where ${conditions.join(' and ')}`, [...fixed.map(([, v]) => v), ...batch]));
    out.push(...result.rows);
  }
  return out;
}
