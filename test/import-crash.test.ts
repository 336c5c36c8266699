import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/db.ts';
import { runCli } from './helpers/cli.ts';
import { penaltyCsv, penaltyRow } from '../src/modules/records/test-factories.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROWS = 30_000;
/** Every 97th row has a wrong check character: refused rows must be counted exactly once too. */
const isBad = (i: number) => i % 97 === 5;

/**
 * Exactly once across a crash (issue 4): `chengxin import` is killed with SIGKILL in the middle of
 * a file, resumed with --resume, and the file is then imported again plainly. Every good row is
 * stored once, every bad row reported once, and the job's counters add up to the file.
 */
describeEachDatabase('import killed with kill -9', (get) => {
  it(`resumes after the last committed chunk and stores each of ${ROWS} rows exactly once`, { timeout: 240_000 }, async () => {
    const db = get();
    const department = (await db.services.accounts.listDepartments())[0]!;
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const row = penaltyRow(i, { organization: i % 4 === 0, docNumber: `济市监罚〔2026〕crash-${i}号` });
      if (isBad(i)) row[i % 4 === 0 ? 2 : 7] = `${row[i % 4 === 0 ? 2 : 7]!.slice(0, 17)}Z`;
      return row;
    });
    const bad = rows.filter((_, i) => isBad(i)).length;
    const file = path.join(db.dataDir, 'crash.csv');
    writeFileSync(file, penaltyCsv(rows));
    const env = { ...db.env, CHENGXIN_NOW: '2026-11-30T09:00:00+08:00' };

    // 1. Start the import and kill it once the job shows committed progress.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', file, '--dept', department.orgCode, '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(signal === 'SIGKILL' ? -9 : code)));
    let jobId: string | undefined;
    let killedAt = 0;
    for (let tries = 0; tries < 2400 && jobId === undefined; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      const job = await db.database.db.selectFrom('importJobs').select(['id', 'lastCommittedRow']).where('source', '=', 'cli').executeTakeFirst();
      if (job && job.lastCommittedRow > 0) {
        child.kill('SIGKILL');
        jobId = job.id as string;
        killedAt = job.lastCommittedRow as number;
      }
    }
    expect(jobId, `the import never committed a chunk: ${stderr}`).toBeDefined();
    expect(await exited).toBe(-9);
    const interrupted = (await db.services.records.findJob(jobId!))!;
    expect(interrupted.status).toBe('running');
    expect(interrupted.rowsProcessed).toBeGreaterThanOrEqual(killedAt - 1);
    expect(interrupted.rowsProcessed).toBeLessThan(ROWS);
    // What was committed is consistent: every processed row is either stored or reported.
    const storedBefore = await db.services.records.countRecords();
    expect(storedBefore).toBe(interrupted.accepted);

    // 2. Resume: continues after the last committed row.
    const resumed = await runCli(['import', file, '--dept', department.orgCode, '--resume', jobId!, '--json'], env, 180_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout.trim().split('\n').pop()!);
    expect(summary).toEqual({ jobId, accepted: ROWS - bad, rejected: bad, unchanged: 0, versioned: 0 });
    const job = (await db.services.records.findJob(jobId!))!;
    expect(job).toMatchObject({ status: 'done', rowsProcessed: ROWS, processedBytes: job.totalBytes });
    expect(await db.services.records.countRecords()).toBe(ROWS - bad);
    const errorRows = await db.database.db.selectFrom('importRowErrors').select('rowNumber').where('jobId', '=', jobId!).execute();
    expect(errorRows).toHaveLength(bad);
    expect(new Set(errorRows.map((r) => r.rowNumber)).size).toBe(bad);

    // 3. A plain re-run of the same file: idempotent, nothing added.
    const rerun = await runCli(['import', file, '--dept', department.orgCode, '--json'], env, 180_000);
    expect(rerun.code, rerun.stderr).toBe(0);
    const again = JSON.parse(rerun.stdout.trim().split('\n').pop()!);
    expect(again).toMatchObject({ accepted: 0, rejected: bad, unchanged: ROWS - bad, versioned: 0 });
    expect(await db.services.records.countRecords()).toBe(ROWS - bad);
    const versions = await db.database.db.selectFrom('creditRecordVersions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(versions.n)).toBe(ROWS - bad);
  });

  it('a killed import re-run plainly (no --resume) also ends with every row once', { timeout: 240_000 }, async () => {
    const db = get();
    const department = (await db.services.accounts.listDepartments())[1]!;
    const rows = Array.from({ length: 20_000 }, (_, i) => penaltyRow(50_000 + i, { docNumber: `plain-${i}` }));
    const file = path.join(db.dataDir, 'crash-plain.csv');
    writeFileSync(file, penaltyCsv(rows));
    const env = { ...db.env, CHENGXIN_NOW: '2026-11-30T09:00:00+08:00' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', file, '--dept', department.orgCode], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    let committed = 0;
    for (let tries = 0; tries < 2400 && committed === 0; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      const job = await db.database.db
        .selectFrom('importJobs')
        .select(['lastCommittedRow'])
        .where('departmentId', '=', department.id)
        .where('source', '=', 'cli')
        .executeTakeFirst();
      if (job && job.lastCommittedRow > 0) {
        child.kill('SIGKILL');
        committed = job.lastCommittedRow as number;
      }
    }
    await exited;
    expect(committed).toBeGreaterThan(0);
    const rerun = await runCli(['import', file, '--dept', department.orgCode, '--json'], env, 180_000);
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout.trim().split('\n').pop()!);
    expect(summary.accepted + summary.unchanged).toBe(rows.length);
    expect(summary.unchanged).toBeGreaterThan(0);
    expect(await db.services.records.countRecords({ departmentId: department.id })).toBe(rows.length);
  });

  it('a file that cannot be read exits 1 with the reason in Chinese and English, and creates no job', { timeout: 60_000 }, async () => {
    const db = get();
    const department = (await db.services.accounts.listDepartments())[2]!;
    const file = path.join(db.dataDir, 'not-a-sheet.pdf');
    writeFileSync(file, '%PDF-1.7\n%âãÏÓ\n');
    const result = await runCli(['import', file, '--dept', department.orgCode, '--json'], db.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('文件不是 CSV 或 XLSX');
    expect(result.stderr).toContain('neither CSV nor XLSX');
    expect(result.stdout).toBe('');
    const jobs = await db.database.db.selectFrom('importJobs').select('id').where('departmentId', '=', department.id).execute();
    expect(jobs).toHaveLength(0);
  });
});
