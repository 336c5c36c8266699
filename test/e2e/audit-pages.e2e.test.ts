import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '../../src/demo/index.ts';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, openAs, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** Opens `path` in a browser signed in with `cookie` (`cx_session=…`). */
async function api(server: TestServer, cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await server.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

/** A demo person's citizen code, read from the database with the test keys (the platform never shows it in clear). */
async function someCitizenCode(server: TestServer, offset: number): Promise<{ id: string; code: string }> {
  const row = (await server.db.database.db.selectFrom('persons').select(['id', 'codeCipher']).orderBy('id').offset(offset).limit(1).executeTakeFirstOrThrow()) as { id: string; codeCipher: string };
  return { id: row.id, code: server.db.keys.fieldCipher.decrypt(row.codeCipher) };
}

describe.skipIf(skipBrowserTests())('audit pages in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 20 });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an auditor reviews the day of a night-time read and confirms the finding with a note', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    // Monday 2026-11-30, 23:10 in Shanghai: a department operator looks a person up after hours.
    s.db.clock.set(new Date('2026-11-30T23:10:00+08:00'));
    const operator = await loginWithTwoFactor(s.app, s.db, 'op-1', DEFAULT_DEMO_PASSWORD);
    const person = await someCitizenCode(s, 0);
    const read = await api(s, operator, 'POST', '/api/v1/persons/lookup', { code: person.code, purpose: '夜间核查行政处罚当事人' });
    expect(read.status).toBe(200);

    // Next morning the auditor reviews yesterday from the web page.
    s.db.clock.set(new Date('2026-12-01T09:30:00+08:00'));
    const auditor = await loginWithTwoFactor(s.app, s.db, 'auditor', DEFAULT_DEMO_PASSWORD);
    await withPage(browser, 'audit-findings', async (page) => {
      await openAs(page, s.url, auditor, '/admin/audit/findings');
      await page.getByTestId('run-review').click();
      await page.getByTestId('run-from').fill('2026-11-30');
      await page.getByRole('dialog').getByRole('button', { name: '开始审查' }).click();
      await expect.poll(() => page.getByTestId('run-results').innerText()).toContain('2026-11-30：完成，新增 1 条发现');
      await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

      const row = page.getByTestId('findings-table').locator('tr', { hasText: 'op-1' });
      await expect.poll(() => row.innerText()).toContain('非工作时间查询');
      expect(await row.innerText()).toContain('待审查');
      await page.getByTestId('findings-chart').locator('[data-category="2026-11-30"][data-total="1"]').waitFor();

      await row.getByTestId('finding-open').click();
      const detail = page.getByTestId('finding-detail');
      await detail.waitFor();
      expect(await detail.innerText()).toContain('查询次数');
      const entryIds = await page.getByTestId('finding-entries').locator('li').allInnerTexts();
      expect(entryIds).toHaveLength(1);
      await page.getByTestId('mark-note').fill('已核实：该经办人夜间加班处理积案，但未事先报备，确认异常。');
      await page.getByTestId('mark-submit').click();
      await expect.poll(() => page.getByTestId('finding-status').innerText()).toBe('确认异常');
      await expect.poll(() => page.getByTestId('finding-history').innerText()).toContain('待审查 → 确认异常');
    });

    const confirmed = await api(s, auditor, 'GET', '/api/v1/audit/findings?status=confirmed');
    const items = confirmed.body.items as { rule: string; actorUsername: string; reviewNote: string; details: { exampleEntryIds: string[] } }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ rule: 'off_hours', actorUsername: 'op-1', reviewNote: expect.stringContaining('确认异常') });
  });

  it('an auditor verifies the whole log and sees it intact, with the signed heads and the public key', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    const auditor = await loginWithTwoFactor(s.app, s.db, 'auditor', DEFAULT_DEMO_PASSWORD);
    await s.db.services.ledger.signTreeHead();
    const key = await api(s, auditor, 'GET', '/api/v1/audit/public-key');
    await withPage(browser, 'audit-integrity', async (page) => {
      await openAs(page, s.url, auditor, '/admin/audit/integrity');
      await page.getByTestId('verify-log').click();
      const report = page.getByTestId('verify-report');
      await report.waitFor();
      expect(await report.getAttribute('data-ok')).toBe('true');
      expect(await page.getByTestId('verify-verdict').innerText()).toContain('日志完整');
      expect(Number(await page.getByTestId('verify-entries').getAttribute('data-value'))).toBeGreaterThan(10);
      expect(await page.getByTestId('public-key').innerText()).toBe(key.body.publicKey);
      expect(await page.getByTestId('heads-table').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('body').innerText()).toContain('chengxin audit export-heads --out');
    });
  });

  it('refuses to shorten retention below the legal minimum with the server’s Chinese message, then lengthens it and lists the change', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    const admin = await loginWithTwoFactor(s.app, s.db, s.admin.username, s.admin.password);
    await withPage(browser, 'audit-retention', async (page) => {
      await openAs(page, s.url, admin, '/admin/audit/retention');
      expect(await page.getByTestId('retention-minimum').getAttribute('data-value')).toBe('184');
      await page.getByTestId('retention-days').fill('90');
      await page.getByTestId('retention-reason').fill('节省存储空间');
      await page.getByTestId('retention-submit').click();
      await expect.poll(() => page.getByTestId('retention-error').innerText()).toContain('审计日志保存期限不得少于 184 天（《网络安全法》第二十一条');
      expect(await page.getByTestId('retention-current').getAttribute('data-value')).toBe('184');

      await page.getByTestId('retention-days').fill('400');
      await page.getByTestId('retention-reason').fill('配合年度审计，延长日志保存期限');
      await page.getByTestId('retention-submit').click();
      await expect.poll(() => page.getByTestId('retention-current').getAttribute('data-value')).toBe('400');
      const history = page.getByTestId('retention-history').locator('tbody tr');
      await expect.poll(() => history.count()).toBe(2);
      expect(await history.first().innerText()).toContain('配合年度审计，延长日志保存期限');
    });
    const stored = await api(s, admin, 'GET', '/api/v1/audit/retention');
    expect((stored.body.current as { days: number }).days).toBe(400);
  });

  it('a citizen linked to a person sees a department user’s read of them, and downloads the file with its proofs', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const s = server;
    const admin = await loginWithTwoFactor(s.app, s.db, s.admin.username, s.admin.password);
    const person = await someCitizenCode(s, 3);
    const created = await api(s, admin, 'POST', '/api/v1/users', {
      username: 'citizen.e2e-linked',
      displayName: '测试本人',
      role: 'citizen',
      password: 'Citizen-Linked-Password-1',
      personCode: person.code,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const unlinked = await api(s, admin, 'POST', '/api/v1/users', { username: 'citizen.e2e-unlinked', displayName: '未关联', role: 'citizen', password: 'Citizen-Linked-Password-1' });
    expect(unlinked.status).toBe(201);

    const operator = await loginWithTwoFactor(s.app, s.db, 'op-2', DEFAULT_DEMO_PASSWORD);
    const read = await api(s, operator, 'POST', '/api/v1/persons/lookup', { code: person.code, purpose: '办理行政许可资格审查' });
    expect(read.status).toBe(200);
    const operatorDepartment = ((await api(s, operator, 'GET', '/api/v1/me')).body.department as { name: string }).name;

    const citizen = await loginWithTwoFactor(s.app, s.db, 'citizen.e2e-linked', 'Citizen-Linked-Password-1');
    await withPage(browser, 'my-access-log', async (page) => {
      await openAs(page, s.url, citizen, '/account/access-log');
      const nav = page.getByTestId('main-nav').getByRole('menuitem');
      await expect.poll(() => nav.allInnerTexts()).toContain('我的信息被查询记录');
      const row = page.getByTestId('access-log-table').locator('tr', { hasText: '办理行政许可资格审查' });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('部门经办人');
      expect(text).toContain(operatorDepartment);
      expect(text).toContain('查询身份信息');
      expect(text).toContain('成功');
      expect(await page.getByTestId('check-download-command').innerText()).toContain('chengxin audit check-download');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-access-log').click()]);
      expect(download.suggestedFilename()).toMatch(/^access-log-\d{4}-\d{2}-\d{2}\.json$/);
      const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; subject: { id: string }; entries: { entry: { action: string; purpose: string | null }; proof: unknown }[] };
      expect(file.format).toBe('chengxin.access-log.v1');
      expect(file.subject.id).toBe(person.id);
      const lookup = file.entries.find((e) => e.entry.action === 'person.read' && e.entry.purpose === '办理行政许可资格审查');
      expect(lookup?.proof).not.toBeNull();
    });

    const other = await loginWithTwoFactor(s.app, s.db, 'citizen.e2e-unlinked', 'Citizen-Linked-Password-1');
    await withPage(browser, 'my-access-log-unlinked', async (page) => {
      await openAs(page, s.url, other, '/account/access-log');
      expect(await page.getByTestId('access-log-not-linked').innerText()).toContain('未关联信用主体');
    });
  });
});
