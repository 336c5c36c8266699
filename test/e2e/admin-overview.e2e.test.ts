import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTotpCode, totpCodeNow } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, logIn, saveScreenshot, skipBrowserTests, withPage } from '../helpers/browser.ts';
import type { TestDb } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const COUNT_KEYS = ['persons', 'organizations', 'departments', 'users'] as const;

/** On the two-factor page: generate a secret (unless shown already), read it off the page, answer with its code (at the server's clock). */
async function enrolTwoFactor(page: Page, db: TestDb): Promise<void> {
  const start = page.getByTestId('two-factor-start');
  if (await start.isVisible()) await start.click();
  const secret = await page.getByTestId('two-factor-secret').getAttribute('data-secret');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // What the page shows for typing in by hand is the same secret, in groups of four.
  expect((await page.getByTestId('two-factor-secret').innerText()).replace(/\s/g, '')).toBe(secret);
  await page.getByTestId('two-factor-code').fill(await totpCodeNow(db, secret!));
  await page.getByTestId('two-factor-confirm').click();
}

/** Signs the admin in: with a code once the second factor is on, through its setup the first time. */
async function logInAsAdmin(page: Page, server: TestServer): Promise<void> {
  await logIn(page, server.admin.username, server.admin.password);
  const otp = page.getByTestId('login-otp');
  const setup = page.getByTestId('two-factor-start');
  await otp.or(setup).waitFor();
  if (await setup.isVisible()) return enrolTwoFactor(page, server.db);
  await otp.fill(await nextTotpCode(server.db, server.admin.username));
  await page.getByTestId('login-submit').click();
}

describe.skipIf(skipBrowserTests())('admin web app in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to log in, then shows the live counts from the database, switches to English and logs out', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, admin } = server;
    await withPage(browser, 'admin-overview', async (page) => {
      await page.goto(`${url}/admin/overview`);
      await page.waitForURL(/\/login\?next=%2Fadmin%2Foverview$/);

      // The admin has no second factor yet: the password opens only its setup, then the page asked for.
      await logIn(page, admin.username, admin.password);
      await page.waitForURL(`${url}/account/two-factor?next=%2Fadmin%2Foverview`);
      await page.getByTestId('two-factor-required').waitFor();
      expect(await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts()).toEqual(['双因素认证']);
      await page.getByTestId('two-factor-start').click();
      await page.getByTestId('two-factor-qr').waitFor();
      expect(await page.getByTestId('two-factor-uri').innerText()).toMatch(/^otpauth:\/\/totp\/.*:admin\?/);
      await saveScreenshot(page, 'two-factor-setup');
      await enrolTwoFactor(page, server!.db);
      await page.waitForURL(`${url}/admin/overview`);

      const expected = await server!.counts();
      expect(expected.persons).toBeGreaterThan(0);
      for (const key of COUNT_KEYS) {
        await expect
          .poll(() => page.getByTestId(`count-${key}`).getAttribute('data-value'), { timeout: 15_000 })
          .toBe(String(expected[key]));
      }
      await page.getByTestId('counts-chart').waitFor();

      // The admin's menu grows with each feature area: its fixed ends, and what separation of duties gives an admin.
      const menu = await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts();
      expect(menu.slice(0, 3)).toEqual(['概览', '部门', '用户']);
      expect(menu.slice(-2)).toEqual(['修改密码', '双因素认证']);
      expect(menu).toEqual(expect.arrayContaining(['日志保存期限', '信用信息目录']));
      expect(menu).not.toContain('查询使用审查');
      expect(await page.getByTestId('user-role').innerText()).toBe('平台管理员');
      await saveScreenshot(page, 'overview');

      await page.getByTestId('lang-switch').click();
      await expect
        .poll(async () => {
          const english = await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts();
          return [...english.slice(0, 3), ...english.slice(-2)];
        })
        .toEqual(['Overview', 'Departments', 'Users', 'Change password', 'Two-factor authentication']);
      expect(await page.getByTestId('user-role').innerText()).toBe('Platform administrator');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      // The API is now asked for English too.
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/v1/overview/counts')),
        page.getByTestId('overview-refresh').click(),
      ]);
      expect(request.headers()['accept-language']).toBe('en');

      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      // The session really ended: the admin page asks for a login again.
      await page.goto(`${url}/admin/overview`);
      await page.waitForURL(/\/login\?next=/);
      await page.getByTestId('login-submit').waitFor();
    });
  });

  it("shows the server's message for a wrong password and stays on the login page", async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, admin } = server;
    await withPage(browser, 'login-wrong-password', async (page) => {
      await page.goto(`${url}/login`);
      await logIn(page, admin.username, 'not-the-password');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('用户名或密码');
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  });

  it('lets the admin add a user, shows the password rule under its field, and gives a user without admin rights a welcome page', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url } = server;
    await withPage(browser, 'add-user', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Fusers`);
      await logInAsAdmin(page, server!);
      await page.waitForURL(`${url}/admin/users`);

      await page.getByTestId('add-user').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill('citizen.e2e');
      await dialog.getByLabel('姓名').fill('测试信用主体');
      await dialog.getByLabel('角色').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '信用主体' }).click();
      await dialog.getByLabel('初始密码').fill('short');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      // The server's password policy message, placed under the password field.
      await expect.poll(() => dialog.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([expect.stringContaining('密码')]);

      await dialog.getByLabel('初始密码').fill('Citizen-E2e-Password-1');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByTestId('users-table').getByText('citizen.e2e').waitFor();

      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await logIn(page, 'citizen.e2e', 'Citizen-E2e-Password-1');
      await page.waitForURL(`${url}/admin`);
      await page.getByTestId('welcome').waitFor();
      // No admin pages, only the citizen's own pages and account.
      expect(await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts()).toEqual([
        '我的信息被查询记录',
        '我的名单信息',
        '我的信用报告',
        '个人信用中心',
        '查询授权',
        '信用修复',
        '我的异议',
        '修改密码',
        '双因素认证',
      ]);
      expect(await page.getByTestId('user-role').innerText()).toBe('信用主体');
    });
  });
});
