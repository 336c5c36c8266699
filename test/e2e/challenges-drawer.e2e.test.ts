import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personCode } from '../../src/modules/records/test-factories.ts';
import { TEST_START } from '../helpers/db.ts';
import { ensureWebBuilt, launchBrowser, logIn, saveScreenshot, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { courtDebtors } from '../helpers/domain.ts';

const PASSWORD = 'Challenges-E2e-Password-1';
const REVIEWER = 'challenges.e2e.rev';
const CITIZEN = 'challenges.e2e.citizen';
const SUBJECT = personCode(441);

describe.skipIf(skipBrowserTests())('reconsideration and litigation in the record drawer, in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services } = server.db;
    await courtDebtors(services, { reviewer: REVIEWER, reviewerName: '复议登记人', password: PASSWORD, debtors: [{ n: 441, code: SUBJECT, name: '孙四四一', login: CITIZEN }] });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the department records a litigation in the drawer, a conclusion dated before filing is placed under its field, revoked asks for a correction; the citizen sees the mark', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, db } = server;
    db.clock.set(TEST_START);

    await withPage(browser, 'challenges-drawer', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Frecords%2Fbrowse`);
      await logIn(page, REVIEWER, PASSWORD);
      await page.waitForURL(`${url}/admin/records/browse`);
      await page.getByTestId('filter-subject').locator('input').fill(SUBJECT);
      await page.getByTestId('filter-subject').locator('input').press('Enter');
      const rows = page.getByTestId('records-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(1);
      await rows.first().click();

      const section = page.getByTestId('record-challenges');
      const recordForm = section.getByTestId('challenge-record-form');
      await recordForm.waitFor();
      await recordForm.locator('label', { hasText: /^行政诉讼$/ }).click();
      await recordForm.getByTestId('challenge-case-number').fill('(2026)豫9001行初41号');
      await recordForm.getByTestId('challenge-handled-by').fill('济源市人民法院');
      await recordForm.getByTestId('challenge-filed-on').fill('2026-11-02');
      await recordForm.getByTestId('challenge-record-submit').click();
      const card = section.getByTestId('challenge-card');
      await card.getByTestId('challenge-mark').waitFor();
      expect(await card.getByTestId('challenge-mark').innerText()).toBe('行政诉讼中');

      const concludeForm = section.getByTestId('challenge-conclude-form');
      await concludeForm.locator('label', { hasText: /^撤销$/ }).click();
      await concludeForm.getByTestId('challenge-concluded-on').fill('2026-11-01');
      await concludeForm.getByTestId('challenge-outcome-note').fill('(2026)豫9001行初41号判决：撤销被诉行为');
      await concludeForm.getByTestId('challenge-conclude-submit').click();
      // The server's located error lands under the date it names.
      const dateItem = concludeForm.locator('.ant-form-item', { has: page.getByTestId('challenge-concluded-on') });
      await dateItem.locator('.ant-form-item-explain-error').waitFor();
      expect(await dateItem.locator('.ant-form-item-explain-error').innerText()).toContain('早于申请日期');

      await concludeForm.getByTestId('challenge-concluded-on').fill('2026-11-20');
      await concludeForm.getByTestId('challenge-conclude-submit').click();
      await section.getByTestId('challenge-follow-up').waitFor();
      expect(await card.getAttribute('data-outcome')).toBe('revoked');
      expect(await card.getByTestId('challenge-mark').innerText()).toBe('原决定已撤销');
      expect(await section.getByTestId('challenge-follow-up').innerText()).toContain('异议处理');
      // No pending challenge any more: the form to record a new one is back.
      await section.getByTestId('challenge-record-form').waitFor();
      await saveScreenshot(page, 'challenges-drawer');
    });

    const [challenge] = (await db.services.challenges.queue({ actor: null })).items;
    expect(challenge).toMatchObject({ kind: 'litigation', outcome: 'revoked', withdrawnFromDisclosure: true });

    await withPage(browser, 'challenges-citizen', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Fcitizen`);
      await logIn(page, CITIZEN, PASSWORD);
      await page.waitForURL(`${url}/account/citizen`);
      const mark = page.getByTestId('own-records-table').getByTestId('challenge-mark');
      await mark.waitFor();
      expect(await mark.innerText()).toBe('原决定已撤销');
    });
  });
});
