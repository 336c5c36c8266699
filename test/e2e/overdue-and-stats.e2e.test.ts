import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/shared/context.ts';
import { personCode, judgmentDebtorRecord } from '../../src/modules/records/test-factories.ts';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { TEST_START } from '../helpers/db.ts';
import { ensureWebBuilt, launchBrowser, openAs, saveScreenshot, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const COURT = '11419001101029470Q'; // 济源中级人民法院
const SUBJECT = personCode(451);

describe.skipIf(skipBrowserTests())('overdue card and objection statistics in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;
  let objectionId: string;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services, clock } = server.db;
    clock.set(TEST_START); // Monday 2026-11-30
    const court = (await services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!;
    const op = await services.accounts.addUser({ actor: null }, { username: 'overdue.e2e.op', displayName: '法院录入员', role: 'dept_operator', password: 'Overdue-E2e-Password-1', departmentId: court.id });
    const ctx: RequestContext = { actor: { userId: op.id, username: op.username, role: 'dept_operator', departmentId: court.id, personId: null, permissions: new Set() } };
    const job = await services.records.submitBatch(ctx, 'SXBZXR', [judgmentDebtorRecord(451, { code: SUBJECT, name: '孙四五一' }, '2026-10-12')]);
    expect(job.errors).toEqual([]);
    const personId = (await services.identity.resolvePersonId(SUBJECT))!;
    const recordId = (await services.records.subjectFacts({ personId }))[0]!.recordId;
    // The court opens a correction on its own record (3 working days → 2026-12-03) and lets it lie.
    objectionId = (await services.objections.open(ctx, { target: { kind: 'record', id: recordId }, reasons: '内部核查发现执行案号录入错误' })).id;
    // 2026-12-03 + 3 working days = 2026-12-08: on 2026-12-09 the credit office supervises (level 2).
    clock.set('2026-12-09T09:00:00+08:00');
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the admin sees the overdue case at level 2 on the overview, then the department row and chart on the objection statistics, and the repair statistics', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, app, db, admin } = server;
    const cookie = await loginWithTwoFactor(app, db, admin.username, admin.password);
    await withPage(browser, 'overdue-and-stats', async (page) => {
      await openAs(page, url, cookie, '/admin/overview');
      const card = page.getByTestId('overdue-card');
      const row = card.locator(`tr[data-row-key="${objectionId}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('济源中级人民法院');
      expect(await row.innerText()).toContain('2026-12-03');
      expect(await row.getByTestId('overdue-level').getAttribute('data-value')).toBe('2');
      expect(await card.getByTestId('overdue-total-level2').getAttribute('data-value')).toBe('1');
      await saveScreenshot(page, 'overview-overdue-card');
      // The link goes to the queue that handles it.
      await row.getByRole('link').click();
      await page.waitForURL(`${url}/admin/objections`);

      await page.getByTestId('main-nav').getByRole('menuitem', { name: '异议统计' }).click();
      await page.waitForURL(`${url}/admin/objections/stats`);
      const table = page.getByTestId('objection-stats-table');
      const department = table.locator('tr', { has: page.getByTestId('stats-department').getByText('济源中级人民法院') });
      await department.waitFor();
      expect(await department.getByTestId('stats-received').getAttribute('data-value')).toBe('1');
      expect(await department.getByTestId('stats-overdue').getAttribute('data-value')).toBe('1');
      await page.getByTestId('objection-outcomes-chart').locator('svg').waitFor();
      expect(await page.getByTestId('objection-outcomes-chart').locator(`[data-category="${(await db.services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!.id}"]`).getAttribute('data-total')).toBe('1');
      await saveScreenshot(page, 'objection-stats');

      // The repair statistics: counts by status, overdue, and the last 12 months of grants.
      await page.getByTestId('main-nav').getByRole('menuitem', { name: '信用修复统计' }).click();
      await page.waitForURL(`${url}/admin/repair/stats`);
      await expect.poll(() => page.getByTestId('repair-stats-overdue').getAttribute('data-value')).toBe('0');
      expect(await page.getByTestId('repair-grants-chart').locator('[data-category]').count()).toBe(12);
      await saveScreenshot(page, 'repair-stats');
    });
  });

  it('a department user, who has no overview page, sees their own overdue case on the objections queue', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, app, db } = server;
    const cookie = await loginWithTwoFactor(app, db, 'overdue.e2e.op', 'Overdue-E2e-Password-1');
    await withPage(browser, 'overdue-department', async (page) => {
      await openAs(page, url, cookie, '/admin/objections');
      const row = page.getByTestId('overdue-card').locator(`tr[data-row-key="${objectionId}"]`);
      await row.waitFor();
      expect(await row.getByTestId('overdue-level').getAttribute('data-value')).toBe('2');
    });
  });
});
