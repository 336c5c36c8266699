import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { openRuntime } from '../../runtime.ts';
import { checkAccessLogDownload, type AccessLogDownload } from '../../modules/audit/download.ts';
import type { LedgerReport, SignedTreeHead } from '../../modules/audit/index.ts';

const WITNESS_FORMAT = 'chengxin.audit-witness.v1';

interface WitnessFile {
  format: typeof WITNESS_FORMAT;
  exportedAt: string;
  publicKey: string;
  keyId: string;
  heads: SignedTreeHead[];
}

function printReport(report: LedgerReport): void {
  const lines = [
    report.ok ? '访问日志完整 / access log intact' : '访问日志被篡改 / ACCESS LOG TAMPERED',
    `  entries 条目: ${report.entries}   signed heads checked 已校验树头: ${report.headsChecked}   pending 待入树: ${report.pending}`,
  ];
  if (report.latestHead) lines.push(`  latest head 最新树头: size ${report.latestHead.treeSize} root ${report.latestHead.rootHash} at ${report.latestHead.signedAt}`);
  for (const p of report.problems) lines.push(`  [${p.kind}] ${p.detail}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('tamper-evident access log / 访问日志（防篡改）');

  audit
    .command('verify')
    .description('check every entry against the signed tree heads; names each altered, removed or reordered entry / 校验访问日志')
    .option('--witness <file>', 'tree heads exported earlier to an external witness; they are trusted over the database')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { witness?: string; json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        let trustedHeads: SignedTreeHead[] | undefined;
        let trustedPublicKeys: string[] | undefined;
        if (opts.witness) {
          const witness = JSON.parse(readFileSync(opts.witness, 'utf8')) as WitnessFile;
          if (witness.format !== WITNESS_FORMAT) throw new Error(`${opts.witness}: not a witness file (${WITNESS_FORMAT})`);
          trustedHeads = witness.heads;
          trustedPublicKeys = [witness.publicKey];
        }
        const report = await runtime.services.ledger.verify({ ...(trustedHeads ? { trustedHeads } : {}), ...(trustedPublicKeys ? { trustedPublicKeys } : {}) });
        if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else printReport(report);
        if (!report.ok) process.exitCode = 2;
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('sign')
    .description('sequence pending entries and sign a tree head now / 立即签发树头')
    .option('--json')
    .action(async (opts: { json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const head = (await runtime.services.ledger.signTreeHead()) ?? (await runtime.services.ledger.latestHead()) ?? null;
        process.stdout.write(opts.json ? `${JSON.stringify(head)}\n` : head ? `tree head 树头: size ${head.treeSize} root ${head.rootHash}\n` : 'the access log is empty / 日志为空\n');
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('export-heads')
    .description('write the signed tree heads to a witness file kept outside the platform / 导出签名树头供外部见证')
    .requiredOption('--out <file>')
    .action(async (opts: { out: string }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const { ledger, clock } = runtime.services;
        await ledger.signTreeHead();
        const { publicKey, keyId } = ledger.publicKey();
        const witness: WitnessFile = { format: WITNESS_FORMAT, exportedAt: clock.now().toISOString(), publicKey, keyId, heads: await ledger.heads() };
        writeFileSync(opts.out, `${JSON.stringify(witness, null, 2)}\n`);
        process.stdout.write(`wrote ${witness.heads.length} signed head(s) to ${opts.out} / 已导出\n`);
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('check-download <file>')
    .description('check a downloaded personal access log offline, without the database / 离线校验个人访问日志')
    .option('--public-key <hex>', "the platform's published SM2 public key (default: the one in the file)")
    .option('--json')
    .action((file: string, opts: { publicKey?: string; json?: boolean }) => {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as AccessLogDownload;
      const result = checkAccessLogDownload(doc, opts.publicKey);
      if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(
          `${result.ok ? '校验通过 / valid' : '校验失败 / INVALID'}: ${result.checked} entries proven, ${result.pending} pending\n` +
            result.failures.map((f) => `  entry ${f.seq ?? '-'} (${f.id}): ${f.reason}\n`).join(''),
        );
      }
      if (!result.ok) process.exitCode = 2;
    });
}
