import type { Clock } from '../../../shared/clock.ts';
import type { RequestContext } from '../../../shared/context.ts';
import { Conflict, DomainError, InvalidInput } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { inTransaction, isUniqueViolation, type Db, type Executor } from '../../../db/index.ts';
import type { AuditLog } from '../service.ts';
import * as repo from './repo.ts';
import type { RetentionSetting } from './schema.ts';
import retentionSeed from './seed/retention.json' with { type: 'json' };

const DAY_MS = 86_400_000;
const MIN_REASON = 2;

/** 《网络安全法》Art. 21(3): network logs are kept no less than six months. */
export class RetentionBelowMinimum extends DomainError {
  constructor(minimum: number, days: number) {
    super('audit.retention_below_minimum', 400, { minimum, days });
  }
}

/**
 * Newest first, following the chain of `previousId` from the setting nothing replaced yet — not
 * timestamps, which two changes within one clock tick would share.
 */
function newestFirst(rows: repo.RetentionSettingRow[]): repo.RetentionSettingRow[] {
  const replaced = new Set(rows.map((r) => r.previousId).filter((id): id is string => id !== null));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const heads = rows.filter((r) => !replaced.has(r.id)).sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : 0));
  const out: repo.RetentionSettingRow[] = [];
  for (let row = heads[0]; row && out.length < rows.length; row = row.previousId ? byId.get(row.previousId) : undefined) out.push(row);
  return out;
}

function toSetting(row: repo.RetentionSettingRow): RetentionSetting {
  return {
    id: row.id,
    days: Number(row.days),
    legalMinimumDays: Number(row.legalMinimumDays),
    reason: row.reason,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
  };
}

/**
 * How long the access log is kept. The setting is append-only: every change is a new row and an
 * access-log entry in the same transaction, never below the legal minimum, and shortening needs a
 * reason. Nothing is deleted here: `entriesPastRetention` only counts what a future purge (which
 * must keep the Merkle leaf hashes so the signed tree heads still verify) would remove.
 */
export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The minimum a change is checked against, from `seed/retention.json`. */
  get legalMinimumDays(): number {
    return retentionSeed.legalMinimumDays;
  }

  /** Writes the initial setting when there is none; idempotent, never touches a later change. */
  async seed(): Promise<{ created: boolean }> {
    if ((await repo.countSettings(this.db)) > 0) return { created: false };
    // A fixed id, so two processes seeding at once write one row.
    const created = await repo.insertSettingIfAbsent(this.db, {
      id: `seed-${retentionSeed.version}`,
      days: retentionSeed.initialDays,
      legalMinimumDays: retentionSeed.legalMinimumDays,
      reason: retentionSeed.initialReason,
      changedBy: null,
      changedAt: this.clock.now().toISOString(),
      previousId: null,
    });
    return { created };
  }

  current(): Promise<RetentionSetting> {
    return this.currentIn(this.db);
  }

  /** Every setting, newest first. */
  async history(): Promise<RetentionSetting[]> {
    return newestFirst(await repo.listSettings(this.db)).map(toSetting);
  }

  async change(ctx: RequestContext, days: number, reason?: string): Promise<RetentionSetting> {
    if (!Number.isInteger(days) || days < 1) throw new InvalidInput('audit.retention_invalid_days', 'days', 'not_a_positive_integer');
    const minimum = this.legalMinimumDays;
    if (days < minimum) throw new RetentionBelowMinimum(minimum, days);
    const why = reason?.trim() ?? '';
    try {
      return await inTransaction(this.db, async (tx) => {
        const current = await this.currentIn(tx);
        // Nothing changes, so nothing is written.
        if (days === current.days) return current;
        if (days < current.days && why.length < MIN_REASON) {
          throw new InvalidInput('audit.retention_reason_required', 'reason', 'required_when_shortening', { current: current.days, minLength: MIN_REASON });
        }
        const row: repo.RetentionSettingRow = {
          id: newId(),
          days,
          legalMinimumDays: minimum,
          reason: why || null,
          changedBy: ctx.actor?.userId ?? null,
          changedAt: this.clock.now().toISOString(),
          previousId: current.id,
        };
        await repo.insertSetting(tx, row);
        await this.audit.recordIn(tx, ctx, {
          action: 'audit.retention_change',
          data: { settingId: row.id, from: current.days, to: days, legalMinimumDays: minimum, reason: row.reason },
          result: 'ok',
        });
        return toSetting(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict('audit.retention_changed_concurrently');
      throw err;
    }
  }

  /** Entries older than the retention period at `now`. Counted only; nothing is deleted. */
  async entriesPastRetention(now: Date = this.clock.now()): Promise<{ retentionDays: number; cutoff: string; count: number }> {
    const { days } = await this.current();
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    return { retentionDays: days, cutoff, count: await repo.countEntriesBefore(this.db, cutoff) };
  }

  private async currentIn(db: Executor): Promise<RetentionSetting> {
    const [row] = newestFirst(await repo.listSettings(db));
    if (!row) throw new Error('audit retention is not seeded; call RetentionService.seed() at start-up');
    return toSetting(row);
  }
}
