import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personCode } from '../../src/modules/records/test-factories.ts';
import { TEST_START } from '../helpers/db.ts';
import { ensureWebBuilt, launchBrowser, logIn, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { courtDebtors } from '../helpers/domain.ts';

const PASSWORD = 'Objection-Evidence-E2e-1';
const REVIEWER = 'evidence.e2e.rev';
const CITIZEN = 'evidence.e2e.citizen';
const SUBJECT = personCode(451);
const PRINCIPAL = personCode(452);
const AGENT = 'evidence.e2e.agent';
const PRINCIPAL_LOGIN = 'evidence.e2e.principal';
const DOCUMENT = '(2026)豫9001执451号';
const PDF = Buffer.from('%PDF-1.4\n% 执行结案通知书\n%%EOF\n');

describe.skipIf(skipBrowserTests())('objection with evidence from the report page, in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;
  let recordId: string;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services } = server.db;
    const persons = await courtDebtors(services, {
      reviewer: REVIEWER,
      reviewerName: '异议审核人',
      password: PASSWORD,
      debtors: [
        { n: 451, code: SUBJECT, name: '孙四五一', login: CITIZEN },
        { n: 452, code: PRINCIPAL, name: '李四五二', login: PRINCIPAL_LOGIN },
      ],
    });
    const personId = persons.get(SUBJECT)!;
    recordId = (await services.records.subjectFacts({ personId }))[0]!.recordId;
    // The agent is a citizen of the platform too (the person of the first record).
    await services.accounts.addUser({ actor: null }, { username: AGENT, displayName: '孙四五一', role: 'citizen', password: PASSWORD, personId });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a citizen objects to a line of their report with a file; the department sees the file and downloads it', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, db } = server;
    db.clock.set(TEST_START);

    const objectionId = await withPage(browser, 'evidence-citizen', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Freport`);
      await logIn(page, CITIZEN, PASSWORD);
      await page.waitForURL(`${url}/account/report`);
      await page.getByTestId('report-lines-show').click();
      await page.getByTestId('report-lines').getByText(DOCUMENT).waitFor();
      await page.getByTestId(`object-line-${DOCUMENT}`).click();
      await page.waitForURL(/\/account\/objections\?report=/);
      await page.getByTestId('filing-from-report').getByText(DOCUMENT, { exact: false }).waitFor();
      await page.locator('#objection-reasons').fill('该案已执行完毕，附结案通知书');
      await page.locator('input[type=file]').setInputFiles({ name: '结案通知书.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByText('结案通知书.pdf').first().waitFor();
      await page.locator('#objection-submit').click();
      const card = page.locator('.ant-card[data-testid^="objection-"]').filter({ hasText: '异议处理中' }).first();
      await card.getByText('结案通知书.pdf').waitFor();
      return (await card.getAttribute('data-testid'))!.slice('objection-'.length);
    });

    const [filed] = (await db.services.objections.queue({ actor: null })).items;
    expect(filed).toMatchObject({ id: objectionId, target: { kind: 'record', id: recordId }, reportNumber: expect.stringMatching(/\S/) });
    expect(filed!.files.map((f) => [f.purpose, f.fileName, f.contentType])).toEqual([['evidence', '结案通知书.pdf', 'application/pdf']]);

    await withPage(browser, 'evidence-reviewer', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Fobjections`);
      await logIn(page, REVIEWER, PASSWORD);
      await page.waitForURL(`${url}/admin/objections`);
      const link = page.getByTestId(`file-${filed!.files[0]!.id}`);
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('结案通知书.pdf');
      expect(readFileSync((await download.path())!)).toEqual(PDF);
    });
  });

  it('an agent files for the principal with a power of attorney; a wrong name is refused like a missing item; the principal sees who filed it', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, db } = server;
    const principalId = (await db.services.identity.resolvePersonId(PRINCIPAL))!;
    const report = await db.services.reports.issue({ actor: null, channel: 'cli' }, principalId, 'cli', { type: 'personal', format: 'json' });
    const line = report.content.records.bad[0]!;

    await withPage(browser, 'evidence-agent', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Fobjections`);
      await logIn(page, AGENT, PASSWORD);
      await page.waitForURL(`${url}/account/objections`);
      await page.getByTestId('filing-mode').getByText('为他人代理').click();
      await page.locator('#agent-citizen-code').fill(PRINCIPAL);
      await page.locator('#agent-name').fill('李某');
      await page.locator('#agent-report-number').fill(report.content.number);
      await page.locator('#agent-item-code').fill(line.itemCode);
      await page.locator('#agent-source-record-id').fill(line.sourceRecordId);
      await page.locator('#objection-reasons').fill('受委托人李四五二委托提出异议');
      await page.locator('input[type=file]').first().setInputFiles({ name: '授权委托书.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.locator('#objection-submit').click();
      await page.getByTestId('filing-error').getByText('未找到可提出异议', { exact: false }).waitFor();
      await page.locator('#agent-name').fill('李四五二');
      await page.locator('#objection-submit').click();
      await page.locator('.ant-card[data-testid^="objection-"]').filter({ hasText: '我作为 李*** 的代理人提出' }).getByText('授权委托书.pdf').waitFor();
    });

    await withPage(browser, 'evidence-principal', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Fobjections`);
      await logIn(page, PRINCIPAL_LOGIN, PASSWORD);
      await page.waitForURL(`${url}/account/objections`);
      await page.locator('.ant-card[data-testid^="objection-"]').getByText('由代理人 孙四五一 代为提出').waitFor();
    });
  });
});
