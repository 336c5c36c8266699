import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/index.ts';
import { ConfigError } from '../../shared/errors.ts';
import { makeOrgCode } from '../identity/index.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { followToCallback, startTestIdentityProvider, type TestIdentityProvider } from '../../../test/helpers/oidc.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { personCode } from '../records/test-factories.ts';
import { CIVILISATION, departmentUser, seedReportSubject, type ReportSubject } from './test-factories.ts';

const PASSWORD = 'Citizen-Centre-Password-2026';
/** Never contacted: the test reads the provider's redirect and hands it to the app in-process. */
const APP_URL = 'http://127.0.0.1:9';
const BANK = makeOrgCode('91419001MA0000B01');
const EMPLOYER = makeOrgCode('91419001MA0000E02');
const AGENCY = makeOrgCode('91419001MA0000C03');

const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-citizen-'));
let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider([`${APP_URL}/api/v1/auth/oidc/callback`]);
});
afterAll(async () => {
  await idp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('real-name login configuration', () => {
  const base = { CHENGXIN_OIDC_ISSUER: 'https://id.example.gov.cn', CHENGXIN_OIDC_CLIENT_ID: 'chengxin', CHENGXIN_OIDC_CLIENT_SECRET: 's3cret', CHENGXIN_OIDC_REDIRECT_URI: 'https://xy.example.gov.cn/api/v1/auth/oidc/callback' };

  it('is off by default, and reads the claim of the citizen code with id_card_number as default', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig(base).oidc).toMatchObject({ codeClaim: 'id_card_number', nameClaim: 'name', scope: 'openid profile' });
    expect(loadConfig({ ...base, CHENGXIN_OIDC_CODE_CLAIM: 'certNo' }).oidc?.codeClaim).toBe('certNo');
  });

  it.each([
    [{ CHENGXIN_OIDC_CLIENT_ID: 'x' }, 'CHENGXIN_OIDC_ISSUER'],
    [{ ...base, CHENGXIN_OIDC_CLIENT_SECRET: '' }, 'CHENGXIN_OIDC_CLIENT_SECRET'],
    [{ ...base, CHENGXIN_OIDC_REDIRECT_URI: undefined }, 'CHENGXIN_OIDC_REDIRECT_URI'],
    [{ ...base, CHENGXIN_OIDC_ISSUER: 'http://id.example.gov.cn' }, 'CHENGXIN_OIDC_ISSUER'],
    [{ ...base, CHENGXIN_OIDC_ISSUER: 'http://127.0.0.1:4000', NODE_ENV: 'production' }, 'CHENGXIN_OIDC_ISSUER'],
    [{ ...base, CHENGXIN_OIDC_SCOPE: 'profile' }, 'CHENGXIN_OIDC_SCOPE'],
    [{ ...base, CHENGXIN_OIDC_CODE_CLAIM: 'id card' }, 'CHENGXIN_OIDC_CODE_CLAIM'],
  ])('fails fast on a half or unsafe configuration: %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});

describeEachDatabase('citizen centre and authorized queries', (get) => {
  let app: FastifyInstance;
  let subject: ReportSubject;
  const auth: Record<string, { authorization: string }> = {};
  let adminHeaders: { authorization: string };

  beforeAll(async () => {
    const db = get();
    const { services } = db;
    subject = await seedReportSubject(services, 711, { dir, password: PASSWORD });
    await services.accounts.addUser({ actor: null }, { username: 'citizen711', displayName: '张711', role: 'citizen', password: PASSWORD, personId: subject.personId });
    for (const [username, organizationCode] of [
      ['bank', BANK],
      ['employer', EMPLOYER],
      ['agency', AGENCY],
    ] as const) {
      await services.accounts.addUser({ actor: null }, { username, displayName: username, role: 'api_client', password: PASSWORD, organizationCode });
    }
    await services.accounts.addUser({ actor: null }, { username: 'loneclient', displayName: 'lone', role: 'api_client', password: PASSWORD });
    const officer = await departmentUser(services, 'dept_operator', CIVILISATION, PASSWORD);
    await services.accounts.ensureFirstAdmin(PASSWORD);
    for (const username of ['citizen711', 'bank', 'employer', 'agency', 'loneclient', officer.username, 'admin']) auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(db, username, PASSWORD)}` };
    auth.officer = auth[officer.username]!;
    adminHeaders = auth.admin!;
    app = await buildApp({ config: { ...TEST_APP_CONFIG, oidc: idp.config(APP_URL) }, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  const grant = (body: Record<string, unknown>, headers = auth.citizen711) => app.inject({ method: 'POST', url: '/api/v1/me/authorizations', headers, payload: body });
  const query = (who: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/queries', headers: auth[who], payload: { subjectCode: subject.code, ...body } });
  const bankGrant = { organizationCode: BANK, organizationName: '济源农商银行', purpose: '个人贷款审批', validUntil: '2026-12-31', maxUses: 2 };

  /** Runs the whole redirect flow through the real identity provider; returns the callback's answer. */
  async function realNameLogin(account: { sub: string; name: string; idCardNumber: string }) {
    idp.signInAs(account);
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    expect(start.statusCode, start.body).toBe(302);
    const state = start.cookies.find((c) => c.name === 'cx_oidc')!;
    expect(state).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
    const location = new URL(start.headers.location as string);
    expect(location.origin).toBe(idp.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ code_challenge_method: 'S256', response_type: 'code', client_id: 'chengxin-test', state: expect.any(String), nonce: expect.any(String) });
    const callback = await followToCallback(location.href, `${APP_URL}/api/v1/auth/oidc/callback`);
    const url = `${callback.pathname}${callback.search}`;
    return { url, state: state.value, res: await app.inject({ method: 'GET', url, headers: { cookie: `cx_oidc=${state.value}` } }) };
  }

  it('a citizen signs in through the identity provider: the person is verified, a citizen account created once, a session opened', async () => {
    const { services } = get();
    expect((await services.identity.personById(subject.personId))!.identityStatus).toBe('unverified');
    const users = await services.accounts.countUsers();
    const { res } = await realNameLogin({ sub: 'gov-711', name: '张711', idCardNumber: subject.code });
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/account/citizen');
    const session = res.cookies.find((c) => c.name === 'cx_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `cx_session=${session.value}` } });
    expect(me.json()).toMatchObject({ role: 'citizen', linkedPerson: true, displayName: '张711', permissions: expect.arrayContaining(['reports:own', 'records:own', 'authorizations:own']) });
    expect((await services.identity.personById(subject.personId))!.identityStatus).toBe('verified');
    expect(await services.accounts.countUsers()).toBe(users + 1);

    // The second login finds the same account; a person unknown so far is registered, verified.
    expect((await realNameLogin({ sub: 'gov-711', name: '张711', idCardNumber: subject.code })).res.statusCode).toBe(302);
    expect(await services.accounts.countUsers()).toBe(users + 1);
    const newcomer = personCode(4712);
    expect((await realNameLogin({ sub: 'gov-4712', name: '李新', idCardNumber: newcomer.toLowerCase() })).res.statusCode).toBe(302);
    const newcomerId = (await services.identity.resolvePersonId(newcomer))!;
    expect(await services.identity.personById(newcomerId)).toMatchObject({ name: '李新', identityStatus: 'verified' });
    const log = await services.audit.listForSubject('person', subject.personId);
    expect(log.find((e) => e.action === 'auth.oidc_login')).toMatchObject({ result: 'ok', data: expect.objectContaining({ issuer: idp.issuer }) });
  });

  it('refuses a callback without its state cookie, with a forged one, replayed, or with an invalid citizen code', async () => {
    const first = await realNameLogin({ sub: 'gov-711', name: '张711', idCardNumber: subject.code });
    expect(first.res.statusCode).toBe(302);
    // The code was used once: the same callback again fails at the provider.
    expect((await app.inject({ method: 'GET', url: first.url, headers: { cookie: `cx_oidc=${first.state}` } })).json()).toMatchObject({ status: 401, code: 'auth.oidc_failed' });
    expect((await app.inject({ method: 'GET', url: first.url })).json()).toMatchObject({ status: 400, code: 'auth.oidc_state_missing' });
    // A browser is sent back to the sign-in page, which shows the reason.
    const browser = await app.inject({ method: 'GET', url: first.url, headers: { accept: 'text/html,application/xhtml+xml', 'accept-language': 'zh-CN' } });
    expect(browser.statusCode).toBe(302);
    const back = new URL(browser.headers.location as string, 'http://platform.invalid');
    expect(back.pathname).toBe('/login');
    expect(back.searchParams.get('oidcError')).toContain('请重新发起实名登录');
    expect((await app.inject({ method: 'GET', url: first.url, headers: { cookie: 'cx_oidc=v1:forged' } })).json()).toMatchObject({ status: 400, code: 'auth.oidc_state_invalid' });
    const bad = await realNameLogin({ sub: 'gov-bad', name: '王错', idCardNumber: '419001199001011234' });
    expect(bad.res.json()).toMatchObject({ status: 401, code: 'auth.oidc_citizen_code_invalid' });
  });

  it('shows the citizen their own records, logged as a self-query', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/me/records', headers: auth.citizen711 });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { itemCode: string }[];
    expect(items.map((i) => i.itemCode)).toEqual(expect.arrayContaining(['XZCF', 'SXBZXR', 'DDMF', 'ZYZG']));
    const entry = (await get().services.audit.listForSubject('person', subject.personId)).find((e) => e.action === 'records.own_read');
    expect(entry).toMatchObject({ action: 'records.own_read', actorRole: 'citizen', purpose: '本人查询信用记录', data: { count: items.length } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/records', headers: auth.bank })).statusCode).toBe(403);
  });

  it('grant → the organization queries within the scope → counted and in my access log → revoke → refused', async () => {
    const granted = await grant({ ...bankGrant, scope: { categories: ['bad'] } });
    expect(granted.statusCode, granted.body).toBe(201);
    const authorization = granted.json();
    expect(authorization).toMatchObject({ organizationCode: BANK, validFrom: '2026-11-30', uses: 0, state: 'active', scope: { categories: ['bad'] } });

    const res = await query('bank', { purpose: '个人贷款审批', authorizationId: authorization.id });
    expect(res.statusCode, res.body).toBe(200);
    const { content } = res.json();
    expect(content).toMatchObject({ type: 'authorized', scope: { categories: ['bad'] }, records: { basic: [], good: [] } });
    expect(content.records.bad.map((r: { itemCode: string }) => r.itemCode)).toEqual(expect.arrayContaining(['XZCF', 'SXBZXR']));
    expect(res.headers['x-report-number']).toBe(content.number);

    const mine = (await app.inject({ method: 'GET', url: '/api/v1/me/authorizations', headers: auth.citizen711 })).json().items;
    expect(mine.find((a: { id: string }) => a.id === authorization.id)).toMatchObject({ uses: 1, state: 'active', lastUsedAt: expect.any(String) });

    const log = await app.inject({ method: 'GET', url: '/api/v1/me/access-log', headers: auth.citizen711 });
    const issued = log.json().entries.map((e: { entry: unknown }) => e.entry).find((e: { action: string; data: string }) => e.action === 'reports.issue' && e.data.includes(authorization.id));
    expect(issued).toMatchObject({ actorRole: 'api_client', purpose: '个人贷款审批', result: 'ok', legalBasis: expect.stringContaining(authorization.id) });
    expect(JSON.parse(issued.data)).toMatchObject({ authorizationId: authorization.id, organizationCode: BANK, organizationName: '济源农商银行', type: 'authorized' });

    const revoked = await app.inject({ method: 'POST', url: `/api/v1/me/authorizations/${authorization.id}/revoke`, headers: auth.citizen711, payload: { reason: '贷款已办结' } });
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokedAt: expect.any(String), revokeReason: '贷款已办结' });
    expect((await query('bank', { purpose: '个人贷款审批', authorizationId: authorization.id })).json()).toMatchObject({ status: 403, code: 'queries.authorization_revoked' });
    expect((await app.inject({ method: 'POST', url: `/api/v1/me/authorizations/${authorization.id}/revoke`, headers: auth.citizen711, payload: {} })).json()).toMatchObject({ status: 409, code: 'authorizations.already_revoked' });
    const denied = (await get().services.audit.listForSubject('person', subject.personId)).find((e) => e.action === 'queries.authorized');
    expect(denied).toMatchObject({ result: 'denied', data: expect.objectContaining({ reason: 'queries.authorization_revoked', authorizationId: authorization.id }) });
  });

  it('refuses a used-up, expired, other organization’s or other purpose’s query, and a blacklisted agency, with clear 4xx', async () => {
    const { clock } = get();
    const once = (await grant({ ...bankGrant, maxUses: 1 })).json();
    expect((await query('employer', { purpose: bankGrant.purpose, authorizationId: once.id })).json()).toMatchObject({ status: 404, code: 'queries.authorization_not_found' });
    expect((await query('bank', { subjectCode: personCode(4713), purpose: bankGrant.purpose, authorizationId: once.id })).json()).toMatchObject({ status: 404, code: 'queries.authorization_not_found' });
    expect((await query('bank', { purpose: '信用卡营销', authorizationId: once.id })).json()).toMatchObject({ status: 403, code: 'queries.purpose_mismatch' });
    expect((await query('bank', { purpose: bankGrant.purpose, authorizationId: once.id })).statusCode).toBe(200);
    expect((await query('bank', { purpose: bankGrant.purpose, authorizationId: once.id })).json()).toMatchObject({ status: 403, code: 'queries.authorization_used_up' });
    expect((await query('bank', { purpose: bankGrant.purpose })).json()).toMatchObject({ status: 400, code: 'queries.authorization_required' });

    const today = (await grant({ ...bankGrant, validUntil: '2026-11-30' })).json();
    const later = (await grant({ ...bankGrant, validFrom: '2026-12-05', validUntil: '2026-12-20' })).json();
    expect((await query('bank', { purpose: bankGrant.purpose, authorizationId: later.id })).json()).toMatchObject({ status: 403, code: 'queries.authorization_not_yet_valid' });
    const now = clock.now();
    clock.set(new Date(now.getTime() + 86_400_000));
    try {
      expect((await query('bank', { purpose: bankGrant.purpose, authorizationId: today.id })).json()).toMatchObject({ status: 403, code: 'queries.authorization_expired' });
    } finally {
      clock.set(now);
    }

    const agencyGrant = (await grant({ ...bankGrant, organizationCode: AGENCY, organizationName: '某征信有限公司' })).json();
    const listed = await app.inject({ method: 'POST', url: '/api/v1/queries/blacklist', headers: adminHeaders, payload: { organizationCode: AGENCY, organizationName: '某征信有限公司', basis: '违规倒卖个人信用信息，济发改〔2026〕9号', from: '2026-11-01' } });
    expect(listed.statusCode, listed.body).toBe(201);
    expect(listed.json()).toMatchObject({ inForce: true, until: null });
    expect((await query('agency', { purpose: bankGrant.purpose, authorizationId: agencyGrant.id })).json()).toMatchObject({ status: 403, code: 'queries.agency_blacklisted' });
    expect((await grant({ ...bankGrant, organizationCode: AGENCY, organizationName: '某征信有限公司' })).json()).toMatchObject({ status: 409, code: 'authorizations.agency_blacklisted' });
    const lifted = await app.inject({ method: 'POST', url: `/api/v1/queries/blacklist/${listed.json().id}/lift`, headers: adminHeaders, payload: { reason: '整改完成' } });
    expect(lifted.json()).toMatchObject({ inForce: false, liftReason: '整改完成' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/queries/blacklist', headers: adminHeaders })).json().items).toHaveLength(1);
    expect((await query('agency', { purpose: bankGrant.purpose, authorizationId: agencyGrant.id })).statusCode).toBe(200);

    // Bad grants change nothing and say which field is wrong.
    const before = (await app.inject({ method: 'GET', url: '/api/v1/me/authorizations', headers: auth.citizen711 })).json().items.length;
    expect((await grant({ ...bankGrant, validFrom: '2026-12-10', validUntil: '2026-12-01' })).json()).toMatchObject({ status: 400, code: 'authorizations.ends_before_start' });
    expect((await grant({ ...bankGrant, validUntil: '2028-12-01' })).json()).toMatchObject({ status: 400, code: 'authorizations.too_long' });
    expect((await grant({ ...bankGrant, maxUses: 1000 })).json()).toMatchObject({ status: 400, code: 'authorizations.too_many_uses' });
    expect((await grant({ ...bankGrant, validFrom: '2026-11-01' })).json()).toMatchObject({ status: 400, code: 'authorizations.starts_in_past' });
    expect((await grant({ ...bankGrant, validUntil: '2026-02-30' })).json()).toMatchObject({ status: 400, code: 'queries.invalid_date' });
    expect((await grant({ ...bankGrant, scope: { itemCodes: ['NOPE'] } })).json()).toMatchObject({ status: 400, code: 'authorizations.unknown_item' });
    expect((await grant({ ...bankGrant, organizationCode: `${BANK.slice(0, 17)}${BANK.endsWith('0') ? '1' : '0'}` })).json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'organizationCode' })] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/authorizations', headers: auth.citizen711 })).json().items).toHaveLength(before);
  });

  it('concurrent queries never take more uses than were granted', async () => {
    const granted = (await grant({ ...bankGrant, organizationCode: EMPLOYER, organizationName: '济源钢铁', purpose: '入职背景调查', maxUses: 3 })).json();
    const answers = await Promise.all(Array.from({ length: 8 }, () => query('employer', { purpose: '入职背景调查', authorizationId: granted.id })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 403, 403, 403, 403, 403]);
    expect(answers.filter((a) => a.statusCode === 403).every((a) => a.json().code === 'queries.authorization_used_up')).toBe(true);
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/me/authorizations', headers: auth.citizen711 })).json().items;
    expect(mine.find((a: { id: string }) => a.id === granted.id)).toMatchObject({ uses: 3, state: 'used_up' });
    const issued = (await get().services.audit.listForSubject('person', subject.personId, 1000)).filter((e) => e.action === 'reports.issue' && e.data?.authorizationId === granted.id);
    expect(issued).toHaveLength(3);
  });

  it('a department queries under its legal basis and gets only what is shared with government; others may not query', async () => {
    expect((await query('officer', { purpose: '行政许可审查' })).json()).toMatchObject({ status: 400, code: 'queries.legal_basis_required' });
    const res = await query('officer', { purpose: '行政许可审查', legalBasis: '《河南省社会信用条例》第三十一条' });
    expect(res.statusCode, res.body).toBe(200);
    const { content } = res.json();
    expect(content.type).toBe('shared');
    const shown = [...content.records.basic, ...content.records.good, ...content.records.bad].map((r: { itemCode: string }) => r.itemCode);
    expect(shown).toEqual(expect.arrayContaining(['XZCF', 'DDMF']));
    // ZYZG licences are shared only by authorized query (catalog 共享属性 授权查询).
    expect(shown).not.toContain('ZYZG');
    const entry = (await get().services.audit.listForSubject('person', subject.personId)).find((e) => e.actorRole === 'dept_operator');
    expect(entry).toMatchObject({ action: 'reports.issue', actorRole: 'dept_operator', purpose: '行政许可审查', legalBasis: '《河南省社会信用条例》第三十一条' });

    expect((await query('loneclient', { purpose: '行政许可审查' })).json()).toMatchObject({ status: 403, code: 'queries.no_organization' });
    expect((await query('citizen711', { purpose: '行政许可审查' })).statusCode).toBe(403);
  });
});
