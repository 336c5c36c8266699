import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { openDatabase } from '../../db/index.ts';
import { migrateToLatest } from '../../db/migrate.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date / 执行数据库迁移')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        const applied = await migrateToLatest(database);
        process.stdout.write(
          applied.length ? `applied ${applied.length} migration(s) on ${database.dialect}: ${applied.join(', ')}\n` : `${database.dialect} schema is up to date / 已是最新\n`,
        );
      } finally {
        await database.close();
      }
    });
}
