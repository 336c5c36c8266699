import { Type, type Static } from 'typebox';
// The records schema file itself, not its index: the web app imports these types without server code.
import { RecordSummarySchema } from '../records/schema.ts';
import { REPORT_FORMATS, ReportScopeSchema } from './schema.ts';

/** Authorizations (授权书), authorized and government queries, the credit-agency blacklist: the HTTP contract. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });
const DateString = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `YYYY-MM-DD / ${description}` });
const OrgCode = Type.String({ minLength: 18, maxLength: 18, description: 'Unified social credit code (GB 32100) / 统一社会信用代码' });

/** What an authorization is now: `revoked` is stored; the others follow from today, the dates and the count. */
export const AUTHORIZATION_STATES = ['active', 'not_yet_valid', 'expired', 'used_up', 'revoked'] as const;
export type AuthorizationState = (typeof AUTHORIZATION_STATES)[number];

export const AuthorizationSchema = Type.Object({
  id: Type.String({ description: 'Authorization id, quoted by the organization in its queries / 授权书编号' }),
  organizationCode: Type.String({ description: 'Organization authorized / 被授权机构代码' }),
  organizationName: Type.String({ description: 'Organization name / 被授权机构名称' }),
  purpose: Type.String({ description: 'Agreed purpose (征信业管理条例 Art. 18, 20) / 约定用途' }),
  scope: ReportScopeSchema,
  validFrom: Type.String({ description: 'First day / 生效日期' }),
  validUntil: Type.String({ description: 'Last day / 截止日期' }),
  maxUses: Type.Integer({ description: 'Uses granted / 授权次数' }),
  uses: Type.Integer({ description: 'Uses so far / 已使用次数' }),
  lastUsedAt: Nullable(Type.String(), 'ISO 8601 instant of the last query / 最近查询时间'),
  state: Type.Enum(AUTHORIZATION_STATES, { description: 'active | not_yet_valid | expired | used_up | revoked / 状态' }),
  grantedAt: Type.String({ description: 'ISO 8601 instant / 授权时间' }),
  revokedAt: Nullable(Type.String(), 'ISO 8601 instant / 撤销时间'),
  revokeReason: Nullable(Type.String(), 'Why it was revoked / 撤销原因'),
});
export type Authorization = Static<typeof AuthorizationSchema>;

export const GrantBodySchema = Type.Object(
  {
    organizationCode: OrgCode,
    organizationName: Type.String({ minLength: 2, maxLength: 100, description: 'Organization name as the person knows it / 机构名称' }),
    purpose: Type.String({ minLength: 2, maxLength: 200, description: 'The only purpose the organization may query for / 查询用途' }),
    scope: Type.Optional(ReportScopeSchema),
    validFrom: Type.Optional(DateString('first day, default today / 生效日期（默认今天）')),
    validUntil: DateString('last day / 截止日期'),
    maxUses: Type.Integer({ minimum: 1, description: 'Number of queries allowed / 授权查询次数' }),
  },
  { additionalProperties: false },
);
export type GrantBody = Static<typeof GrantBodySchema>;

export const RevokeBodySchema = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200, description: 'Why / 撤销原因' })) }, { additionalProperties: false });

export const QueryBodySchema = Type.Object(
  {
    subjectCode: Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code of the person queried / 被查询人公民身份号码' }),
    purpose: Type.String({ minLength: 2, maxLength: 200, description: 'Purpose; must be the authorization’s / 查询用途（须与授权书一致）' }),
    authorizationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'External organizations: the person’s authorization / 授权书编号（外部机构必填）' })),
    legalBasis: Type.Optional(Type.String({ minLength: 4, maxLength: 300, description: 'Government departments: the law and article they query under / 法定依据（政府部门必填）' })),
    format: Type.Optional(Type.Enum(REPORT_FORMATS, { default: 'json', description: 'json | html | pdf / 格式' })),
  },
  { additionalProperties: false },
);
export type QueryBody = Static<typeof QueryBodySchema>;

export const BlacklistEntrySchema = Type.Object({
  id: Type.String(),
  organizationCode: Type.String({ description: '统一社会信用代码' }),
  organizationName: Type.String({ description: '机构名称' }),
  basis: Type.String({ description: 'Decision and legal basis / 列入依据' }),
  from: Type.String({ description: 'YYYY-MM-DD / 起始日期' }),
  until: Nullable(Type.String(), 'YYYY-MM-DD, null = until lifted / 截止日期'),
  inForce: Type.Boolean({ description: 'Refused today / 当前是否生效' }),
  createdAt: Type.String(),
  liftedAt: Nullable(Type.String(), 'ISO 8601 instant / 解除时间'),
  liftReason: Nullable(Type.String(), '解除原因'),
});
export type BlacklistEntry = Static<typeof BlacklistEntrySchema>;

export const BlacklistBodySchema = Type.Object(
  {
    organizationCode: OrgCode,
    organizationName: Type.String({ minLength: 2, maxLength: 100, description: '机构名称' }),
    basis: Type.String({ minLength: 4, maxLength: 500, description: 'Decision and legal basis (policy (四)8) / 列入依据' }),
    from: DateString('first day / 起始日期'),
    until: Type.Optional(DateString('last day; absent = until lifted / 截止日期（不填则至解除）')),
  },
  { additionalProperties: false },
);
export type BlacklistBody = Static<typeof BlacklistBodySchema>;

export const LiftBodySchema = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200, description: 'Why it is lifted / 解除原因' }) }, { additionalProperties: false });

export const OwnRecordsReplySchema = Type.Object({ items: Type.Array(RecordSummarySchema) });

export const OidcStatusSchema = Type.Object({ enabled: Type.Boolean({ description: 'Real-name login is configured / 是否已配置实名登录' }) });
