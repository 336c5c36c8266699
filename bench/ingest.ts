import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { Presets, SingleBar } from 'cli-progress';
import { systemContext } from '../src/shared/context.ts';
import { csvLine, PENALTY_HEADER, penaltyRow, personCode } from '../src/modules/records/test-factories.ts';
import { bench, freshRuntime, numberOption, perSecond } from './common.ts';

/** Row i of the generated file: nine in ten about a person, one in ten about a company with its legal representative. */
const rowOf = (i: number): string[] => (i % 10 === 9 ? penaltyRow(i, { organization: true, representativeCode: personCode(i + 7) }) : penaltyRow(i));

async function writePenaltyFile(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const started = performance.now();
  if (!out.write(`${csvLine(PENALTY_HEADER)}\r\n`)) await once(out, 'drain');
  for (let i = 0; i < rows; i++) if (!out.write(`${csvLine(rowOf(i))}\r\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return performance.now() - started;
}

/**
 * `npm run bench -- ingest [--rows N]`: N generated rows in the 双公示 administrative-penalty layout
 * (2021 standard, CSV) through the whole pipeline — streaming parse, validation, blind index and
 * SM4 for new subjects, dedup, versions, audit, bounded durable transactions — as `chengxin import`
 * runs it; against a raw bulk insert of the same rows into a bare table of text columns on the same
 * database in the same run. SQLite, then PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
 */
export async function ingest(args: string[]): Promise<void> {
  const rows = numberOption(args, 'rows', 1_000_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-ingest-'));
  const file = path.join(dir, 'penalties.csv');
  try {
    const writeMs = await writePenaltyFile(file, rows);
    process.stderr.write(`ingest: wrote ${rows} rows to ${file} in ${Math.round(writeMs)} ms\n`);
    const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    for (const url of [undefined, ...(pgUrl ? [pgUrl] : [])]) await ingestOn(url, file, rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ingestOn(url: string | undefined, file: string, rows: number): Promise<void> {
  const runtime = await freshRuntime(url);
  const { records, accounts } = runtime.services;
  try {
    // Baseline: the same rows, as text, into a bare table — 500-row statements, 10,000-row transactions.
    const db = runtime.services.database.db as unknown as Kysely<Record<string, Record<string, string>>>;
    const columns = PENALTY_HEADER.map((_, i) => `c${i}`);
    await sql`CREATE TABLE bench_raw_penalties (${sql.raw(columns.map((c) => `${c} TEXT`).join(', '))})`.execute(db);
    let t = performance.now();
    for (let start = 0; start < rows; start += 10_000) {
      await db.transaction().execute(async (tx) => {
        for (let i = start; i < Math.min(rows, start + 10_000); i += 500) {
          const batch = Array.from({ length: Math.min(500, rows - i) }, (_, k) => Object.fromEntries(rowOf(i + k).map((v, c) => [`c${c}`, v])));
          await tx.insertInto('bench_raw_penalties').values(batch).execute();
        }
      });
    }
    const baselineMs = performance.now() - t;

    const department = (await accounts.listDepartments())[0]!;
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: `ingest ${runtime.engine} [{bar}] {percentage}% {value}/{total} bytes` }, Presets.shades_classic) : null;
    let peakRss = process.memoryUsage().rss;
    t = performance.now();
    const job = await records.importFile(systemContext('cli', 'benchmark'), {
      file,
      departmentOrgCode: department.orgCode,
      onProgress: (p) => {
        if (bar && p.totalBytes) {
          if (bar.getTotal() !== p.totalBytes) bar.start(p.totalBytes, 0);
          bar.update(p.processedBytes);
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      },
    });
    const pipelineMs = performance.now() - t;
    bar?.stop();
    if (job.accepted + job.rejected + job.unchanged + job.versioned !== rows || job.rejected !== 0) {
      throw new Error(`the pipeline accounted for ${job.accepted}+${job.rejected}+${job.unchanged}+${job.versioned} of ${rows} rows`);
    }
    const rowsPerS = perSecond(rows, pipelineMs);
    const baselinePerS = perSecond(rows, baselineMs);
    process.stdout.write(
      [
        `engine                 ${runtime.engine}`,
        `pipeline               ${rowsPerS} rows/s  (${rows} rows, job ${job.id}: accepted ${job.accepted}, ${Math.round(pipelineMs)} ms)`,
        `raw bulk insert        ${baselinePerS} rows/s  (same rows as text into a bare table, ${Math.round(baselineMs)} ms)`,
        `peak RSS               ${Math.round(peakRss / 2 ** 20)} MiB`,
        '',
      ].join('\n'),
    );
    bench('ingest', {
      rows_per_s: rowsPerS,
      baseline_rows_per_s: baselinePerS,
      ratio: (rowsPerS / baselinePerS).toFixed(2),
      peak_rss_mb: Math.round(peakRss / 2 ** 20),
      rows,
      engine: runtime.engine,
    });
  } finally {
    await runtime.dispose();
  }
}
