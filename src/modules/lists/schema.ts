import { Type, type Static } from 'typebox';
import { LIST_KINDS, WATCH_CATEGORIES } from './standing.ts';

/** Lists (issue 5): the HTTP contract of the lists module, shared with the web app. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

const Bilingual = Type.Object({ zh: Type.String({ description: 'Chinese / 中文' }), en: Type.String({ description: 'English / 英文' }) });

export const ENTRY_STATUSES = ['announced', 'notified', 'proposed', 'listed', 'withdrawn', 'removed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const REMOVAL_REASONS = ['expiry', 'repair', 'correction', 'revocation'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const NOTICE_KINDS = ['prior_notice', 'announcement', 'listing', 'exit'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** person: to the subject only; public: the portal; government: 政务共享 (departments) */
export const NOTICE_CHANNELS = ['person', 'public', 'government'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const STATEMENT_KINDS = ['defence', 'review'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

const ListKindSchema = Type.Enum(LIST_KINDS, { description: 'red 红名单 | serious_dishonesty 严重失信主体名单 | watch 重点监管对象' });
const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const EntryRecordSchema = Type.Object({
  recordId: Type.String({ description: 'Credit record id / 信用记录标识' }),
  itemCode: Type.String({ description: 'Catalog item / 信息项代码' }),
  severity: Nullable(Type.String(), 'minor | ordinary | serious / 严重程度'),
  decisionDate: Nullable(Type.String(), 'Decision date / 决定日期'),
});

export const ListEntrySchema = Type.Object({
  id: Type.String({ description: 'Entry id / 名单条目标识' }),
  list: ListKindSchema,
  subjectType: Type.Enum(['person', 'organization'], { description: 'Subject type / 主体类型' }),
  subjectId: Type.String({ description: 'persons.id or organizations.id / 主体标识' }),
  subjectName: Type.String({ description: 'Name, a person’s masked (张*) / 主体名称（自然人脱敏）' }),
  subjectCodeMasked: Type.String({ description: 'Masked citizen code or the public org code / 主体代码（脱敏）' }),
  category: Nullable(Type.String(), 'Red: honour item or case kind; serious: dishonesty category; watch: one of the six / 类别'),
  categoryName: Nullable(Bilingual, 'Category name / 类别名称'),
  severity: Nullable(Type.String(), 'Highest severity of its records / 严重程度'),
  status: Type.Enum(ENTRY_STATUSES, { description: 'announced 公示中 | notified 已告知 | proposed 待认定 | listed 已列入 | withdrawn 已撤回 | removed 已移出' }),
  inForce: Type.Boolean({ description: 'Listed and not past its last day, today / 当前有效' }),
  basis: Type.String({ description: 'Legal basis / 认定依据' }),
  reason: Type.String({ description: 'Reasons / 认定理由' }),
  sourceText: Nullable(Type.String(), 'Where a media or credit-agency case was found / 案例来源'),
  measures: Nullable(Type.String(), 'Measures stated in the prior notice / 拟采取的惩戒措施'),
  departmentId: Type.String({ description: 'Listing department / 认定部门' }),
  departmentName: Type.String({ description: 'Department name / 认定部门名称' }),
  validityMonths: Type.Integer({ description: 'Validity once listed, in months / 有效期（月）' }),
  proposedOn: Day('Proposed on / 提出日期'),
  notifiedOn: Nullable(Type.String(), 'Prior written notice sent on / 书面告知日期'),
  defenceUntil: Nullable(Type.String(), 'Last day to state a defence or ask for review / 陈述申辩截止日'),
  announcedOn: Nullable(Type.String(), 'Public announcement from / 公示开始日'),
  announcementUntil: Nullable(Type.String(), 'Last day of the announcement / 公示截止日'),
  decidedOn: Nullable(Type.String(), 'Decided on / 认定日期'),
  listedOn: Nullable(Type.String(), 'First day in force / 列入日期'),
  endsOn: Nullable(Type.String(), 'Last day in force / 有效期至'),
  removedOn: Nullable(Type.String(), 'Left the list (or was withdrawn) on / 移出日期'),
  removalReason: Nullable(Type.String(), 'expiry | repair | correction | revocation | withdrawn / 移出原因'),
  records: Type.Array(EntryRecordSchema, { description: 'The records it rests on / 依据的信用记录' }),
  version: Type.Integer({ description: 'Send back with a decision: a concurrent change is refused / 版本' }),
  updatedAt: Type.String({ description: 'ISO 8601 instant / 更新时间' }),
});
export type ListEntry = Static<typeof ListEntrySchema>;

export const EntryEventSchema = Type.Object({
  action: Type.String({ description: 'propose | defence | review_request | list | withdraw | remove / 操作' }),
  fromStatus: Nullable(Type.String(), 'Status before / 原状态'),
  toStatus: Type.String({ description: 'Status after / 新状态' }),
  at: Type.String({ description: 'ISO 8601 instant / 时间' }),
  actorUserId: Nullable(Type.String(), 'Who (null for the platform’s jobs) / 操作人'),
  actorRole: Nullable(Type.String(), 'Role / 角色'),
  note: Nullable(Type.String(), 'Why, or the statement’s text / 理由或陈述内容'),
});
export type EntryEvent = Static<typeof EntryEventSchema>;

export const NoticeSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  kind: Type.Enum(NOTICE_KINDS, { description: 'prior_notice 事前告知书 | announcement 公示 | listing 列入公告 | exit 退出公告' }),
  channel: Type.Enum(NOTICE_CHANNELS, { description: 'person 本人 | public 公开 | government 政务共享' }),
  title: Bilingual,
  body: Bilingual,
  publishedAt: Type.String({ description: 'ISO 8601 instant / 发布时间' }),
  until: Nullable(Type.String(), 'Announcement: last day / 公示截止日'),
});
export type Notice = Static<typeof NoticeSchema>;

