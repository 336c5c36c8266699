import { afterAll, beforeAll, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { problemFromError, sendProblem } from '../../http/problem.ts';
import { validatorCompiler } from '../../http/validation.ts';
import { Forbidden, Unauthenticated } from '../../shared/errors.ts';
import type { Actor, RequestContext } from '../../shared/context.ts';
import { catalogRoutes } from './routes.ts';
import { CatalogService } from './service.ts';
import { makeActor, makeItem } from './test-factories.ts';

/**
 * The catalog routes in a small app of their own, with the real validation and problem+json
 * handling and a stand-in for `registerAuth` that grants what the permission table will
 * (`catalog:read` to staff, `catalog:manage` to the platform admin): the routes do not depend on
 * how `buildApp` wires them, nor on the admin's second factor.
 */
const ACTORS: Record<string, Actor> = {
  admin: makeActor({ userId: 'u-admin', role: 'platform_admin', permissions: new Set(['catalog:read', 'catalog:manage']) }),
  operator: makeActor({ userId: 'u-operator', username: 'operator', role: 'dept_operator', departmentId: 'd-1', permissions: new Set(['catalog:read']) }),
  citizen: makeActor({ userId: 'u-citizen', username: 'citizen', role: 'citizen', permissions: new Set() }),
};

function registerTestAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('context', function (this: FastifyRequest, extra?: Pick<RequestContext, 'purpose' | 'legalBasis'>): RequestContext {
    return { actor: this.actor, requestId: this.id, channel: 'http', ...extra };
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    if (typeof route.config?.permission !== 'string') throw new Error(`route ${route.url} declares no permission`);
  });
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission as string | undefined;
    if (permission === undefined) return;
    const actor = ACTORS[request.headers.authorization?.replace('Bearer ', '') ?? ''];
    if (!actor) throw new Unauthenticated();
    request.actor = actor;
    if (!actor.permissions.has(permission)) throw new Forbidden('auth.forbidden', { permission });
  });
}

