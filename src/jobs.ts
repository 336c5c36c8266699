import type { Logger } from 'pino';
import type { Services } from './services.ts';
import { systemContext } from './shared/context.ts';
import { shanghaiDate } from './shared/clock.ts';
import { reviewDueDays } from './modules/audit/review/index.ts';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

/**
 * The server's periodic work. Each job runs at most once at a time; a failure is logged and the
 * next tick tries again.
 */
export function startBackgroundJobs(services: Services, settings: { auditHeadIntervalSeconds: number }, logger: Logger): BackgroundJobs {
  const running = new Set<Promise<unknown>>();
  const every = (name: string, seconds: number, job: () => Promise<unknown>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run = job()
        .catch((err: unknown) => logger.error({ err, job: name }, 'background job failed'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, seconds * 1000);
    timer.unref();
    return timer;
  };
  const timers = [
    every('audit.sign-tree-head', settings.auditHeadIntervalSeconds, () => services.ledger.signTreeHead()),
    every('audit.daily-review', 3600, async () => {
      for (const day of reviewDueDays(await services.review.lastScheduledDay(), shanghaiDate(services.clock.now()))) {
        await services.review.runReview(systemContext('job', 'daily access-log review 查询使用审查'), day, 'scheduled');
      }
    }),
    // After a field-key rotation, old ciphertexts are re-encrypted a batch at a time.
    every('identity.reencrypt', 5, async () => {
      const { reencrypted, remaining } = await services.identity.reencryptStaleCodes(systemContext('job', 'field key rotation'), 2000);
      if (reencrypted > 0) logger.info({ reencrypted, remaining }, 'citizen codes re-encrypted under the current field key');
    }),
    // Entries past their last day leave their list with an exit notice (standing never waits for this: it reads the dates).
    every('lists.expire', 600, async () => {
      const removed = await services.lists.expireEntries();
      if (removed > 0) logger.info({ removed }, 'list entries expired');
    }),
    // 逾期督办: overdue objections and repair applications escalate, one event per level (idempotent;
    // hourly, so a new day's escalations appear within the hour).
    every('overdue.escalate', 3600, async () => {
      const ctx = systemContext('job', '逾期督办 overdue escalation');
      const written = (await services.objections.escalateOverdue(ctx)) + (await services.repair.escalateOverdue(ctx));
      if (written > 0) logger.info({ written }, 'overdue cases escalated');
    }),
    // 发起 made good: listings whose announcement to the sanctions workflow was missed (idempotent).
    every('sanctions.reconcile', 300, async () => {
      const created = await services.sanctions.workflow.reconcile(services.lists);
      if (created > 0) logger.info({ created }, 'joint reward and punishment tasks initiated by reconcile');
    }),
    // A granted repair's effects (disclosure, lists) made good after a failure or a restart (idempotent).
    every('repair.complete-effects', 60, async () => {
      const completed = await services.repair.completeEffects(systemContext('job', 'credit repair effects 信用修复生效'));
      if (completed > 0) logger.info({ completed }, 'granted repairs whose effects were completed by the job');
    }),
    every('accounts.reencrypt-two-factor', 60, async () => {
      const { reencrypted, remaining } = await services.accounts.reencryptStaleTwoFactorSecrets(systemContext('job', 'field key rotation'), 500);
      if (reencrypted > 0) logger.info({ reencrypted, remaining }, 'two-factor secrets re-encrypted under the current field key');
    }),
  ];
  // Uploaded files, one job at a time; unfinished jobs are picked up again after a restart.
  const importWorker = services.records.startWorker((err) => logger.error({ err, job: 'records.import' }, 'import job failed'));
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await importWorker.stop();
      await Promise.allSettled([...running]);
      // A last head, so what was logged before shutdown is signed.
      await services.ledger.signTreeHead().catch((err: unknown) => logger.error({ err }, 'final tree head failed'));
    },
  };
}
