import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCitizenCode } from '../../src/modules/identity/codes/index.ts';
import { PENALTY_HEADER, csvLine, penaltyRow, personCode } from '../../src/modules/records/test-factories.ts';
import { loginWithTwoFactor, nextTotpCode } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, logIn, saveScreenshot, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, TEST_APP_CONFIG, type TestServer } from '../helpers/server.ts';
import { buildApp } from '../../src/app.ts';

const OPERATOR = { username: 'rec.e2e.op', password: 'Operator-E2e-Password-1' };
const SEVERITY = '失信严重程度';
const REPRESENTATIVE = personCode(950);

/** A 双公示 penalty CSV (2021 layout, the standard's Chinese column names) with a per-record severity column. */
function penaltyFile(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from([[...PENALTY_HEADER, SEVERITY], ...rows].map(csvLine).join('\r\n') + '\r\n', 'utf8');
}

/** Persons 1, 2 and 4, an organization with a serious penalty (so its legal representative gets a linked record), and one bad citizen code. */
function firstFile(): { csv: Buffer; rows: number; badRow: number } {
  const bad = [...penaltyRow(3)];
  const code = personCode(3);
  bad[7] = `${code.slice(0, 17)}${code.endsWith('1') ? '2' : '1'}`; // 证件号码 with a wrong check character
  const rows = [
    [...penaltyRow(1), ''],
    [...penaltyRow(2), ''],
    [...penaltyRow(40, { organization: true, representativeCode: REPRESENTATIVE }), '严重'],
    [...bad, ''],
    [...penaltyRow(4), ''],
  ];
  // Header is row 1; the bad row is the 4th data row.
  return { csv: penaltyFile(rows), rows: rows.length, badRow: 5 };
}

const CHANGED_FACT = '第 1 号案件：更正后的违法事实';

async function navTexts(page: Page): Promise<string[]> {
  return page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts();
}

async function chooseFile(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
  await page.getByTestId('upload-file').locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
}

/** Waits for the job on the page to be answered and returns its counts as shown. */
async function finishedJob(page: Page): Promise<Record<'accepted' | 'rejected' | 'unchanged' | 'versioned', number>> {
  const report = page.getByTestId('job-report');
  await expect.poll(() => report.getAttribute('data-status'), { timeout: 20_000 }).toMatch(/^(done|failed)$/);
  expect(await report.getAttribute('data-status')).toBe('done');
  const value = async (key: string) => Number(await page.getByTestId(`job-${key}`).getAttribute('data-value'));
  return { accepted: await value('accepted'), rejected: await value('rejected'), unchanged: await value('unchanged'), versioned: await value('versioned') };
}

