import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../config/index.ts';
import { openRuntime } from '../../runtime.ts';
import { buildApp } from '../../app.ts';
import { DEMO_STANDINGS, seedDemo } from '../../demo/index.ts';
import { startBackgroundJobs } from '../../jobs.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the platform: migrate, seed reference data and (on an empty database) demo data, then listen / 启动平台')
    .action(async () => {
      const config = loadConfig();
      const runtime = await openRuntime(config, pino({ level: config.logLevel }));
      const { services, logger } = runtime;
      const admin = await services.accounts.ensureFirstAdmin(config.adminPassword);
      if (config.seedDemoOnEmpty && (await services.identity.countPersons()) === 0) {
        logger.info({ persons: config.demoPersons }, 'empty database: seeding demo data (演示数据)');
        const { businessToken, ...summary } = await seedDemo(services, { persons: config.demoPersons, seed: 1, standings: DEMO_STANDINGS });
        logger.info({ ...summary, businessTokenIssued: businessToken !== undefined }, 'demo data seeded');
      }
      const app = await buildApp({ config, services, logger });
      const jobs = startBackgroundJobs(services, config, logger);
      const close = async () => {
        await app.close();
        await jobs.stop();
        await runtime.close();
      };
      process.once('SIGINT', () => void close());
      process.once('SIGTERM', () => void close());
      await app.listen({ port: config.port, host: config.host });
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      const url = `http://${shownHost}:${(app.server.address() as { port: number }).port}/`;
      const lines = [
        '',
        `  诚信 Chengxin is running at ${url}`,
        `  database: ${services.database.dialect} (${services.database.location})`,
        `  API docs: ${url}docs`,
      ];
      if (admin.generatedPassword) {
        lines.push(`  first start — sign in as  admin / ${admin.generatedPassword}`, '  (shown once; set CHENGXIN_ADMIN_PASSWORD to choose it yourself / 初始管理员密码仅显示一次)');
      } else if (admin.created) {
        lines.push('  first start — sign in as admin with CHENGXIN_ADMIN_PASSWORD');
      } else {
        lines.push('  sign in as an existing user (admin: the password set on first start)');
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
    });
}
