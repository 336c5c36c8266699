import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/shared/context.ts';
import { addDays } from '../../src/modules/lists/rules.ts';
import { personCode, judgmentDebtorRecord } from '../../src/modules/records/test-factories.ts';
import { TEST_START } from '../helpers/db.ts';
import { ensureWebBuilt, launchBrowser, logIn, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const COURT = '11419001101029470Q'; // 济源中级人民法院: source of 失信被执行人 (SXBZXR)
const PASSWORD = 'Lists-E2e-Password-1';
const OPERATOR = 'lists.e2e.op';
const REVIEWER = 'lists.e2e.rev';
const CITIZEN = 'lists.e2e.citizen';
const SUBJECT = personCode(321);

describe.skipIf(skipBrowserTests())('lists pages in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;
  let personId: string;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 10 });
    const { services } = server.db;
    const court = (await services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!;
    const op = await services.accounts.addUser({ actor: null }, { username: OPERATOR, displayName: '名单经办人', role: 'dept_operator', password: PASSWORD, departmentId: court.id });
    await services.accounts.addUser({ actor: null }, { username: REVIEWER, displayName: '名单审核人', role: 'dept_reviewer', password: PASSWORD, departmentId: court.id });
    const ctx: RequestContext = { actor: { userId: op.id, username: OPERATOR, role: 'dept_operator', departmentId: court.id, personId: null, permissions: new Set() } };
    const job = await services.records.submitBatch(ctx, 'SXBZXR', [
      judgmentDebtorRecord(321, { code: SUBJECT, name: '郑三二一' }, '2026-10-12'),
    ]);
    expect(job.errors).toEqual([]);
    personId = (await services.identity.resolvePersonId(SUBJECT))!;
    await services.accounts.addUser({ actor: null }, { username: CITIZEN, displayName: '郑三二一', role: 'citizen', password: PASSWORD, personId });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an operator proposes a serious-dishonesty entry, the person states a defence, the reviewer lists it after the defence period', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url, db } = server;
    db.clock.set(TEST_START);

    // 1. The operator proposes, choosing the subject's record.
    const entryId = await withPage(browser, 'lists-operator', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Flists`);
      await logIn(page, OPERATOR, PASSWORD);
      await page.waitForURL(`${url}/admin/lists`);
      await page.locator('#propose-code').fill(SUBJECT);
      await page.locator('#propose-load').click();
      const records = page.getByTestId('candidate-records');
      await records.getByText('失信被执行人信息').waitFor();
      await records.locator('tbody input[type=checkbox]').first().check();
      await page.locator('#propose-category').click();
      await page.locator('.ant-select-item-option', { hasText: '逃避执行法定义务' }).click();
      await page.locator('#propose-basis').fill('《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条');
      await page.locator('#propose-reason').fill('有履行能力而拒不履行生效法律文书确定的义务');
      await page.locator('#propose-measures').fill('限制高消费；限制参加政府采购');
      await page.locator('#propose-submit').click();
      // The new entry opens in the drawer: notified, with the prior notice.
      const view = page.getByTestId('entry-view');
      await expect.poll(() => view.getByTestId('entry-status').getAttribute('data-status')).toBe('notified');
      expect(await view.getByTestId('notice-prior_notice').innerText()).toContain('复核');
      const entries = await db.services.lists.listEntries({ actor: null }, { list: 'serious_dishonesty' });
      return entries.items[0]!.id;
    });

    // 2. The person reads the notice and states a defence.
    await withPage(browser, 'lists-citizen', async (page) => {
      await page.goto(`${url}/login?next=%2Faccount%2Flists`);
      await logIn(page, CITIZEN, PASSWORD);
      await page.waitForURL(`${url}/account/lists`);
      const mine = page.getByTestId(`my-entry-${entryId}`);
      expect(await mine.getByTestId('notice-prior_notice').innerText()).toContain('限制高消费');
      await mine.locator('#statement-text').fill('本人已与申请执行人达成和解协议');
      await mine.locator('#statement-submit').click();
      await mine.getByTestId('entry-history').getByText('本人已与申请执行人达成和解协议').waitFor();
    });

    // 3. After the defence period the reviewer lists it.
    const entry = (await db.services.lists.getEntry({ actor: null }, entryId)).entry;
    db.clock.set(`${addDays(entry.defenceUntil!, 1)}T09:00:00+08:00`);
    await withPage(browser, 'lists-reviewer', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Flists`);
      await logIn(page, REVIEWER, PASSWORD);
      await page.waitForURL(`${url}/admin/lists`);
      await page.getByTestId(`entry-row-${entryId}`).click();
      const view = page.getByTestId('entry-view');
      await view.getByTestId('entry-history').getByText('本人已与申请执行人达成和解协议').waitFor();
      await page.locator('#decision-note').fill('和解协议未履行，申辩理由不成立');
      await page.locator('#decision-list').click();
      await expect.poll(() => view.getByTestId('entry-status').getAttribute('data-status')).toBe('listed');
      expect(await view.getByTestId('notice-listing').innerText()).toContain('严重失信主体名单');
      await expect.poll(() => page.getByTestId(`entry-row-${entryId}`).getByTestId('entry-status').getAttribute('data-status')).toBe('listed');
    });

    const standing = await db.services.lists.standingOf({ type: 'person', id: personId });
    expect(standing.entries).toEqual([expect.objectContaining({ entryId, list: 'serious_dishonesty' })]);
  });
});
