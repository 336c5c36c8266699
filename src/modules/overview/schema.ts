import { Type, type Static } from 'typebox';

export const OverviewCountsSchema = Type.Object({
  persons: Type.Integer({ description: 'Persons (信用主体：自然人) / 自然人数' }),
  organizations: Type.Integer({ description: 'Organizations / 法人和其他组织数' }),
  departments: Type.Integer({ description: 'Departments / 部门数' }),
  users: Type.Integer({ description: 'User accounts / 用户数' }),
  /** When the counts were taken, from the platform clock. */
  at: Type.String({ description: 'ISO 8601 instant / 统计时间' }),
});
export type OverviewCounts = Static<typeof OverviewCountsSchema>;

export const OverdueCaseSchema = Type.Object({
  kind: Type.Enum(['objection', 'repair'], { description: 'objection 异议 | repair 信用修复申请' }),
  id: Type.String({ description: 'Objection or application id / 案件标识' }),
  departmentId: Type.String({ description: 'The department it is routed to / 承办部门' }),
  departmentName: Type.String(),
  stage: Type.String({ description: 'objection | correction; repair: accepted (department review 认定单位审核) | reviewed (platform decision 平台决定)' }),
  dueOn: Type.String({ description: 'The deadline passed / 办理期限' }),
  daysOverdue: Type.Integer({ description: 'Calendar days past the deadline / 逾期天数' }),
  level: Type.Integer({ minimum: 1, maximum: 2, description: '1 the department is reminded 提醒承办部门 | 2 the credit office supervises 平台信用办督办' }),
});
export type OverdueCaseView = Static<typeof OverdueCaseSchema>;

export const OverdueDepartmentSchema = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  level1: Type.Integer({ description: 'Cases at level 1 / 一级督办' }),
  level2: Type.Integer({ description: 'Cases at level 2 / 二级督办' }),
});

export const OverdueOverviewSchema = Type.Object({
  /** Per department, most escalated first. */
  departments: Type.Array(OverdueDepartmentSchema),
  /** Every overdue case, most escalated and longest overdue first. */
  cases: Type.Array(OverdueCaseSchema),
  /** The rule in force (shared/seed/escalation.json). */
  level2AfterWorkingDays: Type.Integer({ description: 'Level 2 once this many working days past the deadline / 逾期多少个工作日后二级督办' }),
  at: Type.String({ description: 'ISO 8601 instant / 统计时间' }),
});
export type OverdueOverview = Static<typeof OverdueOverviewSchema>;
