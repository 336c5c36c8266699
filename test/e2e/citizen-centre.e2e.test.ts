import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { makeOrgCode } from '../../src/modules/identity/index.ts';
import { seedReportSubject, type ReportSubject } from '../../src/modules/queries/test-factories.ts';
import { tokenWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { freePort, startTestIdentityProvider, type TestIdentityProvider } from '../helpers/oidc.ts';
import { TEST_APP_CONFIG } from '../helpers/server.ts';

const PASSWORD = 'Citizen-E2e-Password-1';
const BANK = makeOrgCode('91419001MA0000B77');
const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-citizen-e2e-'));

/**
 * The citizen path in Chromium: real-name login at a real OIDC provider → my report →
 * grant an authorization → the bank queries through the API → the query shows in my access log →
 * revoke → the bank's next query is refused.
 */
describe.skipIf(skipBrowserTests())('citizen centre in Chromium', { timeout: 120_000 }, () => {
  let db: (TestDb & { destroy(): Promise<void> }) | undefined;
  let app: FastifyInstance | undefined;
  let idp: TestIdentityProvider | undefined;
  let browser: Browser | null = null;
  let subject: ReportSubject;
  let url: string;
  let bankToken: string;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    // The provider registers the app's redirect URI, so the app's port is chosen first.
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    idp = await startTestIdentityProvider([`${url}/api/v1/auth/oidc/callback`]);
    db = await createTestDb('sqlite');
    subject = await seedReportSubject(db.services, 731, { dir, password: PASSWORD });
    await db.services.accounts.addUser({ actor: null }, { username: 'bank-e2e', displayName: '济源农商银行接口', role: 'api_client', password: PASSWORD, organizationCode: BANK });
    bankToken = await tokenWithTwoFactor(db, 'bank-e2e', PASSWORD);
    app = await buildApp({ config: { ...TEST_APP_CONFIG, oidc: idp.config(url) }, services: db.services, logger: false, webRoot });
    await app.listen({ host: '127.0.0.1', port });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await idp?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const bankQuery = (authorizationId: string) =>
    fetch(`${url}/api/v1/queries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bankToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subjectCode: subject.code, purpose: '个人住房贷款审批', authorizationId }),
    });

  it('real-name login → my report → grant → the bank queries → my access log shows it → revoke → refused', async () => {
    idp!.signInAs({ sub: 'gov-e2e-731', name: subject.name, idCardNumber: subject.code });
    let authorizationId = '';
    await withPage(browser!, 'citizen-centre', async (page) => {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-real-name').click();
      // Through the identity provider and back: the citizen centre, with the person's own records.
      await page.waitForURL(`${url}/account/citizen`);
      await expect.poll(() => page.getByTestId('own-records-table').innerText()).toContain('道德模范');

      await page.getByTestId('centre-report').click();
      await page.waitForURL(`${url}/account/report`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report-pdf').click()]);
      expect(download.suggestedFilename()).toMatch(/^JYXY\d+\.pdf$/);

      await page.goto(`${url}/account/authorizations`);
      await page.getByTestId('grant-org-code').fill(BANK);
      await page.getByTestId('grant-org-name').fill('济源农商银行');
      await page.getByTestId('grant-purpose').fill('个人住房贷款审批');
      await page.getByLabel('失信信息').check();
      await page.getByTestId('grant-valid-until').fill('2026-12-31');
      await page.getByTestId('grant-max-uses').fill('2');
      await page.getByTestId('grant-submit').click();
      const table = page.getByTestId('authorizations-table');
      await expect.poll(() => table.innerText()).toContain('济源农商银行');
      authorizationId = (await page.getByTestId('authorization-id').first().innerText()).trim();

      const answered = await bankQuery(authorizationId);
      expect(answered.status, await answered.clone().text()).toBe(200);
      expect(((await answered.json()) as { content: { type: string } }).content.type).toBe('authorized');
      await page.reload();
      await expect.poll(() => page.getByTestId('authorization-uses').first().innerText()).toBe('1 / 2');

      await page.goto(`${url}/account/access-log`);
      const log = page.getByTestId('access-log-table');
      await expect.poll(() => log.innerText()).toContain('济源农商银行');
      const text = await log.innerText();
      expect(text).toContain('个人住房贷款审批');
      expect(text).toContain(authorizationId);

      await page.goto(`${url}/account/authorizations`);
      await page.getByTestId('authorization-revoke').first().click();
      // antd spaces two-character Chinese button labels (撤 销).
      await page.getByRole('button', { name: /^撤\s*销$/ }).last().click();
      await expect.poll(() => page.getByTestId('authorization-state').first().innerText()).toBe('已撤销');
    });
    const refused = await bankQuery(authorizationId);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('queries.authorization_revoked');
  });
});
