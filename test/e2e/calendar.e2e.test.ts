import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithTwoFactor, nextTotpCode } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** Polls for UI updates that wait on an API round trip. */
const WAIT = { timeout: 10_000, interval: 100 };

async function logInAsAdmin(page: Page, server: TestServer, next: string): Promise<void> {
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(server.admin.username);
  await page.getByTestId('login-password').fill(server.admin.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-otp').fill(await nextTotpCode(server.db, server.admin.username));
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${server.url}${next}`);
}

describe.skipIf(skipBrowserTests())('working-day calendar in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    // The admin's second factor is set up through the API; the browser signs in with a code.
    await loginWithTwoFactor(server.app, server.db, server.admin.username, server.admin.password);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows Spring Festival 2026, computes a deadline across it, and records an edit with its reason in the history', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    await withPage(browser, 'calendar', async (page) => {
      await logInAsAdmin(page, server!, '/admin/calendar?year=2026');
      await expect.poll(() => page.getByTestId('calendar-year').innerText(), WAIT).toBe('2026');

      // 春节 2026: 15–23 February off, Saturdays 14 and 28 February worked.
      const newYearsDay = page.getByTestId('day-2026-02-17');
      await newYearsDay.waitFor();
      expect(await newYearsDay.getAttribute('data-kind')).toBe('holiday');
      expect(await newYearsDay.getAttribute('data-name')).toBe('春节');
      expect(await newYearsDay.innerText()).toContain('休');
      expect(await page.getByTestId('day-2026-02-28').getAttribute('data-kind')).toBe('workday');
      expect(await page.getByTestId('day-2026-02-28').innerText()).toContain('班');
      expect(await page.getByTestId('festival-table').innerText()).toMatch(/春节[\s\S]*02-15 – 02-23（共 9 天）[\s\S]*02-14，02-28/);
      expect(await page.getByTestId('calendar-sources').innerText()).toContain('国务院办公厅关于2026年部分节假日安排的通知');
      // Navigation lists the page for the admin.
      expect(await page.getByTestId('main-nav').innerText()).toContain('工作日日历');

      // Henan Art. 17: five working days from Thursday 12 February end on 26 February, not the 19th.
      await page.getByTestId('deadline-from').fill('2026-02-12');
      await page.getByTestId('deadline-days').fill('5');
      await page.getByTestId('deadline-compute').click();
      const result = page.getByTestId('deadline-result');
      await result.waitFor();
      expect(await result.getAttribute('data-due')).toBe('2026-02-26');
      expect(await result.innerText()).toContain('2026-02-26');

      // The admin makes Friday 4 December a holiday, with a reason.
      await page.getByTestId('day-2026-12-04').click();
      await page.getByTestId('edit-reason').waitFor();
      await expect.poll(() => page.getByTestId('edit-date').inputValue(), WAIT).toBe('2026-12-04');
      await page.getByTestId('edit-name').fill('临时休假');
      // Without a reason the form refuses.
      await page.locator('#calendar-edit-submit').click();
      await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts(), WAIT).toContain('请填写修改理由（至少 2 个字）');
      await page.getByTestId('edit-reason').fill('市政府临时通知（浏览器测试）');
      await page.locator('#calendar-edit-submit').click();
      await expect.poll(() => page.getByTestId('day-2026-12-04').getAttribute('data-kind'), WAIT).toBe('holiday');

      // The history shows the change, who made it and why.
      const history = page.getByTestId('calendar-history');
      await expect.poll(() => history.innerText(), WAIT).toContain('市政府临时通知（浏览器测试）');
      const text = await history.innerText();
      expect(text).toContain('2026-12-04');
      expect(text).toContain('普通日 → 节假日 临时休假');
      expect(text).toContain('admin');

      // The deadline calculator sees the edit at once.
      await page.getByTestId('deadline-from').fill('2026-12-03');
      await page.getByTestId('deadline-days').fill('1');
      await page.getByTestId('deadline-compute').click();
      await expect.poll(() => result.getAttribute('data-due'), WAIT).toBe('2026-12-07');
    });
    const stored = await server.db.services.calendar.history('2026-12-04');
    expect(stored[0]).toMatchObject({ changeKind: 'edit', reason: '市政府临时通知（浏览器测试）', after: { kind: 'holiday', name: '临时休假' } });
  });
});
