import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/index.ts';
import { openDatabase } from '../../db/index.ts';
import {
  BackupError,
  backupPostgres,
  backupSqlite,
  manifestPathFor,
  readBackupManifest,
  restorePostgres,
  restoreSqlite,
  verifyBackup,
  type BackupManifest,
  type ProgressListener,
  type TableDigest,
  type VerifyResult,
} from '../../db/backup.ts';
import { hmacSm3 } from '../../shared/crypto.ts';

const SQLITE_FILE = 'chengxin.sqlite';
const PROGRESS_EVERY_ROWS = 100_000;

/**
 * The blind-index key the configuration would use, without generating one: the environment,
 * else DATA_DIR/keys.json, else null (a first start would generate new keys).
 */
function configuredBlindIndexKey(config: Config): string | null {
  if (config.blindIndexKeyHex) return config.blindIndexKeyHex;
  const file = path.join(config.dataDir, 'keys.json');
  if (!existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { blindIndexKey?: string };
  return stored.blindIndexKey ?? null;
}

/**
 * Names the key set without revealing it. The backup holds citizen codes only as blind indexes
 * and SM4 ciphertext (DESIGN.md decision 6) and never the keys themselves, so a restore under
 * other keys would "succeed" and leave every code unreadable and every lookup missing. The
 * blind-index key cannot be rotated, so it identifies the key set.
 */
function keyFingerprint(config: Config): string | null {
  const key = configuredBlindIndexKey(config);
  return key ? hmacSm3(Buffer.from(key, 'hex'), 'chengxin:backup-key-fingerprint').toString('hex').slice(0, 16) : null;
}

/** Progress on stderr for big tables only, so small runs stay quiet. */
function progressOnStderr(): ProgressListener {
  const printed = new Map<string, number>();
  return ({ table, rows, done }) => {
    const last = printed.get(table) ?? 0;
    if ((done && rows >= PROGRESS_EVERY_ROWS) || rows - last >= PROGRESS_EVERY_ROWS) {
      process.stderr.write(`  ${table}: ${rows.toLocaleString('en-US')} rows${done ? ' ✓' : '…'}\n`);
      printed.set(table, rows);
    }
  };
}

function tableLines(tables: Record<string, TableDigest>): string {
  const width = Math.max(...Object.keys(tables).map((t) => t.length), 5);
  return Object.entries(tables)
    .map(([name, t]) => `  ${name.padEnd(width)}  ${String(t.rows).padStart(10)}  ${t.digest.slice(0, 16)}…\n`)
    .join('');
}

function differenceLines(result: VerifyResult): string {
  return result.differences
    .map((d) => {
      const side = (t: TableDigest | null) => (t ? `${t.rows} rows ${t.digest.slice(0, 12)}…` : 'missing / 缺失');
      return `  ${d.table}: backup ${side(d.expected)} ≠ database ${side(d.actual)}\n`;
    })
    .join('');
}

function printVerification(result: VerifyResult, json: boolean, extra: Record<string, unknown> = {}): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...extra, ...result })}\n`);
    return;
  }
  if (result.equal) {
    process.stdout.write(`content equals the backup manifest / 内容与备份清单一致 (SM3 ${result.actualDigest})\n`);
  } else {
    process.stdout.write(
      `content differs from the backup manifest / 内容与备份清单不一致\n` +
        `  schema version: backup ${result.expectedSchemaVersion ?? '-'}, database ${result.actualSchemaVersion ?? '-'}\n` +
        differenceLines(result),
    );
  }
}

export function registerBackupCommands(program: Command): void {
  const backup = program
    .command('backup')
    .description('back up the configured database (SQLite online backup or pg_dump) with a verifiable manifest / 备份数据库')
    .option('--out <file>', 'backup file to write; <file>.manifest.json is written beside it')
    .option('--json', 'print the manifest as JSON')
    .action(async (opts: { out?: string; json?: boolean }) => {
      if (!opts.out) throw new Error('give the backup file with --out FILE / 请用 --out 指定备份文件');
      const config = loadConfig();
      const out = path.resolve(opts.out);
      const options = { now: config.clock.now(), keyFingerprint: keyFingerprint(config), onProgress: progressOnStderr() };
      let manifest: BackupManifest;
      if (config.databaseUrl) {
        manifest = await backupPostgres(config.databaseUrl, config.databaseSchema ?? 'public', out, options);
      } else {
        const file = path.join(config.dataDir, SQLITE_FILE);
        if (!existsSync(file)) throw new BackupError('backup.no_database', `no database at ${file} / 数据库不存在`);
        const database = await openDatabase(config);
        try {
          manifest = await backupSqlite(database, out, options);
        } finally {
          await database.close();
        }
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ backupFile: out, manifestFile: manifestPathFor(out), bytes: manifest.file.bytes, ...manifest })}\n`);
        return;
      }
      process.stdout.write(
        `backup written / 备份已完成: ${out} (${manifest.file.bytes.toLocaleString('en-US')} bytes, ${manifest.engine}, schema ${manifest.schemaVersion ?? '-'})\n` +
          `manifest / 清单: ${manifestPathFor(out)}\n` +
          `content digest (SM3) / 内容摘要: ${manifest.digest}\n` +
          tableLines(manifest.tables) +
          'the backup does not contain the platform keys: keep them in your key escrow / 备份不含平台密钥，请另行妥善保管\n',
      );
    });

  backup
    .command('verify <file>')
    .description('compare the configured database with a backup manifest; exit 1 when they differ / 校验数据库与备份清单是否一致')
    .option('--json', 'print {equal, expectedDigest, actualDigest, differences} as JSON')
    .action(async (file: string, _opts: unknown, command: Command) => {
      // --json is also an option of `backup`, which sees it first; read the merged options.
      const { json } = command.optsWithGlobals<{ json?: boolean }>();
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        const result = await verifyBackup(manifestPathFor(path.resolve(file)), database, { onProgress: progressOnStderr() });
        printVerification(result, json === true);
        if (!result.equal) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });

  program
    .command('restore <file>')
    .description('restore a backup into the configured database, then verify it against the manifest / 从备份恢复数据库并校验')
    .option('--force', 'replace an existing database (the old one is kept aside, never deleted)')
    .option('--json', 'print the verification as JSON')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const backupFile = path.resolve(file);
      const manifest = await readBackupManifest(backupFile);
      const engine = config.databaseUrl ? 'postgres' : 'sqlite';
      if (manifest.engine !== engine) {
        throw new BackupError(
          'backup.engine_mismatch',
          `this is a ${manifest.engine} backup but the configuration selects ${engine}; restore it on the same engine (then verify it across engines with backup verify) / 备份的数据库类型与当前配置不一致`,
        );
      }
      const fingerprint = keyFingerprint(config);
      let keys: 'match' | 'missing' | 'unrecorded' = 'match';
      if (manifest.keyFingerprint && fingerprint && manifest.keyFingerprint !== fingerprint) {
        throw new BackupError(
          'backup.keys_differ',
          'the backup was written under a different CHENGXIN_BLIND_INDEX_KEY: restored here, no citizen code could be looked up or decrypted; configure the keys the backup was made with / 备份所用密钥与当前配置不同，恢复后将无法检索或解密身份号码，请配置备份时的密钥',
        );
      }
      if (!fingerprint) {
        keys = 'missing';
        process.stderr.write(
          'warning: no platform keys are configured here (CHENGXIN_BLIND_INDEX_KEY or DATA_DIR/keys.json); restore them from your key escrow before starting the server, which would otherwise generate new keys that cannot read this data / 警告：当前未配置平台密钥，启动服务前请先恢复备份时的密钥\n',
        );
      } else if (!manifest.keyFingerprint) {
        keys = 'unrecorded';
      }
      const options = { force: opts.force === true, now: config.clock.now(), onProgress: progressOnStderr() };
      const restored = config.databaseUrl
        ? await restorePostgres(backupFile, config.databaseUrl, config.databaseSchema ?? 'public', options)
        : await restoreSqlite(backupFile, config.dataDir, { ...options, sqliteFile: SQLITE_FILE });
      // Verify through the same path the platform opens the database by, not the restore's own copy.
      const database = await openDatabase(config);
      let result: VerifyResult;
      try {
        result = await verifyBackup(manifestPathFor(backupFile), database);
      } finally {
        await database.close();
      }
      if (!opts.json) {
        process.stdout.write(`restored / 已恢复: ${backupFile} → ${restored.target}\n`);
        if (restored.replaced) process.stdout.write(`the previous database is kept as / 原数据库已保留为: ${restored.replaced}\n`);
      }
      printVerification(result, opts.json === true, { restored: restored.target, replaced: restored.replaced, keys, schemaVersion: manifest.schemaVersion });
      if (!result.equal) process.exitCode = 1;
    });
}
