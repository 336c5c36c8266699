import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { fixedClock } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/context.ts';
import { seedReportSubject } from '../src/modules/queries/test-factories.ts';
import { bench, freshRuntime, numberOption } from './common.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function timed(times: number, run: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Credit reports for a person with `--records` (200) records: the signed JSON report (gather
 * records, lists, catalog and access log; build; canonicalise; SM2-sign; register with its
 * access-log entry, durably) and the signed PDF, next to a raw read of the same rows
 * (`SELECT * FROM credit_records WHERE person_id = ?`) on the same database in the same run.
 */
export async function report(args: string[]): Promise<void> {
  const records = numberOption(args, 'records', 200);
  const iterations = numberOption(args, 'iterations', 200);
  const pdfIterations = numberOption(args, 'pdf-iterations', 30);
  // Records are decided on 2026-03-05; the report is issued while they are published.
  const runtime = await freshRuntime(undefined, fixedClock('2026-12-01T09:00:00+08:00'));
  const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-bench-report-'));
  try {
    // Six records besides the penalties: an archived penalty, 失信被执行人, 道德模范 and two licences.
    const subject = await seedReportSubject(runtime.services, 7, { dir, password: 'Bench-Report-Password-1', penalties: Math.max(1, records - 5) });
    const { reports, database } = runtime.services;
    const ctx = systemContext('cli', 'bench report');
    const request = { type: 'personal', format: 'json' } as const;
    const issueJson = async () => (await reports.issueFile(ctx, subject.personId, 'cli', request)).body;
    const raw = () => sql`SELECT * FROM credit_records WHERE person_id = ${subject.personId}`.execute(database.db);
    const stored = (await raw()).rows.length;
    process.stderr.write(`report on ${runtime.engine}: person with ${stored} records; ${iterations} JSON, ${pdfIterations} PDF reports\n`);
    // Warm both paths and the font (parsed once per process) before timing.
    for (let i = 0; i < 5; i++) await Promise.all([issueJson(), raw()]);
    await reports.issueFile(ctx, subject.personId, 'cli', { ...request, format: 'pdf' });

    const rawTimes = await timed(iterations, raw);
    const jsonTimes = await timed(iterations, issueJson);
    const pdfTimes = await timed(pdfIterations, () => reports.issueFile(ctx, subject.personId, 'cli', { ...request, format: 'pdf' }));
    const sample = JSON.parse((await issueJson()).toString('utf8')) as { content: { records: Record<string, unknown[]> } };
    process.stderr.write(`  records in the report: ${Object.values(sample.content.records).reduce((n, list) => n + list.length, 0)} (the archived penalty is left out)\n`);
    bench('report', {
      engine: runtime.engine,
      records: stored,
      json_p50_ms: round(percentile(jsonTimes, 50)),
      json_p99_ms: round(percentile(jsonTimes, 99)),
      pdf_p50_ms: round(percentile(pdfTimes, 50)),
      raw_ms: round(percentile(rawTimes, 50)),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await runtime.dispose();
  }
}
