import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { InvalidInput } from '../../shared/errors.ts';
import { makeCitizenCode } from '../identity/codes/index.ts';
import { AccountLocked, InvalidCredentials } from './service.ts';
import departmentSeed from './seed/departments.json' with { type: 'json' };

describeEachDatabase('accounts', (get) => {
  it('seeds the departments the policy names, once', async () => {
    const { services } = get();
    const departments = await services.accounts.listDepartments();
    expect(departments.map((d) => d.name)).toEqual(departmentSeed.departments.map((d) => d.name));
    expect(departments.map((d) => d.name)).toContain('市发展和改革委员会');
    expect(await services.accounts.seedReferenceData()).toEqual({ departmentsAdded: 0 });
    expect(await services.accounts.countDepartments()).toBe(departmentSeed.departments.length);
  });

  it('creates the first admin once, with a generated password that works', async () => {
    const { services } = get();
    const first = await services.accounts.ensureFirstAdmin(undefined);
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toBeTruthy();
    expect(await services.accounts.ensureFirstAdmin('Another-Password-1')).toEqual({ created: false });
    const { user, token } = await services.accounts.login('admin', first.generatedPassword!, {});
    expect(user.role).toBe('platform_admin');
    // The password alone opens only the second-factor setup (test/two-factor.test.ts goes on from here).
    expect(user.twoFactor).toBe('setup_required');
    const actor = await services.accounts.authenticate(token);
    expect([...actor!.permissions]).toEqual(['account:two-factor-setup']);
  });

  it('locks an account for 15 minutes after 5 failed logins, even for the right password', async () => {
    const { services, clock } = get();
    const departments = await services.accounts.listDepartments();
    await services.accounts.addUser({ actor: null }, { username: 'op-lock', displayName: '王*', role: 'dept_operator', departmentId: departments[1]!.id, password: 'Right-Password-9' });
    for (let i = 0; i < 4; i++) await expect(services.accounts.login('op-lock', 'wrong', {})).rejects.toBeInstanceOf(InvalidCredentials);
    await expect(services.accounts.login('op-lock', 'wrong', {})).rejects.toBeInstanceOf(AccountLocked);
    await expect(services.accounts.login('op-lock', 'Right-Password-9', {})).rejects.toBeInstanceOf(AccountLocked);
    clock.advanceMinutes(14);
    await expect(services.accounts.login('op-lock', 'Right-Password-9', {})).rejects.toBeInstanceOf(AccountLocked);
    clock.advanceMinutes(2);
    const { user } = await services.accounts.login('op-lock', 'Right-Password-9', {});
    expect(user.department?.id).toBe(departments[1]!.id);
    expect(await services.audit.count('auth.login')).toBeGreaterThanOrEqual(8);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const { services, clock } = get();
    await services.accounts.addUser({ actor: null }, { username: 'auditor-idle', displayName: '李*', role: 'auditor', password: 'Auditor-Password-1' });
    const { token } = await services.accounts.login('auditor-idle', 'Auditor-Password-1', {});
    clock.advanceMinutes(29);
    expect(await services.accounts.authenticate(token)).not.toBeNull();
    clock.advanceMinutes(29);
    expect(await services.accounts.authenticate(token)).not.toBeNull();
    clock.advanceMinutes(31);
    expect(await services.accounts.authenticate(token)).toBeNull();
    // Revoked for good: coming back does not revive it.
    expect(await services.accounts.authenticate(token)).toBeNull();
  });

  it('a business system (api_client) credential idles out after 30 days, not 30 minutes', async () => {
    const { services, clock } = get();
    await services.accounts.addUser({ actor: null }, { username: 'business-idle', displayName: '审批系统', role: 'api_client', password: 'Business-Password-1' });
    const { token, idleMinutes } = await services.accounts.login('business-idle', 'Business-Password-1', {});
    expect(idleMinutes).toBe(43_200);
    clock.advanceMinutes(29 * 24 * 60);
    expect(await services.accounts.authenticate(token)).not.toBeNull();
    clock.advanceMinutes(30 * 24 * 60 + 1);
    expect(await services.accounts.authenticate(token)).toBeNull();
  });

  it('logout revokes the session', async () => {
    const { services } = get();
    const { token } = await services.accounts.login('auditor-idle', 'Auditor-Password-1', {});
    await services.accounts.logout(token, { actor: null });
    expect(await services.accounts.authenticate(token)).toBeNull();
  });

  it.each([
    [{ password: 'Short-1' }, 'user.password_too_short', 'password'],
    [{ password: 'alllowercaseletters' }, 'user.password_too_simple', 'password'],
    [{ role: 'dept_operator' as const }, 'user.department_required', 'departmentId'],
    [{ departmentId: 'no-such-department', role: 'dept_reviewer' as const }, 'user.unknown_department', 'departmentId'],
  ])('refuses a bad new user %j and writes nothing', async (change, code, field) => {
    const { services } = get();
    const before = await services.accounts.countUsers();
    const error = await services.accounts
      .addUser({ actor: null }, { username: 'bad-user', displayName: '赵*', role: 'auditor', password: 'Good-Password-1', ...change })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).code).toBe(code);
    expect((error as InvalidInput).field).toBe(field);
    expect(await services.accounts.countUsers()).toBe(before);
  });

  it('links a citizen account to its person by citizen code, so the session has an access log of its own', async () => {
    const { services } = get();
    const code = makeCitizenCode('419001', '1988-06-15', 21);
    await services.identity.registerPersons({ actor: null }, [{ code, name: '周*' }]);
    const personId = await services.identity.resolvePersonId(code);
    await services.accounts.addUser({ actor: null }, { username: 'citizen-linked', displayName: '周*', role: 'citizen', password: 'Citizen-Password-1', personCode: code });
    const { user, token } = await services.accounts.login('citizen-linked', 'Citizen-Password-1', {});
    expect(user.linkedPerson).toBe(true);
    expect((await services.accounts.authenticate(token))?.personId).toBe(personId);

    await services.accounts.addUser({ actor: null }, { username: 'citizen-unlinked', displayName: '吴*', role: 'citizen', password: 'Citizen-Password-1' });
    expect((await services.accounts.login('citizen-unlinked', 'Citizen-Password-1', {})).user.linkedPerson).toBe(false);
  });

  it.each([
    ['auditor' as const, makeCitizenCode('419001', '1988-06-15', 21), 'user.person_not_allowed'],
    ['citizen' as const, makeCitizenCode('419001', '1979-01-02', 33), 'user.unknown_person'],
    ['citizen' as const, '41900119880615002X', 'identity.citizen_code_checksum'],
  ])('refuses to link a %s account to person %s (%s) and writes nothing', async (role, personCode, code) => {
    const { services } = get();
    const before = await services.accounts.countUsers();
    const error = await services.accounts
      .addUser({ actor: null }, { username: 'bad-link', displayName: '郑*', role, password: 'Good-Password-1', personCode })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).code).toBe(code);
    expect((error as InvalidInput).field).toBe('personCode');
    expect(await services.accounts.countUsers()).toBe(before);
  });
});
