import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personCode } from '../../src/modules/records/test-factories.ts';
import { TEST_START } from '../helpers/db.ts';
import { ensureWebBuilt, launchBrowser, logIn, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { courtDebtors } from '../helpers/domain.ts';

const PASSWORD = 'Objections-E2e-Password-1';
const REVIEWER = 'objections.e2e.rev';
const CITIZEN = 'objections.e2e.citizen';
const SUBJECT = personCode(431);

describe.skipIf(skipBrowserTests())('objections pages in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services } = server.db;
    await courtDebtors(services, { reviewer: REVIEWER, reviewerName: '异议审核人', password: PASSWORD, debtors: [{ n: 431, code: SUBJECT, name: '钱四三一', login: CITIZEN }] });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a citizen objects to a record, the source department upholds it, the citizen reads the reasons', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, db } = server;
    db.clock.set(TEST_START);

    const objectionId = await withPage(browser, 'objections-citizen', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Fobjections`);
      await logIn(page, CITIZEN, PASSWORD);
      await page.waitForURL(`${url}/account/objections`);
      await page.locator('#objection-record').click();
      await page.locator('.ant-select-item-option', { hasText: '(2026)豫9001执431号' }).click();
      await page.locator('#objection-reasons').fill('该案已执行完毕，请核实');
      await page.locator('#objection-submit').click();
      const card = page.locator('[data-testid^="objection-"]').first();
      await card.getByText('异议处理中').waitFor();
      return (await card.getAttribute('data-testid'))!.slice('objection-'.length);
    });

    await withPage(browser, 'objections-reviewer', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Fobjections`);
      await logIn(page, REVIEWER, PASSWORD);
      await page.waitForURL(`${url}/admin/objections`);
      await page.getByTestId(`decide-${objectionId}`).click();
      await page.locator('#decision-note').fill('经核实尚未履行完毕，维持');
      await page.locator('#decision-submit').click();
      await page.getByTestId(`decide-${objectionId}`).waitFor({ state: 'detached' });
    });
    const [decided] = (await db.services.objections.queue({ actor: null })).items;
    expect(decided).toMatchObject({ id: objectionId, outcome: 'upheld' });

    await withPage(browser, 'objections-citizen-after', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Fobjections`);
      await logIn(page, CITIZEN, PASSWORD);
      await page.waitForURL(`${url}/account/objections`);
      const card = page.getByTestId(`objection-${objectionId}`);
      await card.getByText('经核实尚未履行完毕，维持', { exact: false }).waitFor();
      expect(await card.innerText()).toContain('维持');
    });
  });
});
