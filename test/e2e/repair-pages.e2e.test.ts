import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { penaltyRow, personCode } from '../../src/modules/records/test-factories.ts';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, openAs, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { actorContext, importPenalties } from '../helpers/domain.ts';
import { TEST_APP_CONFIG } from '../helpers/server.ts';

const PASSWORD = 'Repair-E2e-Password-1';
const COURT = '11419001101029470Q';

/** Credit repair in Chromium: the citizen checks the conditions and applies, the department confirms, the platform grants, the citizen sees it. */
describe.skipIf(skipBrowserTests())('credit repair pages in Chromium', { timeout: 120_000 }, () => {
  let db: (TestDb & { destroy(): Promise<void> }) | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | null = null;
  let url: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    db = await createTestDb('sqlite');
    db.clock.set('2026-07-01T10:00:00+08:00');
    await importPenalties(db, await actorContext(db, 'dept_operator', { orgCode: COURT }), [[...penaltyRow(301, { docNumber: '济罚〔2026〕301号', decisionDate: '2026-03-05' }), '一般']]);
    const personId = (await db.services.identity.resolvePersonId(personCode(301)))!;
    const courtId = (await db.services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!.id;
    await db.services.accounts.addUser({ actor: null }, { username: 'citizen301', displayName: '张301', role: 'citizen', password: PASSWORD, personId });
    await db.services.accounts.addUser({ actor: null }, { username: 'court-rev', displayName: '法院复核', role: 'dept_reviewer', password: PASSWORD, departmentId: courtId });
    await db.services.accounts.addUser({ actor: null }, { username: 'ndrc-admin', displayName: '发改委', role: 'platform_admin', password: PASSWORD });
    app = await buildApp({ config: TEST_APP_CONFIG, services: db.services, logger: false, webRoot });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    for (const username of ['citizen301', 'court-rev', 'ndrc-admin']) cookies[username] = await loginWithTwoFactor(app, db, username, PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.destroy();
  });

  it('checklist shows what is missing → apply → department confirms → platform grants → the citizen sees 已修复', async () => {
    await withPage(browser!, 'repair-apply', async (page) => {
      await openAs(page, url, cookies.citizen301!, '/account/repair');
      await page.getByTestId('repair-record').click();
      await page.locator('.ant-select-item-option', { hasText: '济罚〔2026〕301号' }).click();
      await page.getByTestId('repair-obligations').click();
      await page.getByTestId('repair-check').click();
      await expect.poll(() => page.getByTestId('repair-checklist').innerText()).toContain('信用承诺书');
      await page.getByTestId('repair-commitment').click();
      await page.getByTestId('repair-check').click();
      await expect.poll(() => page.getByTestId('repair-checklist').innerText()).toContain('符合条件');
      await page.getByTestId('repair-submit').click();
      await expect.poll(() => page.getByTestId('repair-mine').innerText()).toContain('已受理');
    });
    await withPage(browser!, 'repair-review', async (page) => {
      await openAs(page, url, cookies['court-rev']!, '/admin/repair/reviews');
      await page.getByRole('button', { name: '核实通过' }).click();
      await expect.poll(() => page.getByTestId('repair-queue').innerText()).not.toContain('XZCF');
    });
    await withPage(browser!, 'repair-decide', async (page) => {
      await openAs(page, url, cookies['ndrc-admin']!, '/admin/repair/decisions');
      await page.getByRole('button', { name: '准予修复' }).click();
      await expect.poll(() => page.getByTestId('repair-queue').innerText()).not.toContain('XZCF');
    });
    await withPage(browser!, 'repair-track', async (page) => {
      await openAs(page, url, cookies.citizen301!, '/account/repair');
      await expect.poll(() => page.getByTestId('repair-mine').innerText()).toContain('已修复');
    });
  });
});
