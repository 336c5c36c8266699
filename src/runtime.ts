import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config/index.ts';
import { openDatabase } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadPlatformKeys } from './shared/keys.ts';
import { createServices, seedReferenceData, type Services } from './services.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database, loads keys, brings the schema up to date and wires the services. */
/** CLI commands log to stderr so their stdout stays clean for `--json`; `serve` passes a stdout logger. */
export async function openRuntime(config: Config, logger: Logger = pino({ level: config.logLevel }, pino.destination(2))): Promise<Runtime> {
  const database = await openDatabase(config);
  try {
    const applied = await migrateToLatest(database);
    if (applied.length) logger.info({ applied, database: database.location }, 'migrations applied');
    const keys = loadPlatformKeys(config, logger);
    const services = createServices(database, config.clock, keys, { uploadDir: path.join(config.dataDir, 'uploads') });
    await seedReferenceData(services);
    return { config, logger, services, close: () => database.close() };
  } catch (err) {
    await database.close();
    throw err;
  }
}
