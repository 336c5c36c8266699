import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { loadConfig, type Config } from '../../config/index.ts';
import { keyFilePath, keyIdOf, signingKeyFrom } from '../../shared/keys.ts';
import { systemContext } from '../../shared/context.ts';
import { openRuntime } from '../../runtime.ts';
import { REPORT_FORMATS, REPORT_TYPES, verifyReportFile, type ReportFormat, type ReportType } from '../../modules/queries/index.ts';

// 《河南省社会信用条例》第四十条: a counter prints the report for the person present.
const COUNTER_PURPOSE = '窗口打印信用报告（本人到场申请，《河南省社会信用条例》第四十条）';

/**
 * The key a report must be signed with, without opening the database: `--public-key`, else the
 * configured signing key (CHENGXIN_AUDIT_SIGNING_KEY), else the one in DATA_DIR/keys.json. Never
 * the key inside the file: anyone can sign a file with a key of their own.
 */
function trustedKey(config: Config, given: string | undefined): { publicKey: string; keyId: string } {
  if (given) return { publicKey: given.toLowerCase(), keyId: keyIdOf(given.toLowerCase()) };
  if (config.signingKeyHex) return signingKeyFrom(config.signingKeyHex);
  const file = keyFilePath(config.dataDir);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { signingKey?: string };
    if (stored.signingKey) return signingKeyFrom(stored.signingKey);
  }
  throw new Error("no platform key here: pass --public-key HEX (GET /api/v1/audit/public-key) / 请用 --public-key 指定平台公钥");
}

/**
 * `chengxin report CODE [--type personal|professional] [--profession CODE] --format pdf|html|json
 * --out FILE`: prints a signed report for the person in front of the counter (logged as such);
 * `chengxin report verify FILE [--public-key HEX]`: checks a report offline, exit 0 valid, 2 invalid.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('print a signed credit report for the person present, or verify one offline / 打印或离线核验信用报告')
    .argument('<code>', 'citizen code of the person present, or `verify` / 公民身份号码，或 verify')
    .argument('[file]', 'with `verify`: the PDF or JSON report / 待核验的报告文件')
    .addOption(new Option('--type <type>', 'report type / 报告类型').choices(REPORT_TYPES).default('personal'))
    .option('--profession <code>', 'key profession code, for a professional report / 重点职业代码')
    .addOption(new Option('--format <format>', 'file format / 格式').choices(REPORT_FORMATS).default('pdf'))
    .option('--out <file>', 'where to write the report / 输出文件')
    .option('--purpose <text>', 'why it is printed (logged) / 用途', COUNTER_PURPOSE)
    .option('--public-key <hex>', "with `verify`: the platform's published SM2 public key")
    .option('--json', 'print the result as one JSON line')
    .action(async (code: string, file: string | undefined, opts: { type: ReportType; profession?: string; format: ReportFormat; out?: string; purpose: string; publicKey?: string; json?: boolean }) => {
      const config = loadConfig();
      if (code === 'verify') {
        if (!file) throw new Error('usage: chengxin report verify FILE / 请指定报告文件');
        const check = verifyReportFile(readFileSync(file), trustedKey(config, opts.publicKey));
        const summary = check.valid
          ? { valid: true, number: check.report.content.number, type: check.report.content.type, issuedAt: check.report.content.issuedAt, subject: check.report.content.subject.codeMasked }
          : { valid: false, reason: check.reason };
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(summary)}\n`
            : check.valid
              ? `校验通过 / valid: ${check.report.content.number} (${check.report.content.type}) issued ${check.report.content.issuedAt}\n`
              : `校验失败 / INVALID: ${check.reason}\n`,
        );
        if (!check.valid) process.exitCode = 2;
        return;
      }
      if (!opts.out) throw new Error('--out FILE is required / 请用 --out 指定输出文件');
      const runtime = await openRuntime(config);
      try {
        const { reports } = runtime.services;
        const ctx = { ...systemContext('cli', opts.purpose), legalBasis: '《河南省社会信用条例》第四十条' };
        const personId = await reports.personIdForCode(ctx, code);
        const rendered = await reports.issueFile(ctx, personId, 'cli', { type: opts.type, profession: opts.profession, format: opts.format });
        writeFileSync(opts.out, rendered.body);
        const { number, verificationCode } = rendered.report.content;
        process.stdout.write(
          opts.json ? `${JSON.stringify({ number, verificationCode, file: opts.out })}\n` : `报告编号 number ${number}  验证码 code ${verificationCode}  → ${opts.out}\n`,
        );
      } finally {
        await runtime.close();
      }
    });
}
