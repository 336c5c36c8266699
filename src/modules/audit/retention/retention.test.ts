import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers/db.ts';
import type { RequestContext } from '../../../shared/context.ts';
import { newId } from '../../../shared/ids.ts';
import { RetentionService } from './service.ts';

const DAY_MS = 86_400_000;

describeEachDatabase('audit retention', (get) => {
  let retention: RetentionService;
  const admin: RequestContext = {
    actor: { userId: newId(), username: 'retention-admin', role: 'platform_admin', departmentId: null, personId: null, permissions: new Set() },
    channel: 'http',
  };

  beforeAll(async () => {
    const { database, clock, services } = get();
    retention = new RetentionService(database.db, clock, services.audit);
    await retention.seed();
  });

  const changes = () => get().services.audit.count('audit.retention_change');

  it('starts at the legal minimum of six months (184 days), citing the Cybersecurity Law', async () => {
    expect(retention.legalMinimumDays).toBe(184);
    const current = await retention.current();
    expect(current).toMatchObject({ days: 184, legalMinimumDays: 184, changedBy: null });
    expect(current.reason).toContain('网络安全法');
    expect(await retention.seed()).toEqual({ created: false });
    expect(await retention.history()).toHaveLength(1);
  });

  it.each([100, 183])('refuses %i days: below the legal minimum, nothing written', async (days) => {
    const logged = await changes();
    await expect(retention.change(admin, days, '节省存储空间')).rejects.toMatchObject({ code: 'audit.retention_below_minimum', status: 400, facts: { minimum: 184 } });
    expect(await retention.history()).toHaveLength(1);
    expect(await changes()).toBe(logged);
  });

  it('lengthening needs no reason; shortening needs one; every change is a row and a log entry', async () => {
    const logged = await changes();
    get().clock.set('2026-12-01T10:00:00+08:00');
    expect(await retention.change(admin, 365)).toMatchObject({ days: 365, changedBy: admin.actor!.userId, reason: null });

    await expect(retention.change(admin, 200)).rejects.toMatchObject({ code: 'audit.retention_reason_required' });
    await expect(retention.change(admin, 200, '  ')).rejects.toMatchObject({ code: 'audit.retention_reason_required' });
    expect((await retention.current()).days).toBe(365);

    // Same instant as the previous change: the order still comes from the chain, not the clock.
    expect(await retention.change(admin, 200, '存储扩容前临时调整')).toMatchObject({ days: 200, reason: '存储扩容前临时调整' });
    expect((await retention.history()).map((s) => s.days)).toEqual([200, 365, 184]);
    expect(await changes()).toBe(logged + 2);

    // Setting what is already set changes nothing and writes nothing.
    await retention.change(admin, 200);
    expect(await retention.history()).toHaveLength(3);
    expect(await changes()).toBe(logged + 2);
  });

  it('concurrent changes of one setting never fork the history', async () => {
    const results = await Promise.allSettled([retention.change(admin, 400), retention.change(admin, 500)]);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'audit.retention_changed_concurrently', status: 409 });
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const history = await retention.history();
    expect(history.at(-1)?.days).toBe(184);
    expect(new Set(history.map((s) => s.id)).size).toBe(history.length);
  });

  it('counts the entries past retention and deletes none', async () => {
    const { clock, services } = get();
    await retention.change(admin, 200, '回到 200 天');
    const now = new Date('2027-09-01T00:00:00+08:00');
    const before = await retention.entriesPastRetention(now);
    expect(before).toMatchObject({ retentionDays: 200, cutoff: new Date(now.getTime() - 200 * DAY_MS).toISOString() });
    clock.set(new Date(now.getTime() - 201 * DAY_MS));
    await services.audit.record({ actor: null, channel: 'job' }, { action: 'test.old_entry', result: 'ok' });
    clock.set(new Date(now.getTime() - 199 * DAY_MS));
    await services.audit.record({ actor: null, channel: 'job' }, { action: 'test.recent_entry', result: 'ok' });
    const after = await retention.entriesPastRetention(now);
    expect(after.count).toBe(before.count + 1);
    expect(await services.audit.count('test.old_entry')).toBe(1);
  });
});
