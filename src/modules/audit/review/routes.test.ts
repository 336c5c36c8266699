import { afterAll, beforeAll, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { tokenWithTwoFactor } from '../../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../../test/helpers/db.ts';
import { registerAuth } from '../../../http/auth.ts';
import { problemFromError, sendProblem } from '../../../http/problem.ts';
import { newId } from '../../../shared/ids.ts';
import { auditRetentionRoutes } from '../retention/routes.ts';
import { RetentionService } from '../retention/service.ts';
import { auditReviewRoutes } from './routes.ts';
import { ReviewService } from './service.ts';

const PASSWORD = 'Review-Test-Password-1';

/**
 * The review and retention routes on the real auth and error handling, in a small app of their
 * own so this test does not depend on how `buildApp` wires them.
 */
describeEachDatabase('audit review and retention HTTP', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    const { services, database, clock } = get();
    clock.set('2026-12-10T10:00:00+08:00');
    const review = new ReviewService(database.db, clock, services.audit);
    const retention = new RetentionService(database.db, clock, services.audit);
    await review.seedRules();
    await retention.seed();
    const dept = (await services.accounts.listDepartments())[0]!;
    const accounts: [string, 'platform_admin' | 'auditor' | 'dept_operator'][] = [
      ['http-admin', 'platform_admin'],
      ['http-auditor', 'auditor'],
      ['http-operator', 'dept_operator'],
    ];
    for (const [username, role] of accounts) {
      const user = await services.accounts.addUser(
        { actor: null },
        { username, displayName: username, role, password: PASSWORD, ...(role === 'dept_operator' ? { departmentId: dept.id } : {}) },
      );
      userIds[username] = user.id;
      tokens[username] = await tokenWithTwoFactor(get(), username, PASSWORD);
    }

    app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } } });
    app.setErrorHandler((err, request, reply) => sendProblem(reply, problemFromError(err, request)));
    await app.register(cookie);
    registerAuth(app, services.accounts);
    await app.register(auditReviewRoutes, {
      review,
      usernames: async (ids) => new Map((await services.accounts.listUsers(500, 0)).filter((u) => ids.includes(u.id)).map((u) => [u.id, u.username])),
    });
    await app.register(auditRetentionRoutes, { retention });
    await app.ready();

    // The operator reads a person at night, without a purpose.
    clock.set('2026-12-09T22:15:00+08:00');
    const operator = { userId: userIds['http-operator']!, username: 'http-operator', role: 'dept_operator', departmentId: dept.id, personId: null, permissions: new Set<string>() };
    await services.audit.record({ actor: operator, channel: 'http' }, { action: 'person.read', subject: { kind: 'person', id: newId() }, result: 'ok' });
    clock.set('2026-12-10T10:00:00+08:00');
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['GET', '/api/v1/audit/findings', 'http-operator', 403],
    ['GET', '/api/v1/audit/findings', 'http-admin', 403],
    ['GET', '/api/v1/audit/findings', 'http-auditor', 200],
    ['GET', '/api/v1/audit/review-runs', 'http-auditor', 200],
    ['GET', '/api/v1/audit/retention', 'http-auditor', 403],
    ['GET', '/api/v1/audit/retention', 'http-admin', 200],
  ])('%s %s as %s: %i', async (method, url, user, status) => {
    const res = await app.inject({ method: method as 'GET', url, headers: as(user) });
    expect(res.statusCode, res.body).toBe(status);
  });

  it('every route declares a permission and refuses anonymous callers', async () => {
    expect([...app.routePermissions.entries()].filter(([k]) => k.includes('/audit/'))).toEqual(
      expect.arrayContaining([
        ['GET /api/v1/audit/findings', 'audit:review'],
        ['POST /api/v1/audit/findings/:id/review', 'audit:review'],
        ['POST /api/v1/audit/review-runs', 'audit:review'],
        ['PUT /api/v1/audit/retention', 'audit:retention'],
      ]),
    );
    const res = await app.inject({ method: 'GET', url: '/api/v1/audit/findings' });
    expect(res.statusCode).toBe(401);
  });

  it('an on-demand run reviews yesterday by default; the auditor confirms the finding with a note', async () => {
    const run = await app.inject({ method: 'POST', url: '/api/v1/audit/review-runs', headers: as('http-auditor'), payload: {} });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ day: '2026-12-09', trigger: 'on_demand', requestedBy: userIds['http-auditor'], findingsAdded: 2 });

    const list = await app.inject({ method: 'GET', url: '/api/v1/audit/findings?day=2026-12-09&status=open', headers: as('http-auditor') });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    const rules = list.json().items.map((f: { rule: string }) => f.rule).sort();
    expect(rules).toEqual(['no_purpose', 'off_hours']);
    const offHours = list.json().items.find((f: { rule: string }) => f.rule === 'off_hours');
    expect(offHours).toMatchObject({ actorUserId: userIds['http-operator'], actorUsername: 'http-operator', status: 'open', reviewedBy: null });

    const tooShort = await app.inject({ method: 'POST', url: `/api/v1/audit/findings/${offHours.id}/review`, headers: as('http-auditor'), payload: { status: 'confirmed', note: 'x' } });
    expect(tooShort.statusCode).toBe(400);
    const marked = await app.inject({
      method: 'POST',
      url: `/api/v1/audit/findings/${offHours.id}/review`,
      headers: as('http-auditor'),
      payload: { status: 'confirmed', note: '夜间查询，无审批单' },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ status: 'confirmed', reviewedBy: userIds['http-auditor'], reviewedByUsername: 'http-auditor', reviewNote: '夜间查询，无审批单' });

    const history = await app.inject({ method: 'GET', url: `/api/v1/audit/findings/${offHours.id}/reviews`, headers: as('http-auditor') });
    expect(history.json().items).toMatchObject([{ fromStatus: 'open', toStatus: 'confirmed', reviewedByUsername: 'http-auditor' }]);

    const rulesRes = await app.inject({ method: 'GET', url: '/api/v1/audit/review-rules', headers: as('http-auditor') });
    expect(rulesRes.json().items.find((r: { key: string }) => r.key === 'off_hours')).toMatchObject({ params: { workdayStart: '08:00', workdayEnd: '18:30' }, version: 1 });

    const runs = await app.inject({ method: 'GET', url: '/api/v1/audit/review-runs', headers: as('http-auditor') });
    expect(runs.json().items[0]).toMatchObject({ id: run.json().id });
  });

  it.each([
    ['an unknown query parameter', 'GET', '/api/v1/audit/findings?who=me', undefined, 'request.invalid'],
    ['an unknown rule', 'GET', '/api/v1/audit/findings?rule=nope', undefined, 'request.invalid'],
    ['a malformed day', 'POST', '/api/v1/audit/review-runs', { day: '9/12/2026' }, 'request.invalid'],
    ['today, which is not over', 'POST', '/api/v1/audit/review-runs', { day: '2026-12-10' }, 'audit.review_day_not_over'],
    ['an impossible status', 'POST', `/api/v1/audit/findings/${newId()}/review`, { status: 'open', note: '重新打开' }, 'request.invalid'],
  ])('refuses %s with 400', async (_name, method, url, payload, code) => {
    const res = await app.inject({ method: method as 'GET', url, headers: as('http-auditor'), ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
  });

  it('an unknown finding is 404', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/audit/findings/${newId()}/review`, headers: as('http-auditor'), payload: { status: 'dismissed', note: '不存在' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('audit.finding_not_found');
  });

  it('retention: refuses 100 days, accepts 365, refuses shortening without a reason', async () => {
    const low = await app.inject({ method: 'PUT', url: '/api/v1/audit/retention', headers: as('http-admin'), payload: { days: 100, reason: '节省空间' } });
    expect(low.statusCode).toBe(400);
    expect(low.json()).toMatchObject({ code: 'audit.retention_below_minimum', minimum: 184 });

    const up = await app.inject({ method: 'PUT', url: '/api/v1/audit/retention', headers: as('http-admin'), payload: { days: 365 } });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().current).toMatchObject({ days: 365, changedBy: userIds['http-admin'] });
    expect(up.json().history.map((s: { days: number }) => s.days)).toEqual([365, 184]);
    expect(up.json().entriesPastRetention).toMatchObject({ count: expect.any(Number) });

    const down = await app.inject({ method: 'PUT', url: '/api/v1/audit/retention', headers: as('http-admin'), payload: { days: 200 } });
    expect(down.statusCode).toBe(400);
    expect(down.json()).toMatchObject({ code: 'audit.retention_reason_required', errors: [{ field: 'reason' }] });

    const auditor = await app.inject({ method: 'PUT', url: '/api/v1/audit/retention', headers: as('http-auditor'), payload: { days: 400 } });
    expect(auditor.statusCode).toBe(403);
  });
});
