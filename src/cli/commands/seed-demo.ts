import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../../config/index.ts';
import { openRuntime } from '../../runtime.ts';
import { DEMO_STANDINGS, seedDemo } from '../../demo/index.ts';

const MAX_PERSONS = 10_000_000;

/** A whole number in [min, max] from an option's text, or an error naming the option in English and Chinese. */
function wholeNumber(option: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new Error(`${option} must be a whole number from ${min} to ${max}, got "${raw}" / ${option} 应为 ${min} 至 ${max} 之间的整数`);
  }
  return value;
}

export function registerSeedDemoCommand(program: Command): void {
  program
    .command('seed-demo')
    .description('add a deterministic synthetic city: persons, organizations, department users (idempotent) / 生成演示数据')
    .option('--persons <n>', `how many persons (1–${MAX_PERSONS})`, '300')
    .option('--seed <s>', 'random seed; the same seed gives the same city', '1')
    .option('--listed <n>', 'persons put on the serious-dishonesty list (through the listing workflow)', String(DEMO_STANDINGS.listed))
    .option('--red-listed <n>', 'persons put on the red list', String(DEMO_STANDINGS.redListed))
    .option('--clean <n>', 'persons left with no bad record, to compare', String(DEMO_STANDINGS.clean))
    .option('--json', 'print {persons, organizations, users, seed, businessToken, bank, listed, redListed, clean} as one JSON line')
    .action(async (opts: { persons: string; seed: string; listed: string; redListed: string; clean: string; json?: boolean }) => {
      const persons = wholeNumber('--persons', opts.persons, 1, MAX_PERSONS);
      const seed = wholeNumber('--seed', opts.seed, 0, 2 ** 31 - 1);
      const standings = {
        listed: wholeNumber('--listed', opts.listed, 0, 10_000),
        redListed: wholeNumber('--red-listed', opts.redListed, 0, 10_000),
        clean: wholeNumber('--clean', opts.clean, 0, 10_000),
      };
      const runtime = await openRuntime(loadConfig());
      const bar =
        !opts.json && process.stderr.isTTY
          ? new SingleBar({ stream: process.stderr, format: '  persons 自然人 [{bar}] {value}/{total} {percentage}% eta {eta_formatted}', hideCursor: true }, Presets.shades_classic)
          : null;
      try {
        bar?.start(persons, 0);
        const summary = await seedDemo(runtime.services, { persons, seed, standings, onProgress: (done) => bar?.update(done) });
        bar?.stop();
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(summary)}\n`
            : [
                `demo city (seed ${summary.seed}): added ${summary.persons} persons, ${summary.organizations} organizations, ${summary.users} users / 已生成演示数据`,
                `  serious-dishonesty list 严重失信: ${summary.listed?.join(' ') ?? '-'}`,
                `  red list 红名单: ${summary.redListed?.join(' ') ?? '-'}`,
                `  clean 无不良记录: ${summary.clean?.join(' ') ?? '-'}`,
                `  business system token 业务系统令牌 (POST /api/v1/sanctions/check): ${summary.businessToken ?? '-'}`,
                `  bank query system 银行查询系统: ${summary.bank ? `${summary.bank.username} → ${summary.bank.organizationName} ${summary.bank.organizationCode}` : '-'}`,
                '',
              ].join('\n'),
        );
      } finally {
        bar?.stop();
        await runtime.close();
      }
    });
}
