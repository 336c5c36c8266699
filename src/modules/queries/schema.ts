import { Type, type Static } from 'typebox';

/** Credit reports (信用报告): the signed content, the HTTP contract, and verification answers. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

/** personal: the full report for the person; professional: scoped to a key profession (职业信用报告). */
export const REPORT_TYPES = ['personal', 'professional'] as const;
/**
 * Reports answered to a query rather than issued to the person: authorized (an organization, within
 * a person's authorization and its scope) and shared (政务共享: a department, within its legal basis).
 */
export const QUERY_REPORT_TYPES = ['authorized', 'shared'] as const;
export const ALL_REPORT_TYPES = [...REPORT_TYPES, ...QUERY_REPORT_TYPES] as const;
export type ReportType = (typeof ALL_REPORT_TYPES)[number];
export const REPORT_FORMATS = ['json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** How the report was issued: at a counter, through the person's own account, printed by the CLI, or answering a query. */
export const REPORT_CHANNELS = ['counter', 'self', 'cli', 'query'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const REPORT_CONTENT_FORMAT = 'chengxin.credit-report.v1';
export const SIGNED_REPORT_FORMAT = 'chengxin.signed-credit-report.v1';

/** What a report may be limited to (an authorization's scope, issue 6); absent = everything. */
export const ReportScopeSchema = Type.Object(
  {
    categories: Type.Optional(Type.Array(Type.Enum(['basic', 'good', 'bad']), { maxItems: 3, description: 'Record categories / 信息性质' })),
    itemCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 200, description: 'Catalog items / 信息项' })),
  },
  { additionalProperties: false },
);
export type ReportScope = Static<typeof ReportScopeSchema>;

/**
 * What a report says about a record besides its content: an objection is pending on it, it was
 * repaired, a reconsideration or litigation is pending on it, or that ended by revoking its decision.
 */
export const RECORD_MARKS = ['objection_pending', 'repaired', 'reconsideration_pending', 'litigation_pending', 'decision_revoked'] as const;
export type RecordMark = (typeof RECORD_MARKS)[number];
/** The marks the challenges module answers with. */
export type ChallengeRecordMark = Extract<RecordMark, 'reconsideration_pending' | 'litigation_pending' | 'decision_revoked'>;

export const ReportRecordSchema = Type.Object({
  itemCode: Type.String({ description: 'Catalog item / 信息项代码' }),
  itemName: Type.String({ description: 'Catalog item name / 信息项名称' }),
  departmentName: Type.String({ description: 'Source department / 提供单位' }),
  sourceRecordId: Type.String({ description: 'The department’s id (决定书文号, 证书编号) / 文书号' }),
  decisionDate: Nullable(Type.String(), 'YYYY-MM-DD / 决定日期'),
  severity: Nullable(Type.Enum(['minor', 'ordinary', 'serious']), 'Bad records / 失信严重程度'),
  version: Type.Integer({ description: 'Record version / 记录版本' }),
  publishedUntil: Nullable(Type.String(), 'Last day of the publication period (bad records) / 公示截止日'),
  linkRole: Nullable(Type.String(), 'Role in the organization’s record it derives from / 关联身份'),
  status: Nullable(Type.Enum(RECORD_MARKS), 'objection_pending 异议处理中 | repaired 已修复 | reconsideration_pending 行政复议中 | litigation_pending 行政诉讼中 | decision_revoked 原决定已撤销 (issue 7) / 记录状态'),
});
export type ReportRecord = Static<typeof ReportRecordSchema>;

export const ReportLicenceSchema = Type.Object({
  certificateName: Type.String({ description: '证书名称' }),
  certificateNumber: Type.String({ description: '证书编号' }),
  issuingAuthority: Type.String({ description: '发证机关' }),
  issuedOn: Nullable(Type.String(), '发证日期'),
  validUntil: Nullable(Type.String(), '有效期至'),
  status: Type.String({ description: '证书状态' }),
  version: Type.Integer({ description: 'Record version / 记录版本' }),
});

export const ReportListEntrySchema = Type.Object({
  list: Type.Enum(['red', 'serious_dishonesty', 'watch'], { description: '红名单 | 严重失信主体名单 | 重点监管对象' }),
  category: Nullable(Type.String(), 'Category / 类别'),
  basis: Type.String({ description: 'Legal basis / 依据' }),
  departmentName: Type.String({ description: 'Listing department / 认定单位' }),
  listedOn: Type.String({ description: 'YYYY-MM-DD' }),
  endsOn: Nullable(Type.String(), 'Last day in force / 有效期至'),
  viaOrganization: Nullable(Type.String(), 'Reaches the person through this organization (Art. 35) / 经由单位'),
  viaRole: Nullable(Type.String(), 'The person’s role there / 任职'),
});

export const ReportQuerySchema = Type.Object({
  at: Type.String({ description: 'ISO 8601 instant / 时间' }),
  departmentName: Nullable(Type.String(), 'Department of the reader / 查询单位'),
  role: Nullable(Type.String(), 'Role of the reader (dept_operator, citizen, cli …) / 查询者角色'),
  action: Type.String({ description: 'What was done (records.read …) / 操作' }),
  purpose: Nullable(Type.String(), 'Stated purpose / 用途'),
  legalBasis: Nullable(Type.String(), 'Legal basis or authorization / 依据或授权'),
});

