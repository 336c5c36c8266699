import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personCode } from '../../src/modules/records/test-factories.ts';
import { ensureWebBuilt, launchBrowser, logIn, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const COUNTER = { username: 'sanctions.e2e.counter', password: 'Counter-E2e-Password-1' };
const CLEAN = personCode(901);

async function chooseScenario(page: Page, name: string): Promise<void> {
  await page.getByTestId('sanctions-scenario').click();
  // The option list is virtual: search so the option is rendered whatever was chosen before.
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) }).click();
}

async function runCheck(page: Page, code: string, scenario: string): Promise<void> {
  await page.getByTestId('sanctions-subject').fill(code);
  await chooseScenario(page, scenario);
  await page.getByTestId('sanctions-check-submit').click();
}

describe.skipIf(skipBrowserTests())('joint reward and punishment check page in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services } = server.db;
    const department = (await services.accounts.listDepartments()).find((d) => d.name === '市人力资源和社会保障局')!;
    await services.accounts.addUser({ actor: null }, { ...COUNTER, displayName: '窗口人员', role: 'dept_operator', departmentId: department.id });
    // A person with no record at all: clean for three years or more (policy (三)5).
    await services.identity.registerPerson({ actor: null }, { code: CLEAN, name: '吴九' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('counter staff check a clean person: the green channel and 容缺受理 with what to do, feedback sent; a bad code is refused in place', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url } = server;
    await withPage(browser, 'sanctions-check', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Fsanctions%2Fcheck`);
      await logIn(page, COUNTER.username, COUNTER.password);
      await page.waitForURL(`${url}/admin/sanctions/check`);
      expect(await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts()).toEqual(expect.arrayContaining(['联合奖惩核查', '联合奖惩任务']));

      await runCheck(page, CLEAN, '行政许可');
      await page.getByTestId('sanctions-result').waitFor();
      const hits = page.getByTestId('sanctions-hit');
      await expect.poll(() => hits.count()).toBe(2);
      expect((await hits.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-measure')))).sort()).toEqual(['JZB55_ACCEPT_PENDING', 'JZB55_GREEN_CHANNEL']);
      const text = await page.getByTestId('sanctions-result').innerText();
      for (const part of ['激励', '容缺受理', '济政办〔2017〕55号', '连续三年以上无不良信用记录', '办理提示']) expect(text).toContain(part);

      // Feedback: both measures applied.
      await page.getByRole('checkbox', { name: '容缺受理' }).check();
      await page.getByTestId('sanctions-outcome').fill('已容缺受理，限 5 日内补齐材料');
      await page.getByTestId('sanctions-feedback-submit').click();
      await page.getByTestId('sanctions-feedback-done').waitFor();
      const stored = await server!.db.database.db.selectFrom('sanctionApplications').select(['measureCode', 'source']).execute();
      expect(stored).toEqual([{ measureCode: 'JZB55_ACCEPT_PENDING', source: 'feedback' }]);

      // No measure in this scenario: said plainly.
      await runCheck(page, CLEAN, '高消费');
      await page.getByTestId('sanctions-none').waitFor();

      // A code one character short: the server's located message, nothing shown as a result.
      await runCheck(page, CLEAN.slice(0, 17), '行政许可');
      const error = page.getByTestId('sanctions-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('主体代码无效');
      expect(await page.getByTestId('sanctions-result').count()).toBe(0);
    });
  });
});
