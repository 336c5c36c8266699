import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportSubject, type ReportSubject } from '../../src/modules/queries/test-factories.ts';
import { serializeSignedReport } from '../../src/modules/queries/index.ts';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, openAs, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PASSWORD = 'Report-E2e-Password-1';
const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-report-e2e-'));

describe.skipIf(skipBrowserTests())('credit report pages in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;
  let subject: ReportSubject;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    subject = await seedReportSubject(server.db.services, 701, { dir, password: PASSWORD });
    await server.db.services.accounts.addUser({ actor: null }, { username: 'citizen701', displayName: '张701', role: 'citizen', password: PASSWORD, personId: subject.personId });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the public page verifies a report by number and code and by its file, and refuses a wrong code', async () => {
    const { services } = server!.db;
    const report = await services.reports.issue({ actor: null, channel: 'cli', purpose: 'e2e' }, subject.personId, 'cli', { type: 'personal', format: 'json' });
    await withPage(browser!, 'report-verify', async (page) => {
      await page.goto(`${server!.url}/`);
      await page.getByTestId('portal-verify').click();
      await page.getByTestId('verify-number').fill(report.content.number);
      await page.getByTestId('verify-code').fill(report.content.verificationCode);
      await page.getByTestId('verify-submit').click();
      const result = page.getByTestId('verify-result');
      await expect.poll(() => result.innerText()).toContain('报告真实有效');
      expect(await result.innerText()).toContain('张***');
      await page.getByTestId('verify-code').fill('AAAA-BBBB-CCCC');
      await page.getByTestId('verify-submit').click();
      await expect.poll(() => result.innerText()).toContain('验证码与报告编号不符');
      await page.getByTestId('verify-upload').locator('..').locator('input[type=file]').setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: serializeSignedReport(report) });
      await expect.poll(() => result.innerText()).toContain('报告真实有效');
    });
  });

  it('a citizen downloads their own PDF report from “my report”', async () => {
    const cookie = await loginWithTwoFactor(server!.app, server!.db, 'citizen701', PASSWORD);
    await withPage(browser!, 'report-mine', async (page) => {
      await openAs(page, server!.url, cookie, '/account/report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report-pdf').click()]);
      expect(download.suggestedFilename()).toMatch(/^JYXY\d+\.pdf$/);
    });
  });
});
