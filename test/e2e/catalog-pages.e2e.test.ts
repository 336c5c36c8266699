import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '../../src/demo/index.ts';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, openAs, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

interface Item {
  code: string;
  name: string;
  category: string;
  severity: string | null;
  legalBasis: string | null;
  version: number;
}

async function get<T>(server: TestServer, cookie: string, url: string): Promise<T> {
  const res = await server.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/** Picks `value` in the antd Select with test id `testId`. */
async function choose(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${value}$`) }).click();
}

/** The codes of the items the table shows (each row is keyed by its code). */
const tableCodes = (page: Page) => page.getByTestId('catalog-table').locator('tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key') ?? ''));

describe.skipIf(skipBrowserTests())('catalog pages in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin filters to serious bad items, edits one’s legal basis with a reason and sees version 2 with the change', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    const admin = await loginWithTwoFactor(s.app, s.db, s.admin.username, s.admin.password);
    const { items } = await get<{ items: Item[] }>(s, admin, '/api/v1/catalog/items');
    const serious = items.filter((i) => i.category === 'bad' && i.severity === 'serious').map((i) => i.code);
    expect(serious.length).toBeGreaterThan(0);
    const target = serious[0]!;
    const newBasis = '《河南省社会信用条例》第十二条第（六）项（测试修改）';

    await withPage(browser, 'catalog-edit', async (page) => {
      await openAs(page, s.url, admin, '/admin/catalog');
      await expect.poll(() => tableCodes(page)).toHaveLength(Math.min(items.length, 20));
      await choose(page, 'filter-category', '失信信息');
      await choose(page, 'filter-severity', '严重');
      await expect.poll(async () => (await tableCodes(page)).sort()).toEqual([...serious].sort());

      await page.getByTestId(`open-${target}`).click();
      await page.getByTestId('item-detail').waitFor();
      expect(await page.getByTestId('item-detail').innerText()).toContain('目录十要素');
      await page.getByTestId('edit-item').click();
      await page.getByTestId('edit-legal-basis').fill(newBasis);
      await page.getByTestId('edit-reason').fill('依据条例核对后更正归集依据');
      await page.getByTestId('edit-submit').click();
      await expect.poll(() => page.getByTestId('item-legal-basis').innerText()).toBe(newBasis);

      await page.getByRole('tab', { name: /版本历史/ }).click();
      const v2 = page.getByTestId('version-2');
      await v2.waitFor();
      const text = await v2.innerText();
      expect(text).toContain('版本 2');
      expect(text).toContain('依据条例核对后更正归集依据');
      expect(text).toContain(newBasis);
    });

    const { versions } = await get<{ versions: { version: number; reason: string; item: Item }[] }>(s, admin, `/api/v1/catalog/items/${target}/versions`);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]).toMatchObject({ reason: '依据条例核对后更正归集依据', item: { legalBasis: newBasis } });
  });

  it('an invalid edit shows the server’s located error under the field and saves nothing', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    const admin = await loginWithTwoFactor(s.app, s.db, s.admin.username, s.admin.password);
    const { items } = await get<{ items: Item[] }>(s, admin, '/api/v1/catalog/items');
    const target = items.find((i) => i.category === 'bad' && i.version === 1)!;

    await withPage(browser, 'catalog-invalid-edit', async (page) => {
      await openAs(page, s.url, admin, '/admin/catalog');
      await page.getByTestId(`open-${target.code}`).click();
      await page.getByTestId('edit-item').click();
      const sources = page.getByTestId('edit-sources');
      await sources.click();
      await page.keyboard.type('12345');
      await page.keyboard.press('Enter');
      await page.getByTestId('edit-reason').fill('增加数据来源单位');
      await page.getByTestId('edit-submit').click();
      await expect.poll(() => page.getByTestId('edit-error').innerText()).toContain('不符合目录规则');
      const fieldError = page.locator('.ant-form-item', { has: sources }).locator('.ant-form-item-explain-error');
      await expect.poll(() => fieldError.allInnerTexts()).toEqual(['数据来源单位代码 12345 不是有效的统一社会信用代码']);
    });
    const after = await get<Item>(s, admin, `/api/v1/catalog/items/${target.code}`);
    expect(after.version).toBe(1);
  });

  it('a department operator reads the catalog and the key professions but cannot edit', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    const operator = await loginWithTwoFactor(s.app, s.db, 'op-1', DEFAULT_DEMO_PASSWORD);
    const { professions } = await get<{ professions: { name: string }[] }>(s, operator, '/api/v1/catalog/key-professions');
    await withPage(browser, 'catalog-read-only', async (page) => {
      await openAs(page, s.url, operator, '/admin/catalog');
      await page.getByTestId('catalog-table').locator('tbody tr[data-row-key]').first().waitFor();
      const codes = await tableCodes(page);
      expect(codes.length).toBeGreaterThan(0);
      await page.getByTestId(`open-${codes[0]}`).click();
      await page.getByTestId('item-detail').waitFor();
      expect(await page.getByTestId('edit-item').count()).toBe(0);
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: '重点职业人群' }).click();
      await expect.poll(() => page.getByTestId('professions-table').locator('tbody tr[data-row-key]').count()).toBe(Math.min(professions.length, 20));
      expect(await page.getByTestId('professions-table').innerText()).toContain(professions[0]!.name);
    });
  });
});