describe.skipIf(skipBrowserTests())('records workbench and admin pages in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;
  let worker: { stop(): Promise<void> } | undefined;
  /** The same platform (database, sessions) behind a second listener that accepts uploads of at most 1 KiB. */
  let smallLimit: { url: string; close(): Promise<void> } | undefined;
  let department: { id: string; name: string; orgCode: string };
  const workerErrors: unknown[] = [];

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services } = server.db;
    // The test server does not run background jobs (src/jobs.ts): start the upload worker here.
    worker = services.records.startWorker((err) => workerErrors.push(err), 1);
    const departments = await services.accounts.listDepartments();
    department = departments.find((d) => d.name === '市公安局') ?? departments[0]!;
    // 行政处罚 (XZCF) names every administrative organ (`*`) as its source.
    expect((await services.catalog.get('XZCF')).sourceDepartments).toContain('*');
    await services.accounts.addUser({ actor: null }, { ...OPERATOR, displayName: '归集经办人', role: 'dept_operator', departmentId: department.id });
    // The admin already has a second factor (set up through the API).
    await loginWithTwoFactor(server.app, server.db, server.admin.username, server.admin.password);
    const small = await buildApp({ config: { ...TEST_APP_CONFIG, uploadLimitBytes: 1024 }, services, logger: false, webRoot });
    await small.listen({ host: '127.0.0.1', port: 0 });
    smallLimit = { url: `http://127.0.0.1:${(small.server.address() as { port: number }).port}`, close: () => small.close() };
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await smallLimit?.close();
    await worker?.stop();
    await server?.close();
    expect(workerErrors).toEqual([]);
  });

  it('a department operator uploads a 双公示 penalty CSV, sees the job finish with the bad row located, downloads the report, and sees a changed row as version 2', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url } = server;
    await withPage(browser, 'records-operator', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Frecords%2Fupload`);
      await logIn(page, OPERATOR.username, OPERATOR.password);
      await page.waitForURL(`${url}/admin/records/upload`);
      const nav = await navTexts(page);
      expect(nav).toEqual(expect.arrayContaining(['上传报送', '报送记录', '信用记录', '核查时限']));
      expect(nav).not.toContain('归集统计');

      // Not a CSV/XLSX: the server's 415, said so, and nothing is queued.
      await chooseFile(page, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'image/png');
      await page.getByTestId('upload-submit').click();
      const refused = page.getByTestId('upload-error');
      await refused.waitFor();
      expect(await refused.innerText()).toContain('文件类型不受支持（415）');
      // The server's detail under it (what the content was found to be).
      expect(await refused.innerText()).toContain('PNG');
      expect(new URL(page.url()).search).toBe('');

      // Larger than the server accepts: its 413, said so (the same session: cookies do not depend on the port).
      const first = firstFile();
      await page.goto(`${smallLimit!.url}/admin/records/upload`);
      await chooseFile(page, '行政处罚-2026-11.csv', first.csv);
      await page.getByTestId('upload-submit').click();
      await refused.waitFor();
      await expect.poll(() => refused.innerText()).toContain('文件过大，服务器拒绝接收（413）');
      expect(await refused.innerText()).toContain('1024 字节');
      await page.goto(`${url}/admin/records/upload`);

      // The real file, item recognised from its header.
      await chooseFile(page, '行政处罚-2026-11.csv', first.csv);
      const [uploadRequest] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/api/v1/records/uploads')),
        page.getByTestId('upload-submit').click(),
      ]);
      expect(uploadRequest.headers()['accept-language']).toBe('zh-CN');
      expect(uploadRequest.url()).toContain(`fileName=${encodeURIComponent('行政处罚-2026-11.csv')}`);
      expect(uploadRequest.url()).not.toContain('item=');
      await page.waitForURL(/\/admin\/records\/upload\?job=/);
      const firstJobId = new URL(page.url()).searchParams.get('job')!;

      expect(await finishedJob(page)).toEqual({ accepted: first.rows - 1, rejected: 1, unchanged: 0, versioned: 0 });
      expect(await page.getByTestId('job-progress').getAttribute('data-percent')).toBe('100');
      expect(await page.getByTestId('job-status').innerText()).toBe('已完成');
      expect(await page.getByTestId('job-summary').innerText()).toContain(`共处理 ${first.rows} 行`);
      // The stored job agrees with the page.
      expect(await server!.db.services.records.findJob(firstJobId)).toMatchObject({ status: 'done', layout: 'penalty-2021', accepted: first.rows - 1, rejected: 1 });

      // The error report: row, column and reason in Chinese.
      const errorRows = page.getByTestId('errors-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => errorRows.count()).toBe(1);
      const cells = await errorRows.first().locator('td').allInnerTexts();
      expect(cells[0]).toBe(String(first.badRow));
      expect(cells[1]).toBe('证件号码');
      expect(cells[2]).toContain('校验码错误');
      expect(cells[3]).toBe('records.invalid_subject_code');
      await saveScreenshot(page, 'records-upload-report');

      // The CSV download holds the same row, in both languages.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('errors-download-csv').click()]);
      expect(download.suggestedFilename()).toBe(`errors-${firstJobId}.csv`);
      const report = readFileSync((await download.path())!, 'utf8');
      const lines = parse(report, { bom: true }) as string[][];
      expect(lines).toEqual([
        ['行号 Row', '列 Column', '代码 Code', '原因', 'Reason'],
        [String(first.badRow), '证件号码', 'records.invalid_subject_code', expect.stringContaining('校验码错误'), expect.stringContaining('wrong check character')],
      ]);

      // In English the reason follows the page's language.
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => errorRows.first().locator('td').nth(2).innerText()).toContain('wrong check character');
      await page.getByTestId('lang-switch').click();

      // A changed version of row 1: one new version, nothing else.
      await page.getByTestId('upload-another').click();
      await page.waitForURL(`${url}/admin/records/upload`);
      await chooseFile(page, '行政处罚-更正.csv', penaltyFile([[...penaltyRow(1, { fact: CHANGED_FACT }), '']]));
      await page.getByTestId('upload-submit').click();
      await page.waitForURL((u) => u.searchParams.has('job') && u.searchParams.get('job') !== firstJobId);
      expect(await finishedJob(page)).toEqual({ accepted: 0, rejected: 0, unchanged: 0, versioned: 1 });
      // No rejected rows: no error report.
      expect(await page.getByTestId('errors-table').count()).toBe(0);

      // The job list: both submissions, the first with its error report.
      await page.getByTestId('main-nav').getByRole('menuitem', { name: '报送记录' }).click();
      await page.waitForURL(`${url}/admin/records/jobs`);
      const jobRows = page.getByTestId('jobs-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => jobRows.count()).toBe(2);
      const firstJobRow = page.getByTestId('jobs-table').locator(`tr[data-row-key="${firstJobId}"]`);
      expect(await firstJobRow.getByTestId('cell-rejected').getAttribute('data-value')).toBe('1');
      expect(await firstJobRow.getByTestId('due-date').getAttribute('data-state')).toBe('onTime');
      await firstJobRow.getByTestId('job-open').click();
      await page.waitForURL(`${url}/admin/records/jobs?job=${firstJobId}`);
      await expect.poll(() => page.getByRole('dialog').getByTestId('errors-table').locator('tbody tr.ant-table-row').count()).toBe(1);
      await page.keyboard.press('Escape');
      await page.waitForURL(`${url}/admin/records/jobs`);

      // Browse: persons 1, 2 and 4, the organization and its legal representative's linked record.
      await page.getByTestId('main-nav').getByRole('menuitem', { name: '信用记录' }).click();
      await page.waitForURL(`${url}/admin/records/browse`);
      await expect.poll(() => page.getByTestId('records-table').locator('tbody tr.ant-table-row').count()).toBe(5);
      // By the person's code: masked, version 2, and the drawer shows both versions.
      await page.getByTestId('filter-subject').locator('input').fill(personCode(1));
      await page.getByTestId('filter-subject').locator('input').press('Enter');
      const recordRows = page.getByTestId('records-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => recordRows.count()).toBe(1);
      expect(await recordRows.first().getByTestId('subject-name').innerText()).toBe('张*');
      const code = personCode(1);
      expect(await recordRows.first().getByTestId('subject-code').innerText()).toBe(`${code.slice(0, 6)}********${code.slice(-4)}`);
      expect(await recordRows.first().getByTestId('record-version').getAttribute('data-value')).toBe('2');
      // The citizen code is nowhere in clear in what the server sent (only in the search box, where it was typed).
      expect(await page.getByTestId('records-table').innerHTML()).not.toContain(code);

      await recordRows.first().click();
      const drawer = page.getByTestId('record-detail');
      await drawer.waitFor();
      expect(await drawer.getByTestId('record-current-version').getAttribute('data-value')).toBe('2');
      const versions = drawer.getByTestId('record-version-card');
      expect(await versions.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-version')))).toEqual(['2', '1']);
      const v2 = drawer.locator('[data-testid="record-version-card"][data-version="2"]');
      const v1 = drawer.locator('[data-testid="record-version-card"][data-version="1"]');
      expect(await v2.getByTestId('field-cf_sy').innerText()).toBe(CHANGED_FACT);
      expect(await v2.getByTestId('field-cf_sy').getAttribute('data-changed')).toBe('true');
      expect(await v1.getByTestId('field-cf_sy').innerText()).toBe('第 1 号案件，已责令改正');
      // When: the test clock's instant. (Who: upload jobs are processed by the worker without the
      // uploader, so `recordedBy` is null for now — reported to the records module.)
      expect(await v2.getByTestId('version-meta').innerText()).toContain('2026/11/30 09:00:00');
      expect(await drawer.innerHTML()).not.toContain(code);
      // Each version names the job that recorded it.
      expect(await v1.getByTestId('version-job').getAttribute('href')).toBe(`/admin/records/jobs?job=${firstJobId}`);
      expect(await v2.getByTestId('version-job').getAttribute('href')).not.toBe(`/admin/records/jobs?job=${firstJobId}`);
      await saveScreenshot(page, 'records-version-history');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      // The legal representative's linked record leads to the organization's record and back.
      await page.getByTestId('filter-subject').locator('input').fill(REPRESENTATIVE);
      await page.getByTestId('filter-subject').locator('input').press('Enter');
      await expect.poll(() => recordRows.first().getByTestId('subject-code').innerText()).toBe(`${REPRESENTATIVE.slice(0, 6)}********${REPRESENTATIVE.slice(-4)}`);
      expect(await recordRows.count()).toBe(1);
      expect(await recordRows.first().innerText()).toContain('法定代表人');
      await recordRows.first().click();
      await page.getByTestId('record-linked-from').waitFor();
      expect(await page.getByTestId('record-linked-from').innerText()).toContain('法定代表人');
      const personRecordId = await page.getByTestId('record-detail').getAttribute('data-record-id');
      await page.getByTestId('open-linked-organization').click();
      await expect.poll(() => page.getByTestId('record-detail').getAttribute('data-record-id')).not.toBe(personRecordId);
      expect(await page.getByTestId('record-detail').innerText()).toContain('济源市第40商贸有限公司');
      await page.getByTestId('record-back').click();
      await expect.poll(() => page.getByTestId('record-detail').getAttribute('data-record-id')).toBe(personRecordId);
    });
  });

  it('the admin sees the department in the ingestion statistics and its waiting submission against the deadline', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, app, db, admin } = server;
    // A third submission that stays queued: the worker is stopped before it arrives.
    await worker!.stop();
    worker = undefined;
    const cookie = await loginWithTwoFactor(app, db, OPERATOR.username, OPERATOR.password);
    const queued = await app.inject({
      method: 'POST',
      url: `/api/v1/records/uploads?fileName=${encodeURIComponent('待处理.csv')}`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: penaltyFile([[...penaltyRow(5), '']]),
    });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json().status).toBe('queued');

    await withPage(browser, 'records-admin', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Frecords%2Fstats`);
      await logIn(page, admin.username, admin.password);
      await page.getByTestId('login-otp').fill(await nextTotpCode(db, admin.username));
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${url}/admin/records/stats`);
      const nav = await navTexts(page);
      expect(nav).toEqual(expect.arrayContaining(['核查时限', '归集统计']));
      expect(nav).not.toContain('上传报送');
      expect(nav).not.toContain('信用记录');

      const row = page.getByTestId('stats-table').locator(`tr[data-row-key="${department.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('stats-department').innerText()).toBe(department.name);
      const value = async (key: string) => Number(await row.getByTestId(`stats-${key}`).getAttribute('data-value'));
      // 5 rows + 1 changed row processed; the queued file not yet.
      expect({
        submissions: await value('submissions'),
        rows: await value('rows'),
        accepted: await value('accepted'),
        rejected: await value('rejected'),
        unchanged: await value('unchanged'),
        versioned: await value('versioned'),
        onTime: await value('onTime'),
        overdue: await value('overdue'),
      }).toEqual({ submissions: 3, rows: 6, accepted: 4, rejected: 1, unchanged: 0, versioned: 1, onTime: 2, overdue: 0 });
      expect(await value('rejectionRate')).toBeCloseTo(1 / 6, 3);
      expect(await row.getByTestId('stats-rejectionRate').innerText()).toBe('16.7%');
      // The charts: the department's bar totals its rows (volume) and its answered submissions (timeliness).
      expect(await page.getByTestId('stats-volume-chart').locator(`g[data-category="${department.id}"]`).getAttribute('data-total')).toBe('6');
      expect(await page.getByTestId('stats-timeliness-chart').locator(`g[data-category="${department.id}"]`).getAttribute('data-total')).toBe('2');
      await saveScreenshot(page, 'records-stats');

      // Every department's unanswered submissions, with the time left to the Art. 17 deadline.
      await page.getByTestId('main-nav').getByRole('menuitem', { name: '核查时限' }).click();
      await page.waitForURL(`${url}/admin/records/due`);
      await expect.poll(() => page.getByTestId('due-waiting-count').getAttribute('data-value')).toBe('1');
      expect(await page.getByTestId('due-overdue-count').getAttribute('data-value')).toBe('0');
      const waiting = page.getByTestId('due-waiting').locator('tbody tr.ant-table-row');
      expect(await waiting.count()).toBe(1);
      expect(await waiting.first().innerText()).toContain(department.name);
      expect(await waiting.first().innerText()).toContain('待处理.csv');
      expect(await waiting.first().getByTestId('due-date').innerText()).toContain(queued.json().dueDate);
      const countdown = waiting.first().getByTestId('countdown');
      expect(await countdown.innerText()).toMatch(/^剩余 \d+ 天 \d\d:\d\d:\d\d$/);
      // It counts down.
      const before = Number(await countdown.getAttribute('data-ms-left'));
      await expect.poll(async () => Number(await countdown.getAttribute('data-ms-left')), { timeout: 5000 }).toBeLessThan(before);
      await saveScreenshot(page, 'records-due');
    });
  });
});
