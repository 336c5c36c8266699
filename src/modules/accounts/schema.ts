import { Type, type Static } from 'typebox';

/** The roles of the platform (DESIGN.md, "Who uses it"). */
export const ROLES = ['platform_admin', 'dept_operator', 'dept_reviewer', 'auditor', 'citizen', 'api_client'] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = Type.Enum(ROLES, { description: 'Role / 角色' });

export const DEPARTMENT_KINDS = ['government', 'industry_association'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DepartmentSchema = Type.Object({
  /** Department id. */
  id: Type.String({ description: 'Department id / 部门标识' }),
  /** Name as the policy names it, e.g. 市公安局. */
  name: Type.String({ description: 'Name / 名称' }),
  /** 统一社会信用代码 of the department (GB 32100). */
  orgCode: Type.String({ description: 'Unified social credit code / 统一社会信用代码' }),
  /** An industry association records credit information only about its own members (policy (二)3). */
  kind: Type.Enum(DEPARTMENT_KINDS, { description: 'government | industry_association / 部门类型（政府部门、行业协会商会）' }),
});
export type Department = Static<typeof DepartmentSchema>;

export const TWO_FACTOR_STATES = ['not_required', 'setup_required', 'enabled'] as const;
export type TwoFactorState = (typeof TWO_FACTOR_STATES)[number];
export const TwoFactorStateSchema = Type.Enum(TWO_FACTOR_STATES, { description: 'Two-factor authentication state / 双因素认证状态' });

export const SessionUserSchema = Type.Object({
  id: Type.String({ description: 'User id / 用户标识' }),
  username: Type.String({ description: 'Login name / 登录名' }),
  displayName: Type.String({ description: 'Display name / 姓名' }),
  role: RoleSchema,
  department: Type.Union([DepartmentSchema, Type.Null()], { description: 'Department of a department user / 所属部门' }),
  /** Everything this session may do, so a client can show only what applies. */
  permissions: Type.Array(Type.String(), { description: 'Permissions / 权限' }),
  /**
   * `setup_required`: the role needs a second factor the user has not set up yet, so this session
   * may only set it up; `enabled`: sign-ins need a TOTP code; `not_required`: neither.
   */
  twoFactor: TwoFactorStateSchema,
  /** The account belongs to a person (a citizen's own account), who has an access log of their own. */
  linkedPerson: Type.Boolean({ description: 'Linked to a person (信用主体本人账号) / 是否关联信用主体' }),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: 'Login name / 登录名' }),
    password: Type.String({ minLength: 1, maxLength: 256, description: 'Password / 密码' }),
    /** Required once the user has two-factor authentication: without it the reply is 401 `auth.otp_required`. */
    otp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '6-digit code from the authenticator app / 动态验证码（6 位数字）' })),
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
  organizationCode: Type.Union([Type.String(), Type.Null()], { description: 'External organization of an API client / 外部机构代码' }),
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
    /** Citizen accounts only: the person the account belongs to, so its user sees their own access log. */
    personCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code of the person a citizen account belongs to / 信用主体本人的公民身份号码（仅信用主体账号）' })),
    /** API clients of external organizations (banks, employers, credit agencies): their GB 32100 code, for authorized queries. */
    organizationCode: Type.Optional(Type.String({ minLength: 18, maxLength: 18, description: 'Unified social credit code of the external organization an API client acts for / 外部机构（银行、用人单位、征信机构）的统一社会信用代码（仅 API 客户端）' })),
  },
  { additionalProperties: false },
);
export type NewUser = Static<typeof NewUserSchema>;

export const TwoFactorSetupReplySchema = Type.Object({
  /** Base32 TOTP secret, shown this once; the server keeps it only SM4-encrypted. */
  secret: Type.String({ description: 'Base32 secret for the authenticator app, shown once / 密钥（仅显示一次）' }),
  /** The same secret as an `otpauth://totp/…` URI, for a QR code. */
  otpauthUri: Type.String({ description: 'otpauth:// URI for a QR code / 用于二维码的 otpauth 链接' }),
  /** Time step in seconds the app must use (30 unless the policy changed it). */
  period: Type.Integer({ description: 'Time step in seconds / 时间步长（秒）' }),
});
export type TwoFactorSetupReply = Static<typeof TwoFactorSetupReplySchema>;

export const TwoFactorConfirmBodySchema = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{6}$', description: 'Current 6-digit code from the authenticator app / 当前动态验证码' }),
  },
  { additionalProperties: false },
);

export const PasswordChangeBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256, description: 'The password in use now / 当前密码' }),
    newPassword: Type.String({ minLength: 1, maxLength: 256, description: 'The new password, checked against the password policy / 新密码' }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBodySchema>;

const NullableDate = (description: string) => Type.Optional(Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()], { description }));

/** One member of an industry association's register (会员信用档案, policy (二)3). */
export const MemberInputSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code (GB 11643) or org code (GB 32100) / 公民身份号码或统一社会信用代码' }),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Name / 姓名或名称' }),
    memberNumber: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'Membership number / 会员证号' })),
    joinedOn: NullableDate('Member since (YYYY-MM-DD; today when absent) / 入会日期'),
    leftOn: NullableDate('Left the association on (YYYY-MM-DD) / 退会日期'),
  },
  { additionalProperties: false },
);
export type MemberInput = Static<typeof MemberInputSchema>;

export const AssociationMemberSchema = Type.Object({
  id: Type.String({ description: 'Membership id / 会员记录标识' }),
  subjectType: Type.Enum(['person', 'organization'] as const, { description: 'person | organization / 主体类型' }),
  subjectName: Type.String({ description: 'Name, masked for persons / 姓名（脱敏）或名称' }),
  subjectCodeMasked: Type.String({ description: 'Masked citizen code or org code / 证件号码（脱敏）' }),
  memberNumber: Type.Union([Type.String(), Type.Null()], { description: 'Membership number / 会员证号' }),
  joinedOn: Type.String({ description: 'Member since / 入会日期' }),
  leftOn: Type.Union([Type.String(), Type.Null()], { description: 'Left on / 退会日期' }),
  isCurrent: Type.Boolean({ description: 'A member today / 当前是否为会员' }),
});
export type AssociationMember = Static<typeof AssociationMemberSchema>;
