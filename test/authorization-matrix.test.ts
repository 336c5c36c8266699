import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { ROLE_PERMISSIONS, type Role } from '../src/modules/accounts/index.ts';
import { makeCitizenCode } from '../src/modules/identity/codes/index.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { TEST_APP_CONFIG } from './helpers/server.ts';
import { loginWithTwoFactor } from './helpers/auth.ts';

const PASSWORD = 'Matrix-Password-2026';
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'platform_admin', 'auditor', 'dept_operator', 'dept_reviewer', 'citizen', 'api_client'];

/**
 * Deny by default, checked exhaustively: every registered route × every role (and no session),
 * with the expected answer derived from the route's declared permission and the role table —
 * plus own-versus-foreign objects for what a citizen may read.
 */
describeEachDatabase('authorization matrix', (get) => {
  let app: FastifyInstance;
  const cookies = new Map<Caller, string>();
  const personIds: string[] = [];

  beforeAll(async () => {
    const { services } = get();
    const department = (await services.accounts.listDepartments())[0]!;
    for (const [i, code] of [makeCitizenCode('419001', '1984-04-04', 41), makeCitizenCode('419001', '1986-06-06', 62)].entries()) {
      personIds.push((await services.identity.registerPerson({ actor: null }, { code, name: `矩阵${i}` })).id);
    }
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
    for (const role of CALLERS) {
      if (role === 'anonymous') continue;
      await services.accounts.addUser({ actor: null }, {
        username: `m-${role}`,
        displayName: role,
        role,
        password: PASSWORD,
        ...(role === 'dept_operator' || role === 'dept_reviewer' ? { departmentId: department.id } : {}),
        ...(role === 'citizen' ? { personId: personIds[0]! } : {}),
      });
      cookies.set(role, await loginWithTwoFactor(app, get(), `m-${role}`, PASSWORD));
    }
    await services.accounts.addUser({ actor: null }, { username: 'm-citizen-2', displayName: 'c2', role: 'citizen', password: PASSWORD, personId: personIds[1]! });
  });
  afterAll(async () => {
    await app.close();
  });

  it('every route answers every role exactly as its declared permission says', async () => {
    let checked = 0;
    const failures: string[] = [];
    for (const [key, permission] of app.routePermissions) {
      const [method, url] = key.split(' ') as [string, string];
      if (method === 'HEAD' || permission === 'public') continue;
      const concrete = url.replace(/:(\w+)/g, 'x-0000');
      for (const caller of CALLERS) {
        const allowed = caller !== 'anonymous' && (permission === 'authenticated' || (ROLE_PERMISSIONS[caller] as readonly string[]).includes(permission));
        const res = await app.inject({
          method: method as 'GET',
          url: concrete,
          ...(caller === 'anonymous' ? {} : { headers: { cookie: cookies.get(caller)! } }),
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        const expected = allowed ? 'not 401/403' : caller === 'anonymous' ? '401' : '403';
        const ok = allowed ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500 : res.statusCode === (caller === 'anonymous' ? 401 : 403);
        if (!ok) failures.push(`${key} as ${caller}: got ${res.statusCode}, expected ${expected}`);
        checked += 1;
      }
    }
    expect(failures).toEqual([]);
    // Recorded for the closing note: routes × callers actually exercised.
    console.info(`authorization matrix [${get().engine}]: ${checked} route × caller checks`);
    expect(checked).toBeGreaterThan(100);
  });

  it('a citizen reads only their own access log; another citizen never sees it', async () => {
    const { services } = get();
    // Someone reads person 1.
    const operator = await services.accounts.authenticate(cookies.get('dept_operator')!.slice('cx_session='.length));
    await services.audit.record({ actor: operator, purpose: '核查' }, { action: 'person.read', subject: { kind: 'person', id: personIds[0]! }, result: 'ok' });
    const own = await app.inject({ method: 'GET', url: '/api/v1/me/access-log', headers: { cookie: cookies.get('citizen')! } });
    expect(own.statusCode).toBe(200);
    expect(own.json().subject).toEqual({ kind: 'person', id: personIds[0] });
    expect(own.json().entries.some((e: { entry: { purpose: string } }) => e.entry.purpose === '核查')).toBe(true);
    // The reader's department is named, so the person can tell who looked.
    const department = (await services.accounts.listDepartments()).find((d) => d.id === operator!.departmentId)!;
    expect(own.json().departments).toEqual({ [department.id]: department.name });

    const otherCookie = await loginWithTwoFactor(app, get(), 'm-citizen-2', PASSWORD);
    const other = await app.inject({ method: 'GET', url: '/api/v1/me/access-log', headers: { cookie: otherCookie } });
    expect(other.statusCode).toBe(200);
    expect(other.json().subject.id).toBe(personIds[1]);
    expect(JSON.stringify(other.json())).not.toContain(personIds[0]);

    // Staff accounts have no person behind them: no access log of their own, and no way to ask for someone else's.
    const staff = await app.inject({ method: 'GET', url: '/api/v1/me/access-log', headers: { cookie: cookies.get('auditor')! } });
    expect(staff.statusCode).toBe(404);
    const foreign = await app.inject({ method: 'GET', url: `/api/v1/me/access-log?personId=${personIds[0]}`, headers: { cookie: otherCookie } });
    expect(foreign.statusCode).toBe(400);
  });
});
