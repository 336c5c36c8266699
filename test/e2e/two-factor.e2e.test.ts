import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithTwoFactor, nextTotpCode } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, logIn, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe.skipIf(skipBrowserTests())('two-factor sign-in and password change in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    // The admin already has a second factor (set up through the API).
    await loginWithTwoFactor(server.app, server.db, server.admin.username, server.admin.password);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("asks for the code after the password, shows the server's message for a wrong one, and signs in with the right one", async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, admin, db } = server;
    await withPage(browser, 'two-factor-login', async (page) => {
      await page.goto(`${url}/login`);
      await logIn(page, admin.username, admin.password);
      const otp = page.getByTestId('login-otp');
      await otp.waitFor();
      expect(await page.getByTestId('login-otp-prompt').innerText()).toContain('验证码');
      expect(new URL(page.url()).pathname).toBe('/login');

      const right = await nextTotpCode(db, admin.username);
      await otp.fill(right === '000000' ? '111111' : '000000');
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('动态验证码错误');
      expect(new URL(page.url()).pathname).toBe('/login');

      await otp.fill(right);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${url}/admin/overview`);
      await page.getByTestId('count-persons').waitFor();

      await page.goto(`${url}/account/two-factor`);
      await page.getByTestId('two-factor-enabled').waitFor();
    });
  });

  it('changes the password from the account page; the old one stops working', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, admin, db, app } = server;
    await withPage(browser, 'password-change', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Fpassword`);
      await logIn(page, admin.username, admin.password);
      await page.getByTestId('login-otp').fill(await nextTotpCode(db, admin.username));
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${url}/account/password`);

      await page.getByTestId('password-current').fill('Not-The-Password-1');
      await page.getByTestId('password-new').fill('Changed-Admin-Password-9');
      await page.getByTestId('password-repeat').fill('Changed-Admin-Password-9');
      await page.getByTestId('password-submit').click();
      // The server's message, under the field it is about.
      await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(['当前密码不正确']);

      await page.getByTestId('password-current').fill(admin.password);
      await page.getByTestId('password-new').fill('short');
      await page.getByTestId('password-repeat').fill('short');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([expect.stringContaining('10')]);

      await page.getByTestId('password-new').fill('Changed-Admin-Password-9');
      await page.getByTestId('password-repeat').fill('Changed-Admin-Password-9');
      await page.getByTestId('password-submit').click();
      await page.getByTestId('password-changed').waitFor();

      const old = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin.username, password: admin.password } });
      expect(old.json().code).toBe('auth.invalid_credentials');
      const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin.username, password: 'Changed-Admin-Password-9' } });
      expect(changed.json().code).toBe('auth.otp_required');
    });
  });
});
