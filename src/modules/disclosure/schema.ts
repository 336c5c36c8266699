import { Type, type Static } from 'typebox';

/** The public portal (issue 6): the HTTP contract of the disclosure module, shared with the web app. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });
const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Bilingual = Type.Object({ zh: Type.String({ description: 'Chinese / 中文' }), en: Type.String({ description: 'English / 英文' }) });

// --- Public search ----------------------------------------------------------------------------

export const SearchQuerySchema = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 100, description: 'Full citizen code, full unified social credit code, or a name / 完整的公民身份号码、统一社会信用代码或名称' }) },
  { additionalProperties: false },
);

export const RESULT_KINDS = ['serious_dishonesty', 'red', 'record'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const PublicResultSchema = Type.Object({
  kind: Type.Enum(RESULT_KINDS, { description: 'serious_dishonesty 严重失信主体名单 | red 红名单 | record 公示的信用记录' }),
  subjectType: Type.Enum(['person', 'organization'], { description: 'Subject type / 主体类型' }),
  subjectName: Type.String({ description: 'Name; a person’s masked (张*) / 名称（自然人脱敏）' }),
  subjectCode: Type.String({ description: 'Masked citizen code, or the public org code / 代码（自然人脱敏）' }),
  category: Nullable(Type.String(), 'Record: basic | good | bad; list: its category / 信息性质或名单类别'),
  categoryName: Nullable(Bilingual, 'List category name / 名单类别名称'),
  severity: Nullable(Type.String(), 'minor | ordinary | serious / 严重程度'),
  decision: Type.Object({
    itemCode: Nullable(Type.String(), 'Catalog item of the record / 信息项代码'),
    itemName: Type.String({ description: 'Catalog item name, or the list’s name / 信息项或名单名称' }),
    documentNumbers: Type.Array(Type.String(), { description: 'Decision document numbers (文书号) / 决定文书号' }),
    decisionDate: Nullable(Type.String(), 'Decision date / 决定日期'),
    department: Type.String({ description: 'Deciding or listing department / 决定（认定）部门' }),
  }),
  basis: Type.String({ description: 'Legal basis / 依据' }),
  reason: Nullable(Type.String(), 'Reasons given by the listing department / 认定理由'),
  period: Type.Object({ from: Day('First day published / 公示起始日'), until: Nullable(Type.String(), 'Last day published; null = long-term / 公示截止日（空为长期）') }),
});
export type PublicResult = Static<typeof PublicResultSchema>;

export const SearchReplySchema = Type.Object({
  queryKind: Type.Enum(['citizen_code', 'org_code', 'name'], { description: 'How the query was read / 查询方式' }),
  asOf: Day('The day the windows were computed for / 计算日期'),
  items: Type.Array(PublicResultSchema),
});
export type SearchReply = Static<typeof SearchReplySchema>;

// --- Suspensions ------------------------------------------------------------------------------

// revocation: the decision a record rests on was revoked by reconsideration or a court (Henan Art. 42);
// challenge: while a reconsideration or litigation is pending, where the challenges rules say so.
export const SUSPENSION_REASONS = ['objection', 'repair', 'correction', 'revocation', 'challenge', 'other'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
export const TARGET_KINDS = ['record', 'entry'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface DisclosureTarget {
  /** record = credit_records.id; entry = list_entries.id */
  kind: TargetKind;
  id: string;
}

export interface Suspension {
  id: string;
  target: DisclosureTarget;
  reason: SuspensionReason;
  note: string;
  fromOn: string;
  untilOn: string | null;
  createdBy: string | null;
  createdAt: string;
  liftedAt: string | null;
  liftedOn: string | null;
  liftedBy: string | null;
  liftNote: string | null;
}

// --- Typical cases ----------------------------------------------------------------------------