describeEachDatabase('catalog HTTP', (get) => {
  let app: FastifyInstance;
  const as = (who: string) => ({ authorization: `Bearer ${who}` });

  beforeAll(async () => {
    const { database, clock, services } = get();
    const catalog = new CatalogService(database.db, clock, services.audit);
    await catalog.seed();
    app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setErrorHandler((err, request, reply) => sendProblem(reply, problemFromError(err, request)));
    registerTestAuth(app);
    await app.register(catalogRoutes, { catalog });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['GET', '/api/v1/catalog/items', undefined, 401],
    ['GET', '/api/v1/catalog/items', 'citizen', 403],
    ['GET', '/api/v1/catalog/items', 'operator', 200],
    ['GET', '/api/v1/catalog/items/XZCF', 'operator', 200],
    ['GET', '/api/v1/catalog/items/XZCF/versions', 'operator', 200],
    ['GET', '/api/v1/catalog/key-professions', 'operator', 200],
    ['POST', '/api/v1/catalog/items', 'operator', 403],
    ['PUT', '/api/v1/catalog/items/XZCF', 'operator', 403],
  ])('%s %s as %s: %i', async (method, url, who, status) => {
    const res = await app.inject({ method: method as 'GET', url, headers: who ? as(who) : {}, ...(method === 'GET' ? {} : { payload: {} }) });
    expect(res.statusCode, res.body).toBe(status);
  });

  it('lists with filters, and shows an item with its fields and rules', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/catalog/items?category=good&subjectType=person&active=true', headers: as('operator') });
    expect(list.statusCode).toBe(200);
    const codes = (list.json().items as { code: string; category: string }[]).map((i) => i.code);
    expect(codes).toContain('DDMF');
    expect(codes).not.toContain('XZCF');
    const item = await app.inject({ method: 'GET', url: '/api/v1/catalog/items/xzcf', headers: as('operator') });
    expect(item.json()).toMatchObject({ code: 'XZCF', version: 1, acceptsRecords: true, sourceDepartments: ['*'], publication: { kind: 'by_severity' } });
    expect(item.json().fields.find((f: { name: string }) => f.name === 'cf_wsh')).toEqual({
      name: 'cf_wsh',
      label: '行政处罚决定书文号',
      type: 'string',
      required: true,
      maxLength: 200,
      role: 'source_record_id',
    });
    const professions = await app.inject({ method: 'GET', url: '/api/v1/catalog/key-professions', headers: as('operator') });
    expect(professions.json().professions).toHaveLength(14);
  });

  it('an unknown item answers 404 catalog.item_not_found', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalog/items/NOPE', headers: as('operator') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'catalog.item_not_found' });
  });

  it('an admin creates and changes an item; a stale version is 409; the versions show who and why', async () => {
    const { code: _code, ...definition } = makeItem({ code: 'HTTP_ITEM' });
    const created = await app.inject({ method: 'POST', url: '/api/v1/catalog/items', headers: as('admin'), payload: { item: makeItem({ code: 'HTTP_ITEM' }), reason: '新增测试信息项' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'HTTP_ITEM', version: 1, updatedBy: 'u-admin' });

    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/catalog/items/HTTP_ITEM',
      headers: as('admin'),
      payload: { item: { ...definition, name: '改名后的测试信息项' }, reason: '名称调整', expectedVersion: 1 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, name: '改名后的测试信息项' });

    const stale = await app.inject({
      method: 'PUT',
      url: '/api/v1/catalog/items/HTTP_ITEM',
      headers: as('admin'),
      payload: { item: { ...definition, name: '又一次改名' }, reason: '基于旧版本', expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'catalog.version_conflict', expectedVersion: 1, currentVersion: 2 });

    const versions = await app.inject({ method: 'GET', url: '/api/v1/catalog/items/HTTP_ITEM/versions', headers: as('operator') });
    expect((versions.json().versions as { version: number; changedBy: string; reason: string }[]).map((v) => [v.version, v.changedBy, v.reason])).toEqual([
      [1, 'u-admin', '新增测试信息项'],
      [2, 'u-admin', '名称调整'],
    ]);
  });

  it('a rule violation is 400 with the located problem and every problem listed', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/items',
      headers: as('admin'),
      payload: { item: makeItem({ code: 'HTTP_BAD', severity: null, keyDomain: '养老' }), reason: '新增' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'catalog.severity_required',
      errors: [{ field: 'severity', reason: 'required_for_bad' }],
      problems: [
        { code: 'catalog.severity_required', field: 'severity' },
        { code: 'catalog.unknown_key_domain', field: 'keyDomain' },
      ],
    });
  });

  it.each([
    ['an unknown property', { item: { ...makeItem({ code: 'HTTP_X' }), secret: 1 }, reason: '新增' }, 'body/item/secret:additionalProperties'],
    ['a missing reason', { item: makeItem({ code: 'HTTP_X' }) }, 'body/reason:required'],
    ['an unknown category', { item: makeItem({ code: 'HTTP_X', category: 'neutral' as never }), reason: '新增' }, 'body/item/category:enum'],
    ['a field of an unknown type', { item: makeItem({ code: 'HTTP_X', fields: [{ name: 'a', label: 'a', type: 'blob' as never, required: true }] }), reason: '新增' }, 'body/item/fields/0/type:enum'],
  ])('the schema refuses %s', async (_name, payload, expected) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/catalog/items', headers: as('admin'), payload });
    expect(res.statusCode).toBe(400);
    expect((res.json().errors as { field: string; reason: string }[]).map((e) => `${e.field}:${e.reason}`)).toContain(expected);
  });

  it('a PUT needs the expected version and cannot carry a code', async () => {
    const { code: _c, ...definition } = makeItem();
    const res = await app.inject({ method: 'PUT', url: '/api/v1/catalog/items/XZXK', headers: as('admin'), payload: { item: { ...definition, code: 'XZXK' }, reason: '修改' } });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body/expectedVersion', 'body/item/code']));
  });
});
