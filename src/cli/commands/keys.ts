import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../config/index.ts';
import { addFieldKeyVersion } from '../../shared/keys.ts';
import { systemContext } from '../../shared/context.ts';
import { openRuntime } from '../../runtime.ts';

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('platform keys / 密钥管理');

  keys
    .command('rotate-field-key')
    .description('add a new SM4 field-key version to DATA_DIR/keys.json; a running server re-encrypts in the background / 轮换字段加密密钥')
    .action(() => {
      const config = loadConfig();
      if (config.fieldKeyHex) {
        throw new Error(
          'the field key comes from CHENGXIN_FIELD_KEY: rotate by moving it to CHENGXIN_FIELD_KEY_PREVIOUS=<version>:<hex>, setting a new CHENGXIN_FIELD_KEY and CHENGXIN_FIELD_KEY_VERSION=<version+1>, then restarting / 密钥来自环境变量，请按说明轮换',
        );
      }
      const version = addFieldKeyVersion(config.dataDir);
      process.stdout.write(`field key version ${version} added; restart the server (or run \`chengxin keys reencrypt\`) to re-encrypt stored codes / 已新增第 ${version} 版密钥\n`);
    });

  keys
    .command('reencrypt')
    .description('re-encrypt every citizen code still under an older field key, with progress / 用新密钥重新加密')
    .option('--json')
    .action(async (opts: { json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const { identity } = runtime.services;
        const total = await identity.countPersonsUnderOldKeys();
        const bar = !opts.json && process.stderr.isTTY ? new SingleBar({ stream: process.stderr }, Presets.shades_classic) : null;
        bar?.start(total, 0);
        let done = 0;
        for (;;) {
          const { reencrypted, remaining } = await identity.reencryptStaleCodes(systemContext('cli', 'keys reencrypt'), 5000);
          done += reencrypted;
          bar?.update(done);
          if (remaining === 0 || reencrypted === 0) break;
        }
        bar?.stop();
        let secrets = 0;
        for (;;) {
          const { reencrypted } = await runtime.services.accounts.reencryptStaleTwoFactorSecrets(systemContext('cli', 'keys reencrypt'), 1000);
          secrets += reencrypted;
          if (reencrypted === 0) break;
        }
        const remaining = await identity.countPersonsUnderOldKeys();
        process.stdout.write(opts.json ? `${JSON.stringify({ reencrypted: done, twoFactorSecrets: secrets, remaining })}\n` : `re-encrypted ${done} citizen code(s) and ${secrets} two-factor secret(s); ${remaining} remain under old keys / 已重新加密\n`);
        if (remaining > 0) process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
}
