/**
 * Signing in as a user whose role requires two-factor authentication (platform_admin, auditor):
 * enrol an authenticator on the first sign-in, answer with a TOTP code after that. Codes are
 * computed at the test clock's time, as the server checks them.
 */
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { expect } from 'vitest';
import type { TestDb } from './db.ts';

interface TwoFactorRow {
  secretCipher: string;
  confirmedAt: string | null;
  lastUsedStep: number | null;
}

/** The user's TOTP secret as the server holds it (decrypted with the test keys), or null. */
export async function storedTotpSecret(db: TestDb, username: string): Promise<{ secret: string; confirmed: boolean; lastUsedStep: number | null } | null> {
  const row = (await db.database.db
    .selectFrom('userTwoFactor')
    .innerJoin('users', 'users.id', 'userTwoFactor.userId')
    .select(['userTwoFactor.secretCipher', 'userTwoFactor.confirmedAt', 'userTwoFactor.lastUsedStep'])
    .where('users.username', '=', username)
    .executeTakeFirst()) as TwoFactorRow | undefined;
  if (!row) return null;
  return { secret: db.keys.fieldCipher.decrypt(row.secretCipher), confirmed: row.confirmedAt !== null, lastUsedStep: row.lastUsedStep };
}

/**
 * A code for `secret` that the server will accept now. When this time step's code was already
 * used (the server refuses replays), the test clock moves on to the next step first.
 */
export async function totpCodeNow(db: TestDb, secret: string, lastUsedStep: number | null = null): Promise<string> {
  const { totpTimeStepSeconds: period } = await db.services.accounts.policy();
  let epoch = Math.floor(db.clock.now().getTime() / 1000);
  if (lastUsedStep !== null && Math.floor(epoch / period) <= lastUsedStep) {
    db.clock.set(new Date((lastUsedStep + 1) * period * 1000));
    epoch = (lastUsedStep + 1) * period;
  }
  return generate({ secret, epoch, period });
}

/** A fresh code for a user whose second factor is on (moving the clock past a used step). */
export async function nextTotpCode(db: TestDb, username: string): Promise<string> {
  const stored = await storedTotpSecret(db, username);
  if (!stored?.confirmed) throw new Error(`${username} has no confirmed second factor`);
  return totpCodeNow(db, stored.secret, stored.lastUsedStep);
}

/**
 * Signs in through the HTTP API and returns the `cx_session` cookie of a full session: with a
 * TOTP code when the user has one, after enrolling one when the role requires it.
 */
export async function loginWithTwoFactor(app: FastifyInstance, db: TestDb, username: string, password: string): Promise<string> {
  const url = '/api/v1/auth/login';
  let res = await app.inject({ method: 'POST', url, payload: { username, password } });
  if (res.statusCode === 401 && res.json().code === 'auth.otp_required') {
    res = await app.inject({ method: 'POST', url, payload: { username, password, otp: await nextTotpCode(db, username) } });
  }
  expect(res.statusCode, res.body).toBe(200);
  const value = res.cookies.find((c) => c.name === 'cx_session')?.value;
  expect(value).toBeTruthy();
  const cookie = `cx_session=${value}`;
  if (res.json().user.twoFactor === 'setup_required') {
    const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/two-factor/setup', headers: { cookie } });
    expect(setup.statusCode, setup.body).toBe(200);
    const code = await totpCodeNow(db, setup.json().secret);
    const confirm = await app.inject({ method: 'POST', url: '/api/v1/auth/two-factor/confirm', headers: { cookie }, payload: { code } });
    expect(confirm.statusCode, confirm.body).toBe(200);
  }
  return cookie;
}

/** The same through the service, for tests that build their own app: a full session's token. */
export async function tokenWithTwoFactor(db: TestDb, username: string, password: string): Promise<string> {
  const { accounts } = db.services;
  let signedIn;
  try {
    signedIn = await accounts.login(username, password, {});
  } catch (error) {
    if ((error as { code?: string }).code !== 'auth.otp_required') throw error;
    signedIn = await accounts.login(username, password, {}, await nextTotpCode(db, username));
  }
  if (signedIn.user.twoFactor === 'setup_required') {
    const actor = await accounts.authenticate(signedIn.token);
    const { secret } = await accounts.startTwoFactorSetup({ actor });
    await accounts.confirmTwoFactor({ actor }, signedIn.token, await totpCodeNow(db, secret));
  }
  return signedIn.token;
}