/** The signed content of a report. Its canonical form (RFC 8785) is what the SM2 signature covers. */
export const ReportContentSchema = Type.Object({
  format: Type.Literal(REPORT_CONTENT_FORMAT),
  number: Type.String({ description: 'Report number / 报告编号' }),
  verificationCode: Type.String({ description: 'Verification code / 验证码' }),
  type: Type.Enum(ALL_REPORT_TYPES),
  issuedAt: Type.String({ description: 'ISO 8601 instant / 出具时间' }),
  issuedOn: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai; records and lists as of this day / 出具日期' }),
  issuer: Type.Object({ name: Type.String(), nameEn: Type.String(), keyId: Type.String() }),
  subject: Type.Object({
    kind: Type.Literal('person'),
    name: Type.String({ description: 'Full name (the person’s own report) / 姓名' }),
    codeMasked: Type.String({ description: 'Masked citizen code / 公民身份号码（脱敏）' }),
  }),
  profession: Nullable(
    Type.Object({ code: Type.String(), name: Type.String(), licenceLabel: Type.String(), domains: Type.Array(Type.String()), licences: Type.Array(ReportLicenceSchema) }),
    'Professional reports: the profession and its licences / 职业及资格证书',
  ),
  scope: Nullable(ReportScopeSchema, 'What the report is limited to / 报告范围'),
  records: Type.Object({
    basic: Type.Array(ReportRecordSchema, { description: '基础信息' }),
    good: Type.Array(ReportRecordSchema, { description: '守信信息' }),
    bad: Type.Array(ReportRecordSchema, { description: '失信信息' }),
  }),
  listEntries: Type.Array(ReportListEntrySchema, { description: 'List entries in force / 在列名单' }),
  queries: Type.Array(ReportQuerySchema, { description: 'Who used or queried the information (Henan Art. 40) / 查询记录' }),
  rulesVersion: Type.String({ description: 'seed/report-rules.json version' }),
});
export type ReportContent = Static<typeof ReportContentSchema>;

/** A report as downloaded in JSON and embedded in its PDF: the content, its hash and signature. */
export const SignedReportSchema = Type.Object({
  format: Type.Literal(SIGNED_REPORT_FORMAT),
  algorithm: Type.String({ description: 'SM2 (GB/T 32918) over the SM3 digest of the RFC 8785 canonical content' }),
  content: ReportContentSchema,
  contentHash: Type.String({ description: 'SM3 of the canonical content, hex / 内容摘要' }),
  keyId: Type.String(),
  publicKey: Type.String({ description: 'The platform signing key (uncompressed, hex) / 平台签名公钥' }),
  signature: Type.String({ description: 'SM2 signature (DER, hex) of the canonical content / 签名' }),
});
export type SignedReport = Static<typeof SignedReportSchema>;

export const IssueBodySchema = Type.Object(
  {
    subjectCode: Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code of the person present / 公民身份号码' }),
    type: Type.Optional(Type.Enum(REPORT_TYPES, { default: 'personal', description: 'personal | professional / 报告类型' })),
    profession: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Key profession code (professional reports) / 重点职业代码' })),
    format: Type.Optional(Type.Enum(REPORT_FORMATS, { default: 'pdf', description: 'json | html | pdf / 格式' })),
    purpose: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Why it is issued (logged) / 用途' })),
  },
  { additionalProperties: false },
);
export type IssueBody = Static<typeof IssueBodySchema>;

export const OwnReportQuerySchema = Type.Object(
  {
    type: Type.Optional(Type.Enum(REPORT_TYPES, { default: 'personal' })),
    profession: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    format: Type.Optional(Type.Enum(REPORT_FORMATS, { default: 'pdf' })),
  },
  { additionalProperties: false },
);

export const VerifyCodeBodySchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 64, description: 'Report number / 报告编号' }),
    code: Type.String({ minLength: 1, maxLength: 32, description: 'Verification code / 验证码' }),
  },
  { additionalProperties: false },
);

export const VERIFY_FAILURES = ['unknown_report', 'code_mismatch', 'not_a_report', 'signature_invalid', 'pdf_signature_invalid', 'not_issued_here', 'unknown_key'] as const;
export type VerifyFailure = (typeof VERIFY_FAILURES)[number];

export const VerifyReplySchema = Type.Object({
  valid: Type.Boolean({ description: 'Authentic and unchanged / 真实有效' }),
  reason: Nullable(Type.Enum(VERIFY_FAILURES), 'Why not / 原因'),
  number: Nullable(Type.String(), 'Report number / 报告编号'),
  type: Nullable(Type.Enum(ALL_REPORT_TYPES), 'Report type / 报告类型'),
  issuedAt: Nullable(Type.String(), 'ISO 8601 instant / 出具时间'),
  subjectNameMasked: Nullable(Type.String(), 'Masked name / 姓名（脱敏）'),
  subjectCodeMasked: Nullable(Type.String(), 'Masked citizen code / 身份号码（脱敏）'),
});
export type VerifyReply = Static<typeof VerifyReplySchema>;