export const CASE_KINDS = ['dishonesty', 'integrity'] as const;
export const CASE_STATUSES = ['draft', 'in_review', 'published'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CaseContentSchema = Type.Object(
  {
    kind: Type.Enum(CASE_KINDS, { description: 'dishonesty 失信典型案例 | integrity 守信典型案例' }),
    title: Type.String({ minLength: 2, maxLength: 200, description: 'Title / 标题' }),
    summary: Type.String({ minLength: 2, maxLength: 500, description: 'One-paragraph summary / 摘要' }),
    body: Type.String({ minLength: 2, maxLength: 20000, description: 'Full text; persons named only masked / 正文（自然人姓名须脱敏）' }),
    keyDomain: Nullable(Type.String({ maxLength: 20 }), 'One of the 16 key domains / 重点领域'),
    basis: Nullable(Type.String({ maxLength: 1000 }), 'Legal basis of the decision described / 依据'),
  },
  { additionalProperties: false },
);
export type CaseContent = Static<typeof CaseContentSchema>;

export const CreateCaseBodySchema = Type.Object({ content: CaseContentSchema }, { additionalProperties: false });
export const UpdateCaseBodySchema = Type.Object(
  {
    content: CaseContentSchema,
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why it changed / 修改原因' }),
    expectedVersion: Type.Integer({ minimum: 1, description: 'The version the edit started from / 编辑所基于的版本' }),
  },
  { additionalProperties: false },
);
export const SubmitCaseBodySchema = Type.Object({ expectedVersion: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const ReviewCaseBodySchema = Type.Object(
  {
    outcome: Type.Enum(['publish', 'return'], { description: 'publish 发布 | return 退回修改' }),
    note: Type.String({ minLength: 1, maxLength: 1000, description: 'Reviewer’s note / 复核意见' }),
    expectedVersion: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const TypicalCaseSchema = Type.Object({
  id: Type.String(),
  status: Type.Enum(CASE_STATUSES, { description: 'draft 草稿 | in_review 待复核 | published 已发布' }),
  ...CaseContentSchema.properties,
  departmentId: Nullable(Type.String(), 'Author’s department / 起草部门'),
  departmentName: Type.String({ description: 'Department name, or the platform / 起草单位' }),
  version: Type.Integer(),
  publishedVersion: Nullable(Type.Integer(), 'The version the public sees / 公开的版本'),
  publishedOn: Nullable(Type.String(), 'First published on / 发布日期'),
  updatedAt: Type.String(),
});
export type TypicalCase = Static<typeof TypicalCaseSchema>;

export const CaseDetailSchema = Type.Object({
  case: TypicalCaseSchema,
  versions: Type.Array(Type.Object({ version: Type.Integer(), content: CaseContentSchema, changedBy: Type.String(), changedAt: Type.String(), reason: Type.String() })),
  events: Type.Array(
    Type.Object({ action: Type.String(), fromStatus: Nullable(Type.String(), ''), toStatus: Type.String(), version: Type.Integer(), actorUserId: Type.String(), at: Type.String(), note: Nullable(Type.String(), '') }),
  ),
});
export type CaseDetail = Static<typeof CaseDetailSchema>;

export const PublicCaseSchema = Type.Object({
  id: Type.String(),
  ...CaseContentSchema.properties,
  departmentName: Type.String(),
  publishedOn: Type.String(),
  version: Type.Integer({ description: 'Published version / 发布版本' }),
});
export type PublicCase = Static<typeof PublicCaseSchema>;

export const PageQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })), status: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);

// --- Tips (举报) ------------------------------------------------------------------------------

export const AttachmentInputSchema = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200, description: 'File name as uploaded / 文件名' }),
    contentBase64: Type.String({ minLength: 1, description: 'File content, base64 (PDF, JPEG or PNG) / 文件内容（Base64）' }),
  },
  { additionalProperties: false },
);

export const TipBodySchema = Type.Object(
  {
    reporterName: Type.Optional(Type.String({ maxLength: 50, description: 'Optional / 举报人姓名（可不填）' })),
    reporterContact: Type.Optional(Type.String({ maxLength: 100, description: 'Optional phone or e-mail / 联系方式（可不填）' })),
    subject: Type.String({ minLength: 2, maxLength: 200, description: 'Whom the tip is about / 被举报对象' }),
    description: Type.String({ minLength: 5, maxLength: 5000, description: 'What happened / 举报内容' }),
    departmentId: Type.Optional(Type.String({ maxLength: 64, description: 'Responsible department chosen by the reporter / 受理部门' })),
    itemCode: Type.Optional(Type.String({ maxLength: 32, description: 'Or the kind of information: routed to its source department / 或信息项（按来源单位分派）' })),
    attachments: Type.Optional(Type.Array(AttachmentInputSchema, { description: 'At most 5 files of at most 10 MB / 附件' })),
  },
  { additionalProperties: false },
);
export type TipBody = Static<typeof TipBodySchema>;

export const TipReceiptSchema = Type.Object({
  number: Type.String({ description: 'Tracking number / 受理编号' }),
  code: Type.String({ description: 'Secret lookup code, shown only now / 查询码（仅显示一次）' }),
  departmentName: Type.String({ description: 'Responsible department / 受理部门' }),
});

export const TipLookupBodySchema = Type.Object(
  { number: Type.String({ minLength: 1, maxLength: 40 }), code: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const TIP_STATUSES = ['received', 'answered'] as const;
export const TipStatusSchema = Type.Object({
  number: Type.String(),
  status: Type.Enum(TIP_STATUSES, { description: 'received 已受理 | answered 已答复' }),
  departmentName: Type.String(),
  subject: Type.String(),
  receivedOn: Type.String(),
  answer: Nullable(Type.String(), 'The department’s answer / 部门答复'),
  answeredAt: Nullable(Type.String(), 'Answered at / 答复时间'),
});
export type TipStatus = Static<typeof TipStatusSchema>;

export const TipSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.Enum(TIP_STATUSES),
  reporterName: Nullable(Type.String(), 'As given, or null / 举报人'),
  reporterContact: Nullable(Type.String(), 'As given, or null / 联系方式'),
  subject: Type.String(),
  description: Type.String(),
  itemCode: Nullable(Type.String(), ''),
  departmentId: Type.String(),
  departmentName: Type.String(),
  answer: Nullable(Type.String(), ''),
  answeredAt: Nullable(Type.String(), ''),
  receivedAt: Type.String(),
  version: Type.Integer(),
  attachments: Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), bytes: Type.Integer() })),
});
export type Tip = Static<typeof TipSchema>;

export const AnswerTipBodySchema = Type.Object(
  { answer: Type.String({ minLength: 2, maxLength: 5000, description: 'Answer to the reporter / 答复' }), expectedVersion: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const IdParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
