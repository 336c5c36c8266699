import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../config/index.ts';
import { systemContext } from '../../shared/context.ts';
import { openRuntime } from '../../runtime.ts';
import type { ImportJob, ImportProgress } from '../../modules/records/index.ts';

/**
 * `chengxin import FILE --dept ORGCODE [--item CODE] [--resume JOB] [--json]`: the CLI way into the
 * ingestion pipeline (issue 4). Progress by bytes on stderr; a human summary, or with --json one
 * last stdout line `{"jobId","accepted","rejected","unchanged","versioned"}`. Exit 0 when the file
 * was processed (even with refused rows), 1 when it could not be read.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV/XLSX file (双公示 or a catalog item’s layout) for a department / 导入信用信息文件')
    .argument('<file>', 'CSV (UTF-8 or GB18030) or XLSX file / 文件')
    .requiredOption('--dept <orgCode>', 'submitting department (统一社会信用代码) / 报送部门')
    .option('--item <code>', 'catalog item; inferred from a 双公示 header when absent / 信息项代码')
    .option('--resume <jobId>', 'continue a job that was interrupted, after its last committed row / 续传作业')
    .option('--json', 'end with one JSON line on stdout')
    .action(async (file: string, opts: { dept: string; item?: string; resume?: string; json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      const bar = process.stderr.isTTY && !opts.json ? new SingleBar({ stream: process.stderr, format: ' {bar} {percentage}% | {value}/{total} B | {rows} rows' }, Presets.shades_classic) : null;
      let started = false;
      const onProgress = (p: ImportProgress) => {
        if (bar === null) return;
        if (!started) {
          bar.start(p.totalBytes ?? 0, 0, { rows: 0 });
          started = true;
        }
        bar.update(p.processedBytes, { rows: p.rowsProcessed });
      };
      try {
        const { records } = runtime.services;
        const ctx = systemContext('cli', `chengxin import ${opts.dept}`);
        let job: ImportJob;
        if (opts.resume) {
          const existing = await records.findJob(opts.resume);
          const department = await runtime.services.accounts.findDepartmentByOrgCode(opts.dept.trim().toUpperCase());
          if (existing !== null && existing.departmentId !== department.id) throw new Error(`job ${opts.resume} belongs to another department / 该作业不属于此部门`);
          job = await records.resumeImport(ctx, opts.resume, { file, onProgress });
        } else {
          job = await records.importFile(ctx, { file, departmentOrgCode: opts.dept, itemCode: opts.item, onProgress });
        }
        if (started) bar?.stop();
        if (job.status === 'failed') {
          const message = job.error ? `${job.error.message.zh} / ${job.error.message.en} [${job.error.code}]` : 'failed';
          process.stderr.write(`${message}\n`);
          process.exitCode = 1;
        }
        const summary = { jobId: job.id, accepted: job.accepted, rejected: job.rejected, unchanged: job.unchanged, versioned: job.versioned };
        if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          process.stdout.write(
            [
              `作业 job ${job.id}  ${job.itemCode} ${job.itemName}  (${job.layout ?? '-'})`,
              `  行数 rows ${job.rowsProcessed}: 新增 accepted ${job.accepted}, 未变化 unchanged ${job.unchanged}, 新版本 versioned ${job.versioned}, 退回 rejected ${job.rejected}`,
              `  核查期限 due ${job.dueDate}${job.rejected > 0 ? `  错误报告 error report: GET /api/v1/records/jobs/${job.id}/errors?format=xlsx` : ''}`,
              '',
            ].join('\n'),
          );
        }
      } finally {
        if (started) bar?.stop();
        await runtime.close();
      }
    });
}
