import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personCode, judgmentDebtorRecord } from '../../src/modules/records/test-factories.ts';
import { addDays } from '../../src/modules/lists/rules.ts';
import type { RequestContext } from '../../src/shared/context.ts';
import { loginWithTwoFactor } from '../helpers/auth.ts';
import { ensureWebBuilt, launchBrowser, openAs, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PASSWORD = 'Portal-E2e-Password-1';
const COURT = '11419001101029470Q';
const SUBJECT = 900;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a90000000049454e44ae426082', 'hex');

describe.skipIf(skipBrowserTests())('public portal in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;
  let courtName: string;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services, clock } = server.db;
    const court = (await services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!;
    courtName = court.name;
    const as = async (username: string, role: 'dept_operator' | 'dept_reviewer'): Promise<RequestContext> => {
      const user = await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password: PASSWORD, departmentId: court.id });
      return { actor: { userId: user.id, username, role, departmentId: court.id, personId: null, permissions: new Set() }, channel: 'http' };
    };
    const op = await as('portal-op', 'dept_operator');
    const rev = await as('portal-rev', 'dept_reviewer');
    const job = await services.records.submitBatch(op, 'SXBZXR', [
      judgmentDebtorRecord(900, { code: personCode(SUBJECT), name: '赵九百' }, '2026-10-09'),
    ]);
    expect(job.errors).toEqual([]);
    const personId = (await services.identity.resolvePersonId(personCode(SUBJECT)))!;
    const [fact] = await services.records.subjectFacts({ personId });
    const proposed = await services.lists.propose(op, {
      list: 'serious_dishonesty',
      subjectCode: personCode(SUBJECT),
      category: 'defying_obligations',
      recordIds: [fact!.recordId],
      basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      reason: '有履行能力而拒不履行生效法律文书确定的给付义务',
      measures: '限制高消费',
    });
    // After the defence period the court's reviewer lists the person; the browser then works on that day.
    clock.set(`${addDays(proposed.entry.defenceUntil!, 1)}T09:00:00+08:00`);
    await services.lists.decide(rev, proposed.entry.id, { outcome: 'list', note: '未申辩', version: proposed.entry.version });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('search a listed person’s code → masked result with basis and period; a tip → lookup → the department answers → lookup shows the answer', async () => {
    const code = personCode(SUBJECT);
    await withPage(browser!, 'public-portal', async (page) => {
      await page.goto(`${server!.url}/`);
      await page.getByTestId('portal-search').locator('input').fill(code);
      await page.getByTestId('portal-search').locator('input').press('Enter');
      const results = page.getByTestId('public-search-results');
      await expect.poll(() => results.innerText()).toContain('严重失信主体名单');
      const text = await results.innerText();
      expect(text).toContain(`赵**（${code.slice(0, 6)}********${code.slice(-4)}）`);
      expect(text).not.toContain(code);
      expect(text).toContain('《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条');
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);

      // A tip with a picture, addressed to the court.
      await page.goto(`${server!.url}/tips/new`);
      await page.getByTestId('tip-subject').fill('赵某');
      await page.getByTestId('tip-description').fill('被列入失信名单后仍乘坐飞机出行');
      await page.getByTestId('tip-department').click();
      await page.keyboard.type(courtName);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: courtName }).first().click();
      await page.getByTestId('tip-files').locator('xpath=ancestor::span[contains(@class,"ant-upload")]').locator('input[type=file]').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: PNG });
      await page.getByTestId('tip-submit').click();
      await expect.poll(() => page.getByTestId('tip-number').count()).toBe(1);
      const number = await page.getByTestId('tip-number').innerText();
      const lookupCode = await page.getByTestId('tip-code').innerText();

      const lookUp = async () => {
        await page.goto(`${server!.url}/tips/lookup`);
        await page.getByTestId('lookup-number').fill(number);
        await page.getByTestId('lookup-code').fill(lookupCode);
        await page.getByTestId('lookup-submit').click();
        await expect.poll(() => page.getByTestId('lookup-status').count()).toBe(1);
        return page.getByTestId('lookup-result').innerText();
      };
      expect(await lookUp()).toContain('已受理，待答复');

      // The court's reviewer answers in the workbench.
      const cookie = await loginWithTwoFactor(server!.app, server!.db, 'portal-rev', PASSWORD);
      await openAs(page, server!.url, cookie, '/admin/disclosure/tips');
      await page.getByTestId(`tip-row-${number}`).click();
      await expect.poll(() => page.getByText('照片.png').count()).toBeGreaterThan(0);
      await page.getByTestId('tip-answer').fill('经核实，已将线索移送执行法院处理');
      await page.getByTestId('tip-answer-send').click();
      await expect.poll(() => page.getByTestId('tip-answer').count()).toBe(0);

      await page.context().clearCookies();
      const answered = await lookUp();
      expect(answered).toContain('已答复');
      expect(answered).toContain('经核实，已将线索移送执行法院处理');
    });
  });
});
