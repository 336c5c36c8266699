import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config/index.ts';
import { openRuntime, type Runtime } from '../src/runtime.ts';
import type { Clock } from '../src/shared/clock.ts';

/** `--name value` or `BENCH_NAME`, as a positive whole number (`1_000_000` is fine). */
export function numberOption(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const raw = i >= 0 ? args[i + 1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** A fresh platform database for one benchmark: SQLite in a temp dir, or a new schema on `url` (default BENCH_DATABASE_URL). */
export async function freshRuntime(url: string | undefined = process.env.BENCH_DATABASE_URL, clock?: Clock): Promise<Runtime & { engine: string; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chengxin-bench-'));
  const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const loaded = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : {}) });
  // A benchmark that walks a workflow through its waiting periods brings its own (manual) clock.
  const config = clock ? { ...loaded, clock } : loaded;
  const runtime = await openRuntime(config, pino({ level: 'warn' }, pino.destination(2)));
  return {
    ...runtime,
    engine: url ? 'postgres' : 'sqlite',
    async dispose() {
      await runtime.close();
      if (url && schema) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

export function bench(name: string, figures: Record<string, string | number>): void {
  process.stdout.write(`BENCH ${name} ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
}
