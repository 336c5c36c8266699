import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { systemContext } from '../../shared/context.ts';
import { openRuntime } from '../../runtime.ts';

const PURPOSE = '信用信息共享交换（修复、更正结果报送上级平台）';

/**
 * `chengxin exchange pending [--json]`: the changes owed to the upstream platform, oldest first (a
 * script sending them reads this); `chengxin exchange ack --receipt R ID…`: records the upstream's
 * receipt for those it took. Both are logged like the HTTP routes.
 */
export function registerExchangeCommands(program: Command): void {
  const exchange = program.command('exchange').description('changes owed to the upstream platform / 待报送上级平台的变更');
  exchange
    .command('pending')
    .description('list the changes not yet acknowledged upstream, oldest first / 列出待报送变更')
    .option('--limit <n>', 'at most this many / 最多条数', (v) => Number.parseInt(v, 10), 500)
    .option('--json', 'print one JSON line: {items, total}')
    .action(async (opts: { limit: number; json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const result = await runtime.services.exchange.list(systemContext('cli', PURPOSE), { status: 'pending', limit: opts.limit });
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          for (const c of result.items) process.stdout.write(`${c.id}  ${c.occurredOn}  ${c.kind}  ${c.target.kind}:${c.target.id}  ${c.basis}\n`);
          process.stdout.write(`待报送 pending: ${result.total}\n`);
        }
      } finally {
        await runtime.close();
      }
    });
  exchange
    .command('ack')
    .description("record the upstream's receipt for changes it took / 登记上级平台回执")
    .requiredOption('--receipt <number>', "the upstream platform's receipt number / 回执编号")
    .argument('<ids...>', 'change ids / 变更编号')
    .option('--json', 'print one JSON line: {acknowledged, alreadyAcknowledged}')
    .action(async (ids: string[], opts: { receipt: string; json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const result = await runtime.services.exchange.acknowledge(systemContext('cli', PURPOSE), { ids, receipt: opts.receipt });
        process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : `已确认 acknowledged: ${result.acknowledged}，此前已确认 already: ${result.alreadyAcknowledged}\n`);
      } finally {
        await runtime.close();
      }
    });
}
