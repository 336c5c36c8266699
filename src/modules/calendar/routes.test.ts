import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loginWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { TEST_ADMIN_PASSWORD, TEST_APP_CONFIG } from '../../../test/helpers/server.ts';

const PASSWORD = 'Calendar-Password-2026';

/** The calendar routes as the real app wires them: permissions, validation, problem+json, usernames. */
describeEachDatabase('calendar HTTP', (get) => {
  let app: FastifyInstance;
  let admin: string;
  let operator: string;
  let citizen: string;

  beforeAll(async () => {
    const { services } = get();
    await services.accounts.ensureFirstAdmin(TEST_ADMIN_PASSWORD);
    const department = (await services.accounts.listDepartments())[0]!;
    await services.accounts.addUser({ actor: null }, { username: 'cal-operator', displayName: '经办', role: 'dept_operator', password: PASSWORD, departmentId: department.id });
    await services.accounts.addUser({ actor: null }, { username: 'cal-citizen', displayName: '张*', role: 'citizen', password: PASSWORD });
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
    admin = await loginWithTwoFactor(app, get(), 'admin', TEST_ADMIN_PASSWORD);
    operator = await loginWithTwoFactor(app, get(), 'cal-operator', PASSWORD);
    citizen = await loginWithTwoFactor(app, get(), 'cal-citizen', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (method: 'GET' | 'PUT', url: string, cookie: string | null, payload?: unknown, lang?: string) =>
    app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it.each([
    ['GET', '/api/v1/calendar/years/2026', null, 401],
    ['GET', '/api/v1/calendar/years/2026', 'citizen', 403],
    ['GET', '/api/v1/calendar/years/2026', 'operator', 200],
    ['GET', '/api/v1/calendar/deadline?from=2026-02-12&workingDays=5', 'operator', 200],
    ['GET', '/api/v1/calendar/changes', 'operator', 200],
    ['PUT', '/api/v1/calendar/days/2026-12-04', 'operator', 403],
    ['PUT', '/api/v1/calendar/days/2026-12-04', 'citizen', 403],
  ] as const)('%s %s as %s: %i', async (method, url, who, status) => {
    const cookie = who === 'operator' ? operator : who === 'citizen' ? citizen : null;
    const res = await call(method, url, cookie, method === 'PUT' ? { kind: 'holiday', reason: '测试理由' } : undefined);
    expect(res.statusCode, res.body).toBe(status);
  });

  it('shows a year with Spring Festival and the adjusted working days marked', async () => {
    const res = await call('GET', '/api/v1/calendar/years/2026', operator);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, unconfirmed: false, counts: { holidays: 33, adjustedWorkdays: 6 } });
    expect(body.days.find((d: { date: string }) => d.date === '2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(body.days.find((d: { date: string }) => d.date === '2026-02-28')).toMatchObject({ kind: 'workday', name: '春节' });
  });

  it('computes a deadline across Spring Festival 2026', async () => {
    const res = await call('GET', '/api/v1/calendar/deadline?from=2026-02-12&workingDays=5', operator);
    expect(res.json()).toEqual({ from: '2026-02-12', workingDays: 5, due: '2026-02-26', unconfirmedYears: [] });
  });

  it.each([
    ['/api/v1/calendar/years/1989', 'request.invalid', 'params/year'],
    ['/api/v1/calendar/years/2101', 'request.invalid', 'params/year'],
    ['/api/v1/calendar/years/abc', 'request.invalid', 'params/year'],
    ['/api/v1/calendar/deadline?from=2026-02-30&workingDays=5', 'calendar.date_invalid', 'from'],
    ['/api/v1/calendar/deadline?from=1989-12-29&workingDays=5', 'calendar.date_out_of_range', 'from'],
    ['/api/v1/calendar/deadline?from=2026/02/12&workingDays=5', 'request.invalid', 'querystring/from'],
    ['/api/v1/calendar/deadline?from=2026-02-12&workingDays=-1', 'request.invalid', 'querystring/workingDays'],
    ['/api/v1/calendar/deadline?from=2026-02-12&workingDays=1.5', 'request.invalid', 'querystring/workingDays'],
    ['/api/v1/calendar/deadline?from=2026-02-12', 'request.invalid', 'querystring/workingDays'],
    ['/api/v1/calendar/changes?date=2026-13-01', 'calendar.date_invalid', 'date'],
  ])('GET %s → 400 %s naming %s', async (url, code, field) => {
    const res = await call('GET', url, operator);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    expect((res.json().errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('an impossible date is explained in Chinese, and in English on request', async () => {
    const zh = await call('GET', '/api/v1/calendar/deadline?from=2026-02-30&workingDays=5', operator);
    expect(zh.json().detail).toContain('不是有效日期');
    const en = await call('GET', '/api/v1/calendar/deadline?from=2026-02-30&workingDays=5', operator, undefined, 'en');
    expect(en.json().detail).toContain('is not a real date');
  });

  it.each([
    ['no reason', { kind: 'holiday' }, 'body/reason'],
    ['a one-letter reason', { kind: 'holiday', reason: 'x' }, 'body/reason'],
    ['an unknown kind', { kind: 'weekend', reason: '测试理由' }, 'body/kind'],
    ['an unknown property', { kind: 'holiday', reason: '测试理由', verify: true }, 'body/verify'],
  ])('PUT refuses %s', async (_name, payload, field) => {
    const res = await call('PUT', '/api/v1/calendar/days/2026-12-04', admin, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json().errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('PUT refuses a date that does not exist and a blank reason, naming the field', async () => {
    const bad = await call('PUT', '/api/v1/calendar/days/2026-02-29', admin, { kind: 'holiday', reason: '测试理由' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'calendar.date_invalid', errors: [{ field: 'date' }] });
    const blank = await call('PUT', '/api/v1/calendar/days/2026-12-04', admin, { kind: 'holiday', reason: '    ' });
    expect(blank.json()).toMatchObject({ code: 'calendar.reason_required', errors: [{ field: 'reason' }] });
  });

  it('an admin sets a day; the deadline moves; the change shows who and why', async () => {
    const before = await call('GET', '/api/v1/calendar/deadline?from=2026-12-03&workingDays=1', operator);
    expect(before.json().due).toBe('2026-12-04');
    const put = await call('PUT', '/api/v1/calendar/days/2026-12-04', admin, { kind: 'holiday', name: '临时休假', reason: '市政府临时通知（测试）' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ date: '2026-12-04', kind: 'holiday', isWorkingDay: false, changed: true, day: { name: '临时休假', source: '管理员设置（依据见修改理由）' } });
    const after = await call('GET', '/api/v1/calendar/deadline?from=2026-12-03&workingDays=1', operator);
    expect(after.json().due).toBe('2026-12-07');

    const changes = await call('GET', '/api/v1/calendar/changes?edits=true', operator);
    expect(changes.json().changes[0]).toMatchObject({
      date: '2026-12-04',
      changeKind: 'edit',
      before: null,
      after: { kind: 'holiday', name: '临时休假' },
      changedByName: 'admin',
      reason: '市政府临时通知（测试）',
    });
    const ofDay = await call('GET', '/api/v1/calendar/changes?date=2026-02-17', operator);
    expect(ofDay.json().changes).toEqual([expect.objectContaining({ changeKind: 'seed', changedBy: null, changedByName: null })]);
  });
});
