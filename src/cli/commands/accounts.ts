import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { systemContext } from '../../shared/context.ts';
import { ROLES, type Role } from '../../modules/accounts/index.ts';
import { openRuntime } from '../../runtime.ts';

export function registerAccountCommands(program: Command): void {
  const user = program.command('user').description('user accounts / 用户管理');
  user
    .command('add <username>')
    .description('add a user; the password is read from CHENGXIN_NEW_USER_PASSWORD or --password / 新增用户')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <displayName>', 'display name / 姓名')
    .option('--dept <orgCode>', 'department (统一社会信用代码) for department roles')
    .option('--person <citizenCode>', 'citizen accounts: the person (公民身份号码) the account belongs to / 信用主体本人')
    .option('--org <orgCode>', 'API clients of an external organization (bank, employer, credit agency): its 统一社会信用代码, for authorized queries / 外部机构')
    .option('--password <password>', 'initial password (prefer CHENGXIN_NEW_USER_PASSWORD: arguments show up in process lists)')
    .option('--json', 'print the new user as JSON')
    .action(async (username: string, opts: { role: string; name?: string; dept?: string; person?: string; org?: string; password?: string; json?: boolean }) => {
      if (!ROLES.includes(opts.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')} / 角色无效`);
      const password = opts.password ?? process.env.CHENGXIN_NEW_USER_PASSWORD;
      if (!password) throw new Error('give the password with CHENGXIN_NEW_USER_PASSWORD or --password / 请提供密码');
      const runtime = await openRuntime(loadConfig());
      try {
        const { accounts } = runtime.services;
        const departmentId = opts.dept ? (await accounts.findDepartmentByOrgCode(opts.dept)).id : undefined;
        const created = await accounts.addUser(systemContext('cli', 'user add'), {
          username,
          displayName: opts.name ?? username,
          role: opts.role as Role,
          password,
          ...(departmentId ? { departmentId } : {}),
          ...(opts.person ? { personCode: opts.person } : {}),
          ...(opts.org ? { organizationCode: opts.org } : {}),
        });
        process.stdout.write(opts.json ? `${JSON.stringify(created)}\n` : `added ${created.role} ${created.username} (${created.id}) / 已新增用户\n`);
      } finally {
        await runtime.close();
      }
    });

  const dept = program.command('dept').description('departments / 部门');
  dept
    .command('list')
    .description('list departments / 部门列表')
    .option('--json', 'print [{id, name, orgCode}]')
    .action(async (opts: { json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const departments = await runtime.services.accounts.listDepartments();
        if (opts.json) process.stdout.write(`${JSON.stringify(departments.map(({ id, name, orgCode }) => ({ id, name, orgCode })))}\n`);
        else for (const d of departments) process.stdout.write(`${d.orgCode}  ${d.name}\n`);
      } finally {
        await runtime.close();
      }
    });
}
