import type { Clock } from '../../shared/clock.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { RequestContext } from '../../shared/context.ts';
import { escalationRules, type OverdueCase } from '../../shared/escalation.ts';
import type { OverdueOverview, OverviewCounts } from './schema.ts';

export interface OverviewSources {
  identity: IdentityService;
  accounts: AccountsService;
  clock: Clock;
}

/** Counts for the admin overview; aggregates only, so no access-log entry is needed. */
export async function countOverview({ identity, accounts, clock }: OverviewSources): Promise<OverviewCounts> {
  const [persons, organizations, departments, users] = await Promise.all([
    identity.countPersons(),
    identity.countOrganizations(),
    accounts.countDepartments(),
    accounts.countUsers(),
  ]);
  return { persons, organizations, departments, users, at: clock.now().toISOString() };
}

export interface OverdueSources {
  objections: { overdue(ctx: RequestContext): Promise<OverdueCase[]> };
  repair: { overdue(ctx: RequestContext): Promise<OverdueCase[]> };
  accounts: Pick<AccountsService, 'listDepartments'>;
  clock: Clock;
}

/**
 * 逾期督办: the open objections and repair applications past their deadline, counted per
 * department and level and listed. Each service scopes to the caller's department (the platform
 * sees all). No person is named, so no access-log entry.
 */
export async function overdueOverview(ctx: RequestContext, { objections, repair, accounts, clock }: OverdueSources): Promise<OverdueOverview> {
  const [objectionCases, repairCases, departments] = await Promise.all([objections.overdue(ctx), repair.overdue(ctx), accounts.listDepartments()]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const cases = [...objectionCases, ...repairCases]
    .map((c) => ({ ...c, departmentName: names.get(c.departmentId) ?? '' }))
    .sort((a, b) => b.level - a.level || b.daysOverdue - a.daysOverdue || a.id.localeCompare(b.id));
  const byDepartment = new Map<string, OverdueOverview['departments'][number]>();
  for (const c of cases) {
    const row = byDepartment.get(c.departmentId) ?? { departmentId: c.departmentId, departmentName: c.departmentName, level1: 0, level2: 0 };
    row[c.level === 2 ? 'level2' : 'level1'] += 1;
    byDepartment.set(c.departmentId, row);
  }
  const perDepartment = [...byDepartment.values()].sort((a, b) => b.level2 - a.level2 || b.level1 - a.level1 || a.departmentName.localeCompare(b.departmentName, 'zh'));
  const level2AfterWorkingDays = escalationRules.levels.find((l) => l.level === 2)!.afterWorkingDays;
  return { departments: perDepartment, cases, level2AfterWorkingDays, at: clock.now().toISOString() };
}
