import { expect, it } from 'vitest';
import { describeEachDatabase } from './helpers/db.ts';
import { runCli } from './helpers/cli.ts';

describeEachDatabase('chengxin CLI', (get) => {
  it('migrate reports an up-to-date schema on the same database the services use', async () => {
    const result = await runCli(['migrate'], get().env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${get().engine} schema is up to date`);
  });

  it('dept list --json prints [{id, name, orgCode}] for the seeded departments', async () => {
    const result = await runCli(['dept', 'list', '--json'], get().env);
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { id: string; name: string; orgCode: string }[];
    const expected = (await get().services.accounts.listDepartments()).map(({ id, name, orgCode }) => ({ id, name, orgCode }));
    expect(listed).toEqual(expected);
  });

  it('user add creates a department user who can then sign in', async () => {
    const { services, env } = get();
    const dept = (await services.accounts.listDepartments())[1]!;
    const result = await runCli(['user', 'add', 'op-cli', '--role', 'dept_operator', '--name', '吴**', '--dept', dept.orgCode, '--json'], {
      ...env,
      CHENGXIN_NEW_USER_PASSWORD: 'Cli-Password-2026',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: 'op-cli', role: 'dept_operator', departmentId: dept.id });
    const { user } = await services.accounts.login('op-cli', 'Cli-Password-2026', {});
    expect(user.department?.name).toBe(dept.name);
  });

  it('user add with a weak password fails with a bilingual message and adds nobody', async () => {
    const { services, env } = get();
    const before = await services.accounts.countUsers();
    const result = await runCli(['user', 'add', 'weak-cli', '--role', 'auditor'], { ...env, CHENGXIN_NEW_USER_PASSWORD: 'weak' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('密码至少需要 10 个字符');
    expect(result.stderr).toContain('at least 10 characters');
    expect(await services.accounts.countUsers()).toBe(before);
  });

  it('a wrong configuration value stops with a message naming the variable', async () => {
    const result = await runCli(['migrate'], { ...get().env, PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT');
  });
});