export const EntryDetailSchema = Type.Object({
  entry: ListEntrySchema,
  events: Type.Array(EntryEventSchema, { description: 'Every state change / 全部状态变更' }),
  notices: Type.Array(NoticeSchema, { description: 'Notices about the entry / 相关告知与公告' }),
});
export type EntryDetail = Static<typeof EntryDetailSchema>;

export const EntryPageSchema = Type.Object({ items: Type.Array(ListEntrySchema), total: Type.Integer() });

export const ProposeBodySchema = Type.Object(
  {
    list: ListKindSchema,
    subjectCode: Type.String({ minLength: 15, maxLength: 18, description: 'Citizen code or org code / 公民身份号码或统一社会信用代码' }),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Serious: dishonesty category; watch: one of the six; red cases: media | credit_agency / 类别' })),
    recordIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true, description: 'The subject’s records the entry rests on / 依据的信用记录' }),
    basis: Type.String({ minLength: 2, maxLength: 2000, description: 'Legal basis (law, regulation or central policy document) / 认定依据' }),
    reason: Type.String({ minLength: 2, maxLength: 4000, description: 'Reasons / 认定理由' }),
    sourceText: Type.Optional(Type.String({ minLength: 2, maxLength: 4000, description: 'Red cases: where the media or credit agency found it / 案例来源' })),
    measures: Type.Optional(Type.String({ minLength: 2, maxLength: 4000, description: 'Serious: the measures to be applied (stated in the prior notice) / 拟采取的惩戒措施' })),
    validityMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, description: 'Validity once listed (default and bounds per list in the rule file) / 有效期（月）' })),
  },
  { additionalProperties: false },
);
export type ProposeBody = Static<typeof ProposeBodySchema>;

export const DecisionBodySchema = Type.Object(
  {
    outcome: Type.Enum(['list', 'withdraw'], { description: 'list 认定列入 | withdraw 撤回 / 决定' }),
    note: Type.String({ minLength: 2, maxLength: 4000, description: 'Why; answers any defence or review request / 理由（答复陈述申辩、复核申请）' }),
    version: Type.Integer({ minimum: 1, description: 'The version the reviewer saw / 所见版本' }),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBodySchema>;

export const RemovalBodySchema = Type.Object(
  {
    reason: Type.Enum(['repair', 'correction', 'revocation'], { description: 'repair 信用修复 | correction 纠错 | revocation 决定撤销 / 移出原因' }),
    note: Type.String({ minLength: 2, maxLength: 4000, description: 'Why / 说明' }),
    version: Type.Integer({ minimum: 1, description: 'The version the reviewer saw / 所见版本' }),
  },
  { additionalProperties: false },
);
export type RemovalBody = Static<typeof RemovalBodySchema>;

export const StatementBodySchema = Type.Object(
  {
    kind: Type.Enum(STATEMENT_KINDS, { description: 'defence 陈述申辩 | review 申请复核 / 类型' }),
    text: Type.String({ minLength: 2, maxLength: 4000, description: 'What the person says / 陈述内容' }),
  },
  { additionalProperties: false },
);
export type StatementBody = Static<typeof StatementBodySchema>;

export const EntryQuerySchema = Type.Object(
  {
    list: Type.Optional(ListKindSchema),
    status: Type.Optional(Type.Enum(ENTRY_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const CandidateQuerySchema = Type.Object(
  {
    list: ListKindSchema,
    subjectCode: Type.String({ minLength: 15, maxLength: 18, description: 'Citizen code or org code / 主体代码' }),
  },
  { additionalProperties: false },
);

export const CandidateRecordSchema = Type.Object({
  recordId: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  severity: Nullable(Type.String(), 'minor | ordinary | serious'),
  decisionDate: Nullable(Type.String(), 'Decision date / 决定日期'),
  /** Why the record cannot be cited for this list (a `lists.*` code), or null when it can */
  refusal: Nullable(Type.String(), 'Why it cannot be cited for this list, or null / 不能作为依据的原因'),
});

export const CandidatesSchema = Type.Object({
  subject: Type.Object({ type: Type.Enum(['person', 'organization']), id: Type.String(), name: Type.String(), codeMasked: Type.String() }),
  records: Type.Array(CandidateRecordSchema),
});
export type Candidates = Static<typeof CandidatesSchema>;

export const ListOptionsSchema = Type.Object({
  seriousCategories: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })),
  watchCategories: Type.Array(Type.Object({ code: Type.Enum(WATCH_CATEGORIES), zh: Type.String(), en: Type.String() })),
  redCases: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })),
  validity: Type.Record(Type.String(), Type.Object({ defaultMonths: Type.Integer(), minMonths: Type.Integer(), maxMonths: Type.Integer() })),
  defenceWorkingDays: Type.Integer(),
  redAnnouncementWorkingDays: Type.Integer(),
});
export type ListOptions = Static<typeof ListOptionsSchema>;

export const PublicNoticeSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['announcement', 'exit'], { description: 'announcement 红名单拟列入公示 | exit 名单退出公告' }),
  list: ListKindSchema,
  subjectName: Type.String({ description: 'Name, a person’s masked / 主体名称（自然人脱敏）' }),
  subjectCodeMasked: Type.String({ description: 'Masked citizen code or the public org code / 主体代码（脱敏）' }),
  title: Bilingual,
  body: Bilingual,
  publishedAt: Type.String(),
  until: Nullable(Type.String(), 'Announcement: last day / 公示截止日'),
});
export const PublicNoticePageSchema = Type.Object({ items: Type.Array(PublicNoticeSchema), total: Type.Integer() });
