import { Type, type Static } from 'typebox';

/** The roles of the platform (DESIGN.md, "Who uses it"). */
export const ROLES = ['platform_admin', 'dept_operator', 'dept_reviewer', 'auditor', 'citizen', 'api_client'] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = Type.Enum(ROLES, { description: 'Role / 角色' });

export const DepartmentSchema = Type.Object({
  /** Department id. */
  id: Type.String({ description: 'Department id / 部门标识' }),
  /** Name as the policy names it, e.g. 市公安局. */
  name: Type.String({ description: 'Name / 名称' }),
  /** 统一社会信用代码 of the department (GB 32100). */
  orgCode: Type.String({ description: 'Unified social credit code / 统一社会信用代码' }),
});
export type Department = Static<typeof DepartmentSchema>;

export const SessionUserSchema = Type.Object({
  id: Type.String({ description: 'User id / 用户标识' }),
  username: Type.String({ description: 'Login name / 登录名' }),
  displayName: Type.String({ description: 'Display name / 姓名' }),
  role: RoleSchema,
  department: Type.Union([DepartmentSchema, Type.Null()], { description: 'Department of a department user / 所属部门' }),
  /** Everything this user may do, so a client can show only what applies. */
  permissions: Type.Array(Type.String(), { description: 'Permissions / 权限' }),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: 'Login name / 登录名' }),
    password: Type.String({ minLength: 1, maxLength: 256, description: 'Password / 密码' }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const LoginReplySchema = Type.Object({
  user: SessionUserSchema,
  /** Bearer token for API clients; the web uses the httpOnly cookie set with the same reply. */
  token: Type.String({ description: 'Session token (also set as an httpOnly cookie) / 会话令牌' }),
  expiresAfterIdleMinutes: Type.Integer({ description: 'Idle timeout / 空闲超时（分钟）' }),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  departmentId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdAt: Type.String({ description: 'ISO 8601 instant' }),
});
export type User = Static<typeof UserSchema>;

export const NewUserSchema = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,64}$', description: 'Login name: 3–64 letters, digits, _ . - / 登录名' }),
    displayName: Type.String({ minLength: 1, maxLength: 64, description: 'Display name / 姓名' }),
    role: RoleSchema,
    departmentId: Type.Optional(Type.String({ description: 'Required for department roles / 部门用户必填' })),
    password: Type.String({ minLength: 1, maxLength: 256, description: 'Initial password, checked against the password policy / 初始密码' }),
  },
  { additionalProperties: false },
);
export type NewUser = Static<typeof NewUserSchema>;
