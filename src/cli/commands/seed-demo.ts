import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../../config/index.ts';
import { openRuntime } from '../../runtime.ts';
import { seedDemo } from '../../demo/index.ts';

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
    .option('--json', 'print {persons, organizations, users, seed} (what was added) as one JSON line')
    .action(async (opts: { persons: string; seed: string; json?: boolean }) => {
      const persons = wholeNumber('--persons', opts.persons, 1, MAX_PERSONS);
      const seed = wholeNumber('--seed', opts.seed, 0, 2 ** 31 - 1);
      const runtime = await openRuntime(loadConfig());
      const bar =
        !opts.json && process.stderr.isTTY
          ? new SingleBar({ stream: process.stderr, format: '  persons 自然人 [{bar}] {value}/{total} {percentage}% eta {eta_formatted}', hideCursor: true }, Presets.shades_classic)
          : null;
      try {
        bar?.start(persons, 0);
        const summary = await seedDemo(runtime.services, { persons, seed, onProgress: (done) => bar?.update(done) });
        bar?.stop();
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(summary)}\n`
            : `demo city (seed ${summary.seed}): added ${summary.persons} persons, ${summary.organizations} organizations, ${summary.users} users / 已生成演示数据\n`,
        );
      } finally {
        bar?.stop();
        await runtime.close();
      }
    });
}
