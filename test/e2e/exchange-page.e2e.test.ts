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

const PASSWORD = 'Exchange-E2e-Password-1';
const COURT = '11419001101029470Q';

/** The upstream exchange page in Chromium: a granted repair waits for the upstream; the admin records its receipt. */
describe.skipIf(skipBrowserTests())('upstream exchange page in Chromium', { timeout: 120_000 }, () => {
  let db: (TestDb & { destroy(): Promise<void> }) | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | null = null;
  let url: string;
  let adminCookie: string;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    db = await createTestDb('sqlite');
    db.clock.set('2026-07-01T10:00:00+08:00');
    const court = await actorContext(db, 'dept_reviewer', { orgCode: COURT });
    await importPenalties(db, await actorContext(db, 'dept_operator', { orgCode: COURT }), [[...penaltyRow(401, { docNumber: '济罚〔2026〕401号', decisionDate: '2026-03-05' }), '一般']]);
    const personId = (await db.services.identity.resolvePersonId(personCode(401)))!;
    const citizen = await actorContext(db, 'citizen', { personId });
    const admin = await actorContext(db, 'platform_admin');
    const recordId = (await db.services.records.subjectFacts({ personId }))[0]!.recordId;
    const evidence = { obligationsPerformed: true, obligationsProof: '缴款书 0401', commitmentLetter: true, creditTraining: false, volunteerHours: 0, donationFen: 0 };
    const applied = await db.services.repair.apply(citizen, { recordId, evidence });
    await db.services.repair.review(court, applied.id, { outcome: 'confirmed', note: '属实', version: 1 });
    await db.services.repair.decide(admin, applied.id, { outcome: 'grant', note: '准予修复', version: 2 });
    await db.services.accounts.addUser({ actor: null }, { username: 'ndrc-admin', displayName: '发改委', role: 'platform_admin', password: PASSWORD });
    app = await buildApp({ config: TEST_APP_CONFIG, services: db.services, logger: false, webRoot });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    adminCookie = await loginWithTwoFactor(app, db, 'ndrc-admin', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.destroy();
  });

  it('the granted repair is pending; acknowledging it needs a receipt; then it moves to the acknowledged tab with it', async () => {
    await withPage(browser!, 'exchange-page', async (page) => {
      await openAs(page, url, adminCookie, '/admin/exchange');
      const table = page.getByTestId('exchange-changes');
      await expect.poll(() => table.innerText()).toContain('信用修复');
      await page.locator('[data-testid="exchange-changes"] tbody .ant-checkbox-input').first().check();
      await page.getByTestId('exchange-acknowledge').getByRole('button').click();
      await expect.poll(() => page.getByTestId('exchange-acknowledge').innerText()).toContain('请填写回执编号');
      await page.getByTestId('exchange-acknowledge').getByRole('textbox').fill('HN-2026-0701');
      await page.getByTestId('exchange-acknowledge').getByRole('button').click();
      await expect.poll(() => page.getByTestId('exchange-total').innerText()).toContain('共 0 条');
      await page.getByTestId('exchange-status').getByText('已确认').click();
      await expect.poll(() => table.innerText()).toContain('HN-2026-0701');
    });
    const acknowledged = await db!.services.exchange.list(await actorContext(db!, 'platform_admin'), { status: 'acknowledged' });
    expect(acknowledged.items.map((c) => [c.kind, c.receipt])).toEqual([['repair_granted', 'HN-2026-0701']]);
  });
});
