import { Command, CommanderError } from 'commander';
import { ConfigError, DomainError } from '../shared/errors.ts';
import { messageFor } from '../http/messages.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerAccountCommands } from './commands/accounts.ts';
import { registerIdCommands } from './commands/id.ts';
import { registerSeedDemoCommand } from './commands/seed-demo.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerKeyCommands } from './commands/keys.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerExchangeCommands } from './commands/exchange.ts';

const program = new Command('chengxin')
  .description('诚信 Chengxin — 个人公共信用信息平台 / personal public credit information platform')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerMigrateCommand(program);
registerSeedDemoCommand(program);
registerAccountCommands(program);
registerIdCommands(program);
registerAuditCommands(program);
registerKeyCommands(program);
registerBackupCommands(program);
registerImportCommand(program);
registerReportCommand(program);
registerExchangeCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof ConfigError) {
    process.stderr.write(`configuration error / 配置错误: ${err.message}\n`);
    process.exitCode = 78;
  } else if (err instanceof DomainError) {
    const zh = messageFor(err.code, 'zh', err.facts) ?? err.code;
    const en = messageFor(err.code, 'en', err.facts) ?? err.code;
    process.stderr.write(`${zh} / ${en} [${err.code}]${'field' in err ? ` (${String((err as { field: string }).field)})` : ''}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
