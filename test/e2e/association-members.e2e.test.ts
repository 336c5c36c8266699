import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personCode } from '../../src/modules/records/test-factories.ts';
import { ensureWebBuilt, launchBrowser, logIn, skipBrowserTests, withPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const OPERATOR = { username: 'assoc.e2e.op', password: 'Association-E2e-Password-1' };
const GOVERNMENT = { username: 'gov.e2e.op', password: 'Government-E2e-Password-1' };

/** 济政办〔2017〕55号 (二)3 in the browser: an association's operator keeps the member register its records are limited to. */
describe.skipIf(skipBrowserTests())('association member register in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | null = null;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    server = await startTestServer({ webRoot, demoPersons: 5 });
    const departments = await server.db.services.accounts.listDepartments();
    const association = departments.find((d) => d.kind === 'industry_association')!;
    const government = departments.find((d) => d.kind === 'government')!;
    await server.db.services.accounts.addUser({ actor: null }, { ...OPERATOR, displayName: '协会经办人', role: 'dept_operator', departmentId: association.id });
    await server.db.services.accounts.addUser({ actor: null }, { ...GOVERNMENT, displayName: '部门经办人', role: 'dept_operator', departmentId: government.id });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers a member, shows the server’s located error for a bad code, and records leaving', async (ctx) => {
    if (!browser || !server) return ctx.skip();
    const { url } = server;
    const member = personCode(8101);
    await withPage(browser, 'association-members', async (page) => {
      await page.goto(`${url}/login?next=%2Fadmin%2Fassociations%2Fmembers`);
      await logIn(page, OPERATOR.username, OPERATOR.password);
      await page.waitForURL(`${url}/admin/associations/members`);
      expect(await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts()).toContain('会员名册');

      // A wrong check character: the field itself says why, and nothing is added.
      await page.locator('#member-code').fill(`${member.slice(0, 17)}${member.endsWith('1') ? '2' : '1'}`);
      await page.locator('#member-name').fill('周律师');
      await page.locator('#member-submit').click();
      await expect.poll(() => page.locator('#member-form').innerText()).toContain('校验码');
      expect(await server!.db.services.associations.currentMembersAmong((await server!.db.services.accounts.listDepartments()).find((d) => d.kind === 'industry_association')!.id, [{ kind: 'person', code: member }])).toEqual(new Set());

      await page.locator('#member-code').fill(member);
      await page.locator('#member-number').fill('JY-2026-08');
      await page.locator('#member-joined').fill('2024-05-01');
      await page.locator('#member-submit').click();
      const table = page.getByTestId('members-table');
      await expect.poll(() => table.innerText()).toContain('JY-2026-08');
      expect(await table.innerText()).toContain('周*');
      expect(await table.innerText()).toContain(`${member.slice(0, 6)}********${member.slice(-4)}`);
      expect(await table.innerText()).toContain('会员');

      // Leaving is a change to the same entry, not a deletion.
      await page.locator('#member-code').fill(member);
      await page.locator('#member-name').fill('周律师');
      await page.locator('#member-left').fill('2026-11-01');
      await page.locator('#member-submit').click();
      await expect.poll(() => table.innerText()).toContain('已退会');
      expect(await table.locator('tbody tr[data-row-key]').count()).toBe(1);
    });

    // A government department's operator has no member register in the menu.
    await withPage(browser, 'association-members-government', async (page) => {
      await page.goto(`${url}/login`);
      await logIn(page, GOVERNMENT.username, GOVERNMENT.password);
      await page.getByTestId('main-nav').waitFor();
      expect(await page.getByTestId('main-nav').getByRole('menuitem').allInnerTexts()).not.toContain('会员名册');
    });
  });
});
