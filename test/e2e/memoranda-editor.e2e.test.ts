import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, openAs, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** The memoranda page in Chromium: the admin adds a local memorandum; a malformed date is refused under its field; it is versioned with the reason. */
describe.skipIf(skipBrowserTests())('new memorandum in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    server = await startTestServer({ webRoot: await ensureWebBuilt(), demoPersons: 10 });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a memorandum: the server refuses a malformed date under the field, then saves version 1 with the reason', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, app, db, admin } = server;
    const cookie = await loginWithTwoFactor(app, db, admin.username, admin.password);
    await withPage(browser, 'memoranda-new', async (page) => {
      await openAs(page, url, cookie, '/admin/sanctions/memoranda');
      await page.locator('#memorandum-new').click();
      await page.locator('#memorandum-code').fill('JY_LOCAL_2026_1');
      await page.locator('#memorandum-name').fill('济源市关于对诚信纳税人实施联合激励的实施办法');
      await page.locator('#memorandum-document').fill('济发改财金〔2026〕1号');
      await page.locator('#memorandum-issued').fill('2026-11-1');
      await page.locator('#memorandum-sources').fill('济源市发展和改革委员会网站（待核实）');
      await page.locator('#memorandum-reason').fill('本地新增联合激励文件');
      await page.locator('#memorandum-save').click();
      const issued = page.locator('.ant-form-item', { has: page.locator('#memorandum-issued') });
      await issued.locator('.ant-form-item-explain-error').waitFor();
      await page.locator('#memorandum-issued').fill('2026-11-01');
      await page.locator('#memorandum-save').click();
      await expect.poll(() => page.getByTestId('sanctions-memoranda').innerText()).toContain('济源市关于对诚信纳税人实施联合激励的实施办法');
    });
    const versions = await db.services.sanctions.history('memorandum', 'JY_LOCAL_2026_1');
    expect(versions.map((v) => [v.version, v.changeKind, v.reason])).toEqual([[1, 'create', '本地新增联合激励文件']]);
  });
});
