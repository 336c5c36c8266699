import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { buildApp } from '../src/app.ts';
import { AccountsService, ROLE_PERMISSIONS } from '../src/modules/accounts/index.ts';
import { FieldCipher } from '../src/shared/crypto.ts';
import { loginWithTwoFactor, storedTotpSecret } from './helpers/auth.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { TEST_ADMIN_PASSWORD, TEST_APP_CONFIG } from './helpers/server.ts';

const AUDITOR_PASSWORD = 'Auditor-Password-1';
const OPERATOR_PASSWORD = 'Operator-Password-1';
const STEP_SECONDS = 30;

describeEachDatabase('two-factor authentication and password change', (get) => {
  let app: FastifyInstance;
  let departmentId: string;
  /** The admin's secret, as the setup reply showed it once. */
  let adminSecret = '';
  /** The admin's first full session, from confirming the second factor. */
  let adminCookie = '';

  const epochNow = () => Math.floor(get().clock.now().getTime() / 1000);
  /** The code an authenticator shows at the test clock's time, `stepsAgo` steps back. */
  const codeAt = (secret: string, stepsAgo = 0) => generate({ secret, epoch: epochNow() - stepsAgo * STEP_SECONDS, period: STEP_SECONDS });
  const nextStep = () => get().clock.set(new Date((Math.floor(epochNow() / STEP_SECONDS) + 1) * STEP_SECONDS * 1000));

  const login = (username: string, password: string, otp?: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(otp === undefined ? {} : { otp }) } });
  const cookieOf = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return `cx_session=${res.cookies.find((c) => c.name === 'cx_session')!.value}`;
  };
  const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const { services } = get();
    await services.accounts.ensureFirstAdmin(TEST_ADMIN_PASSWORD);
    departmentId = (await services.accounts.listDepartments())[0]!.id;
    await services.accounts.addUser({ actor: null }, { username: 'auditor-2fa', displayName: '审*', role: 'auditor', password: AUDITOR_PASSWORD });
    await services.accounts.addUser({ actor: null }, { username: 'auditor-lock', displayName: '锁*', role: 'auditor', password: AUDITOR_PASSWORD });
    for (const username of ['op-plain', 'op-password', 'op-guess', 'op-volunteer']) {
      await services.accounts.addUser({ actor: null }, { username, displayName: '经*', role: 'dept_operator', departmentId, password: OPERATOR_PASSWORD });
    }
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('gives an admin without a second factor a session that may only set one up', async () => {
    const res = await login('admin', TEST_ADMIN_PASSWORD);
    expect(res.json().user).toMatchObject({ username: 'admin', twoFactor: 'setup_required', permissions: ['account:two-factor-setup'] });
    const cookie = cookieOf(res);

    const me = await call('GET', '/api/v1/me', cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ twoFactor: 'setup_required', permissions: ['account:two-factor-setup'] });
    for (const [method, url] of [
      ['GET', '/api/v1/overview/counts'],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/auth/password'],
    ] as const) {
      const refused = await call(method, url, cookie, method === 'POST' ? { currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'Another-Password-2' } : undefined);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().code).toBe('auth.forbidden');
    }

    const setup = await call('POST', '/api/v1/auth/two-factor/setup', cookie);
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUri, period } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(period).toBe(STEP_SECONDS);
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/诚信 Chengxin:admin');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('诚信 Chengxin');
    adminSecret = secret;
  });

  it('confirms with a code from the authenticator, then the same session has the admin’s permissions', async () => {
    const { services } = get();
    const cookie = cookieOf(await login('admin', TEST_ADMIN_PASSWORD));
    // Setting up again before confirming replaces the secret: the new one is what counts.
    const setup = await call('POST', '/api/v1/auth/two-factor/setup', cookie);
    const secret: string = setup.json().secret;
    expect(secret).not.toBe(adminSecret);

    const right = await codeAt(secret);
    const wrong = await call('POST', '/api/v1/auth/two-factor/confirm', cookie, { code: right === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'auth.two_factor_code_invalid', errors: [{ field: 'code' }] });
    expect((await call('GET', '/api/v1/overview/counts', cookie)).statusCode).toBe(403);

    const confirm = await call('POST', '/api/v1/auth/two-factor/confirm', cookie, { code: right });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toMatchObject({ username: 'admin', twoFactor: 'enabled' });
    expect(confirm.json().permissions).toEqual([...ROLE_PERMISSIONS.platform_admin]);
    expect((await call('GET', '/api/v1/overview/counts', cookie)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/me', cookie)).json()).toMatchObject({ twoFactor: 'enabled' });
    expect(await services.audit.count('auth.two_factor_enable')).toBeGreaterThanOrEqual(2); // one denied, one ok

    const again = await call('POST', '/api/v1/auth/two-factor/setup', cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('auth.two_factor_already_enabled');
    adminSecret = secret;
    adminCookie = cookie;
  });

  it('stores the secret only SM4-encrypted', async () => {
    const { database, keys } = get();
    const rows = await database.db.selectFrom('userTwoFactor').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(adminSecret);
    const admin = await storedTotpSecret(get(), 'admin');
    expect(admin).toMatchObject({ secret: adminSecret, confirmed: true });
    for (const row of rows) expect(String(row.secretCipher)).toMatch(/^v1:/);
    expect(keys.fieldCipher.decrypt(String(rows.find((r) => r.confirmedAt)!.secretCipher))).toBe(adminSecret);
  });

  it('then asks for the code at sign-in, refuses the code already used, accepts the next one', async () => {
    const missing = await login('admin', TEST_ADMIN_PASSWORD);
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'auth.otp_required', detail: expect.stringContaining('验证码') });
    expect(missing.cookies.find((c) => c.name === 'cx_session')).toBeUndefined();
    // A wrong password is still just a wrong password: the code is asked for only after it.
    expect((await login('admin', 'Not-The-Password-1')).json().code).toBe('auth.invalid_credentials');

    // The code that confirmed the setup belongs to this time step: it is never accepted again.
    const replayed = await login('admin', TEST_ADMIN_PASSWORD, await codeAt(adminSecret));
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ code: 'auth.otp_invalid' });

    nextStep();
    const code = await codeAt(adminSecret);
    const ok = await login('admin', TEST_ADMIN_PASSWORD, code);
    expect(ok.json().user).toMatchObject({ twoFactor: 'enabled', permissions: [...ROLE_PERMISSIONS.platform_admin] });
    expect(Object.keys(ok.json()).sort()).toEqual(['expiresAfterIdleMinutes', 'token', 'user']);
    expect((await call('GET', '/api/v1/overview/counts', cookieOf(ok))).statusCode).toBe(200);

    const replay = await login('admin', TEST_ADMIN_PASSWORD, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('auth.otp_invalid');
  });

  it.each([
    [1, 200],
    [2, 401],
  ])('accepts a code from %i time step(s) ago only within the ±1 step drift window: %i', async (stepsAgo, status) => {
    nextStep();
    nextStep();
    nextStep();
    const res = await login('admin', TEST_ADMIN_PASSWORD, await codeAt(adminSecret, stepsAgo));
    expect(res.statusCode, res.body).toBe(status);
  });

  it('counts wrong codes toward the lockout', async () => {
    const { services } = get();
    await loginWithTwoFactor(app, get(), 'auditor-lock', AUDITOR_PASSWORD);
    const { secret } = (await storedTotpSecret(get(), 'auditor-lock'))!;
    nextStep();
    const right = await codeAt(secret);
    const wrong = right === '123456' ? '654321' : '123456';
    const before = await services.audit.count('auth.login');
    for (let i = 0; i < 4; i++) {
      const res = await login('auditor-lock', AUDITOR_PASSWORD, wrong);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.otp_invalid');
    }
    const fifth = await login('auditor-lock', AUDITOR_PASSWORD, wrong);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('auth.locked');
    // Locked: the right password and the right code do not help.
    expect((await login('auditor-lock', AUDITOR_PASSWORD, right)).statusCode).toBe(423);
    expect(await services.audit.count('auth.login')).toBe(before + 6);
  });

  it('requires a second factor of auditors too, but not of department operators', async () => {
    const auditor = await login('auditor-2fa', AUDITOR_PASSWORD);
    expect(auditor.json().user).toMatchObject({ twoFactor: 'setup_required', permissions: ['account:two-factor-setup'] });
    const auditorCookie = cookieOf(auditor);
    expect((await call('GET', '/api/v1/audit/findings', auditorCookie)).statusCode).toBe(403);
    const full = await loginWithTwoFactor(app, get(), 'auditor-2fa', AUDITOR_PASSWORD);
    expect((await call('GET', '/api/v1/audit/findings', full)).statusCode).toBe(200);

    const operator = await login('op-plain', OPERATOR_PASSWORD);
    expect(operator.json().user).toMatchObject({ twoFactor: 'not_required', permissions: [...ROLE_PERMISSIONS.dept_operator] });
    expect((await call('GET', '/api/v1/departments', cookieOf(operator))).statusCode).toBe(200);
  });

  it('lets any user turn it on; confirming signs out their other sessions that lack it', async () => {
    const first = cookieOf(await login('op-volunteer', OPERATOR_PASSWORD));
    const other = cookieOf(await login('op-volunteer', OPERATOR_PASSWORD));
    const setup = await call('POST', '/api/v1/auth/two-factor/setup', first);
    expect(setup.statusCode).toBe(200);
    nextStep();
    const confirm = await call('POST', '/api/v1/auth/two-factor/confirm', first, { code: await codeAt(setup.json().secret) });
    expect(confirm.json()).toMatchObject({ twoFactor: 'enabled', permissions: [...ROLE_PERMISSIONS.dept_operator] });
    expect((await call('GET', '/api/v1/me', first)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/me', other)).statusCode).toBe(401);
    expect((await login('op-volunteer', OPERATOR_PASSWORD)).json().code).toBe('auth.otp_required');
  });

  it('changes the password: checks the current one and the policy, signs out the other sessions, keeps this one', async () => {
    const { services, database } = get();
    const current = cookieOf(await login('op-password', OPERATOR_PASSWORD));
    const other = cookieOf(await login('op-password', OPERATOR_PASSWORD));
    const change = (currentPassword: string, newPassword: string) => call('POST', '/api/v1/auth/password', current, { currentPassword, newPassword });

    const wrongCurrent = await change('Not-The-Password-1', 'New-Password-2026');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ code: 'auth.current_password_wrong', detail: expect.stringContaining('当前密码不正确'), errors: [{ field: 'currentPassword' }] });
    const weak = await change(OPERATOR_PASSWORD, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'user.password_too_short', errors: [{ field: 'newPassword', reason: 'too_short' }] });
    expect(weak.json().detail).toContain('10');
    expect((await change(OPERATOR_PASSWORD, 'alllowercaseletters')).json().code).toBe('user.password_too_simple');
    expect((await change(OPERATOR_PASSWORD, OPERATOR_PASSWORD)).json().code).toBe('user.password_unchanged');
    // Nothing changed so far: both sessions live, the old password works.
    expect((await call('GET', '/api/v1/me', other)).statusCode).toBe(200);

    const auditBefore = await services.audit.count('auth.password_change');
    const before = await database.db.selectFrom('users').select('passwordChangedAt').where('username', '=', 'op-password').executeTakeFirstOrThrow();
    get().clock.advanceMinutes(1);
    const ok = await change(OPERATOR_PASSWORD, 'New-Password-2026');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ revokedSessions: 1 });
    expect((await call('GET', '/api/v1/me', current)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/me', other)).statusCode).toBe(401);
    expect(await services.audit.count('auth.password_change')).toBe(auditBefore + 1);
    const after = await database.db.selectFrom('users').select('passwordChangedAt').where('username', '=', 'op-password').executeTakeFirstOrThrow();
    expect(after.passwordChangedAt > before.passwordChangedAt).toBe(true);
    const revoked = await database.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select('sessions.revokedReason')
      .where('users.username', '=', 'op-password')
      .where('sessions.revokedAt', 'is not', null)
      .execute();
    expect(revoked.map((r) => r.revokedReason)).toEqual(['password_change']);

    expect((await login('op-password', OPERATOR_PASSWORD)).json().code).toBe('auth.invalid_credentials');
    expect((await login('op-password', 'New-Password-2026')).statusCode).toBe(200);
  });

  it('an admin with a second factor changes their password too', async () => {
    nextStep();
    const cookie = cookieOf(await login('admin', TEST_ADMIN_PASSWORD, await codeAt(adminSecret)));
    const res = await call('POST', '/api/v1/auth/password', cookie, { currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'Admin-New-Password-2' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await call('GET', '/api/v1/overview/counts', cookie)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/overview/counts', adminCookie)).statusCode).toBe(401);
    nextStep();
    expect((await login('admin', 'Admin-New-Password-2', await codeAt(adminSecret))).statusCode).toBe(200);
  });

  it('counts wrong current passwords toward the lockout, and a lock signs the session out', async () => {
    const cookie = cookieOf(await login('op-guess', OPERATOR_PASSWORD));
    const guess = () => call('POST', '/api/v1/auth/password', cookie, { currentPassword: 'Guessed-Password-1', newPassword: 'New-Password-2026' });
    for (let i = 0; i < 4; i++) expect((await guess()).json().code).toBe('auth.current_password_wrong');
    const locked = await guess();
    expect(locked.statusCode).toBe(423);
    expect((await call('GET', '/api/v1/me', cookie)).statusCode).toBe(401);
    expect((await login('op-guess', OPERATOR_PASSWORD)).statusCode).toBe(423);
  });

  it('re-encrypts secrets after a field-key rotation, and sign-in still works', async () => {
    const { database, clock, services, keys } = get();
    const rotated = new FieldCipher(Buffer.alloc(32, 11), 2, { 1: Buffer.alloc(32, 9) });
    const accounts = new AccountsService(database.db, clock, services.audit, rotated);
    const result = await accounts.reencryptStaleTwoFactorSecrets({ actor: null, channel: 'job' });
    expect(result.reencrypted).toBeGreaterThanOrEqual(3);
    expect(result.remaining).toBe(0);
    const rows = await database.db.selectFrom('userTwoFactor').select('secretCipher').execute();
    for (const row of rows) expect(String(row.secretCipher)).toMatch(/^v2:/);
    expect(() => keys.fieldCipher.decrypt(String(rows[0]!.secretCipher))).toThrow();
    nextStep();
    const { user } = await accounts.login('admin', 'Admin-New-Password-2', {}, await codeAt(adminSecret));
    expect(user.twoFactor).toBe('enabled');
  });
});
