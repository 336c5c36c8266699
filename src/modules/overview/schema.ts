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
