import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { ROLE_PERMISSIONS } from '../src/modules/accounts/index.ts';
import { makeCitizenCode, parseOrgCode } from '../src/modules/identity/codes/index.ts';
import { loginWithTwoFactor } from './helpers/auth.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { TEST_ADMIN_PASSWORD, TEST_APP_CONFIG } from './helpers/server.ts';

const CITIZEN_PASSWORD = 'Citizen-Password-1';

describeEachDatabase('HTTP API', (get) => {
  let app: FastifyInstance;
  let adminCookie: string;

  async function login(username: string, password: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cx_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    return `cx_session=${cookie!.value}`;
  }

  beforeAll(async () => {
    const { services } = get();
    await services.accounts.ensureFirstAdmin(TEST_ADMIN_PASSWORD);
    await services.accounts.addUser({ actor: null }, { username: 'citizen-1', displayName: '张*', role: 'citizen', password: CITIZEN_PASSWORD });
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
    // The admin's role requires a second factor: enrol one and sign in with it.
    adminCookie = await loginWithTwoFactor(app, get(), 'admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 401 problem+json in Chinese by default and in English on request', async () => {
    const zh = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(zh.statusCode).toBe(401);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated', detail: '请先登录' });
    const en = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json()).toMatchObject({ code: 'auth.unauthenticated', detail: 'Please sign in first' });
  });

  it('signs in with a cookie or a bearer token and shows the user', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: adminCookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'admin', role: 'platform_admin' });
    expect(me.json().permissions).toContain('overview:read');
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'citizen-1', password: CITIZEN_PASSWORD } });
    const bearer = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${res.json().token}` } });
    expect(bearer.json()).toMatchObject({ username: 'citizen-1', role: 'citizen', permissions: ROLE_PERMISSIONS.citizen, twoFactor: 'not_required' });
  });

  it('wrong password: 401 with a message that does not say which part was wrong', async () => {
    for (const username of ['admin', 'nobody-here']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'nope' } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', detail: '用户名或密码错误' });
    }
  });

  it('overview counts are the database’s own numbers', async () => {
    const { services } = get();
    const res = await app.inject({ method: 'GET', url: '/api/v1/overview/counts', headers: { cookie: adminCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      persons: await services.identity.countPersons(),
      organizations: await services.identity.countOrganizations(),
      departments: await services.accounts.countDepartments(),
      users: await services.accounts.countUsers(),
    });
    expect(res.json().departments).toBeGreaterThan(10);
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"username": "x",', 400, 'request.invalid_json'],
    ['wrong content type', { 'content-type': 'text/plain' }, 'username=x', 415, 'request.unsupported_media_type'],
    ['oversized body', { 'content-type': 'application/json' }, JSON.stringify({ username: 'x', displayName: 'y'.repeat(1_100_000) }), 413, 'request.body_too_large'],
  ])('%s: %d problem+json, nothing written', async (_name, headers, payload, status, code) => {
    const { services } = get();
    const before = await services.accounts.countUsers();
    const res = await app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...headers, cookie: adminCookie }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    expect(res.json().detail).toBeTruthy();
    expect(await services.accounts.countUsers()).toBe(before);
  });

  it('names each bad field: unknown fields, missing fields, wrong types', async () => {
    const { services } = get();
    const before = await services.accounts.countUsers();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: adminCookie },
      payload: { username: 'ok-name', role: 'wizard', password: 12, isAdmin: true },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; reason: string }[]).map((e) => `${e.field}:${e.reason}`);
    expect(fields).toEqual(expect.arrayContaining(['body/isAdmin:additionalProperties', 'body/displayName:required', 'body/password:type', 'body/role:enum']));
    expect(await services.accounts.countUsers()).toBe(before);
  });

  it('a number too large to be finite (1e309) is a 400, never a database error', async () => {
    const query = await app.inject({ method: 'GET', url: '/api/v1/public/cases?offset=1e309' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([expect.objectContaining({ field: 'querystring/offset' })]);
  });

  it('a weak password is refused with the policy in the message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: adminCookie },
      payload: { username: 'weak-one', displayName: '钱*', role: 'auditor', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'user.password_too_short', errors: [{ field: 'password', reason: 'too_short' }] });
    expect(res.json().detail).toContain('10');
  });

  it('adds a department user through the API, audited', async () => {
    const { services } = get();
    const dept = (await services.accounts.listDepartments())[2]!;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: adminCookie },
      payload: { username: 'op-api', displayName: '孙**', role: 'dept_operator', departmentId: dept.id, password: 'Operator-Password-1' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = await app.inject({ method: 'GET', url: '/api/v1/users?limit=500', headers: { cookie: adminCookie } });
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('op-api');
    expect(await services.audit.count('user.create')).toBeGreaterThanOrEqual(3);
  });

  it('looks a person up by citizen code only with a purpose, logs the read, stores no clear code', async () => {
    const { services, database } = get();
    const code = makeCitizenCode('419001', '1985-06-15', 123);
    await services.identity.registerPerson({ actor: null }, { code, name: '周**' });
    const noPurpose = await app.inject({ method: 'POST', url: '/api/v1/persons/lookup', headers: { cookie: adminCookie }, payload: { code } });
    expect(noPurpose.statusCode).toBe(400);
    const before = await services.audit.count('person.read');
    const res = await app.inject({ method: 'POST', url: '/api/v1/persons/lookup', headers: { cookie: adminCookie }, payload: { code, purpose: '核实身份 identity check' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code, name: '周**', sex: 'male', birthDate: '1985-06-15', regionCode: '419001', maskedCode: `419001********${code.slice(-4)}` });
    expect(await services.audit.count('person.read')).toBe(before + 1);
    const entries = await services.audit.listForSubject('person', res.json().id);
    expect(entries[0]).toMatchObject({ action: 'person.read', purpose: '核实身份 identity check', result: 'ok' });
    const rows = await database.db.selectFrom('persons').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('a bad citizen code gets a located 400 naming the reason', async () => {
    const good = makeCitizenCode('419001', '1990-01-01', 11);
    // An 18-digit string can happen to be a valid org code; pick a wrong check digit that is neither.
    const bad = [...'0123456789'].map((c) => good.slice(0, 17) + c).find((c) => c !== good && !parseOrgCode(c).ok)!;
    const res = await app.inject({ method: 'POST', url: '/api/v1/persons/lookup', headers: { cookie: adminCookie, 'accept-language': 'en' }, payload: { code: bad, purpose: 'check' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'identity.citizen_code_checksum', errors: [{ field: 'code', reason: 'checksum' }] });
    const check = await app.inject({ method: 'POST', url: '/api/v1/identity/check', payload: { code: bad } });
    expect(check.json()).toMatchObject({ valid: false, reason: 'checksum' });
  });

  it('every route declares a permission, and non-public ones refuse anonymous and unprivileged callers', async () => {
    expect(app.routePermissions.size).toBeGreaterThan(8);
    const citizenCookie = await login('citizen-1', CITIZEN_PASSWORD);
    let checked = 0;
    for (const [key, permission] of app.routePermissions) {
      const [method, url] = key.split(' ') as [string, string];
      if (permission === 'public' || method === 'HEAD') continue;
      const concrete = url.replace(/:(\w+)/g, '91419001MA00000000');
      const anonymous = await app.inject({ method: method as 'GET', url: concrete, payload: method === 'GET' ? undefined : {} });
      expect(anonymous.statusCode, `${key} anonymous`).toBe(401);
      // A citizen holds only the permissions every user has (own password, own second factor).
      if (permission !== 'authenticated' && !(ROLE_PERMISSIONS.citizen as readonly string[]).includes(permission)) {
        const citizen = await app.inject({ method: method as 'GET', url: concrete, headers: { cookie: citizenCookie }, payload: method === 'GET' ? undefined : {} });
        expect(citizen.statusCode, `${key} as citizen`).toBe(403);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('refuses to start with a route that declares no permission', async () => {
    const { services } = get();
    const bad = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
    expect(() => bad.get('/api/v1/oops', async () => 'x')).toThrow(/declares no permission/);
    await bad.close();
  });

  it('serves health, readiness, OpenAPI and docs, with security headers and request ids', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toMatchObject({ status: 'ready', database: get().engine });
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/overview/counts', '/api/v1/persons/lookup']));
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('common.not_found');
  });

  it('rate-limits logins per client address', async () => {
    const { services } = get();
    const limited = await buildApp({ config: { ...TEST_APP_CONFIG, loginRateLimitPerMinute: 3 }, services, logger: false });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'x' } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await limited.close();
  });
});
