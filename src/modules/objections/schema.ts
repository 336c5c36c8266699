import { Type, type Static } from 'typebox';

export const OBJECTION_KINDS = ['objection', 'correction'] as const;
export const TARGET_KINDS = ['record', 'entry'] as const;
/** not_accepted 不予受理: closed without ruling on the item (e.g. the agent's power of attorney does not hold); the item stands. */
export const OUTCOMES = ['upheld', 'corrected', 'revoked', 'not_accepted'] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];
export type Outcome = (typeof OUTCOMES)[number];

export const TargetSchema = Type.Object(
  {
    kind: Type.Enum(TARGET_KINDS, { description: 'record 信用记录 (credit_records.id) | entry 名单条目 (list_entries.id)' }),
    id: Type.String({ minLength: 1, maxLength: 64, description: 'Record or entry id / 记录或条目标识' }),
  },
  { additionalProperties: false },
);
export type Target = Static<typeof TargetSchema>;

/** A file handed in as base64 (PDF, JPEG or PNG, judged by its content). */
export const EvidenceFileInputSchema = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200, description: 'File name as uploaded / 文件名' }),
    contentBase64: Type.String({ minLength: 1, description: 'File content, base64 (PDF, JPEG or PNG) / 文件内容（Base64）' }),
  },
  { additionalProperties: false },
);
const EvidenceSchema = Type.Optional(
  Type.Array(EvidenceFileInputSchema, { description: 'Evidence files (Art. 41 相关证明材料), at most 5 of at most 10 MB; a bad one is a 400 at `evidence[i]` / 证明材料' }),
);

export const FileBodySchema = Type.Object(
  {
    target: TargetSchema,
    reasons: Type.String({ minLength: 1, maxLength: 5000, description: 'Reasons / 异议理由' }),
    evidence: EvidenceSchema,
  },
  { additionalProperties: false },
);
export type FileBody = Static<typeof FileBodySchema>;

/**
 * A line of one of the applicant's issued credit reports (queries module): a record line by its
 * catalog item and the department's document number, or a list-entry line by its list and listing day.
 */
export const ReportLineSchema = Type.Union([
  Type.Object(
    {
      section: Type.Literal('record', { description: 'A record line / 信用记录' }),
      itemCode: Type.String({ minLength: 1, maxLength: 32, description: 'Catalog item of the line / 信息项代码' }),
      sourceRecordId: Type.String({ minLength: 1, maxLength: 200, description: 'The line’s 文书号 / 文书号' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      section: Type.Literal('entry', { description: 'A list-entry line / 名单条目' }),
      list: Type.Enum(['red', 'serious_dishonesty', 'watch']),
      listedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD / 列入日期' }),
    },
    { additionalProperties: false },
  ),
]);
export type ReportLine = Static<typeof ReportLineSchema>;

export const ReportLineTargetSchema = Type.Object(
  {
    kind: Type.Literal('report_line', { description: 'A line of my credit report / 信用报告中的一项' }),
    reportNumber: Type.String({ minLength: 1, maxLength: 64, description: 'Report number / 报告编号' }),
    line: ReportLineSchema,
  },
  { additionalProperties: false },
);
export type ReportLineTarget = Static<typeof ReportLineTargetSchema>;

/** The principal an agent files for (委托代理人): checked against the identity register. */
export const PrincipalSchema = Type.Object(
  {
    citizenCode: Type.String({ minLength: 1, maxLength: 32, description: 'The principal’s citizen code / 委托人公民身份号码' }),
    name: Type.String({ minLength: 1, maxLength: 50, description: 'The principal’s name / 委托人姓名' }),
  },
  { additionalProperties: false },
);

/** A citizen's objection: on an own record, entry or report line — or, as an agent, on the principal's. */
export const OwnFileBodySchema = Type.Object(
  {
    target: Type.Union([TargetSchema, ReportLineTargetSchema]),
    reasons: Type.String({ minLength: 1, maxLength: 5000, description: 'Reasons / 异议理由' }),
    evidence: EvidenceSchema,
    principal: Type.Optional(PrincipalSchema),
    powerOfAttorney: Type.Optional(
      Type.Object(EvidenceFileInputSchema.properties, { additionalProperties: false, description: 'Required with `principal`: the signed power of attorney (授权委托书) / 授权委托书' }),
    ),
  },
  { additionalProperties: false },
);
export type OwnFileBody = Static<typeof OwnFileBodySchema>;

export const DecideBodySchema = Type.Object(
  {
    outcome: Type.Enum(OUTCOMES, { description: 'upheld 维持 | corrected 更正（新版本） | revoked 撤销 | not_accepted 不予受理（如委托无效）' }),
    note: Type.String({ minLength: 1, maxLength: 5000, description: 'Reasons given to the applicant / 处理理由' }),
    changes: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.String({ maxLength: 2000 }), { description: 'corrected: field → right value / 更正字段' }),
    ),
    version: Type.Integer({ minimum: 1, description: 'The version read (concurrency) / 读取时的版本' }),
  },
  { additionalProperties: false },
);
export type DecideBody = Static<typeof DecideBodySchema>;

export const EventSchema = Type.Object({
  action: Type.String({ description: 'file 提出 | open 立案 | decide 处理 | escalate 逾期督办' }),
  note: Type.String(),
  at: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
});

export const OBJECTION_FILE_PURPOSES = ['evidence', 'power_of_attorney'] as const;
export type ObjectionFilePurpose = (typeof OBJECTION_FILE_PURPOSES)[number];

export const ObjectionFileSchema = Type.Object({
  id: Type.String(),
  purpose: Type.Enum(OBJECTION_FILE_PURPOSES, { description: 'evidence 证明材料 | power_of_attorney 授权委托书' }),
  fileName: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  addedAt: Type.String(),
});
export type ObjectionFile = Static<typeof ObjectionFileSchema>;

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(OBJECTION_KINDS, { description: 'objection 异议 | correction 主动纠错' }),
  target: TargetSchema,
  subjectKind: Type.Enum(['person', 'organization']),
  subjectId: Type.String(),
  departmentId: Type.String({ description: 'Source department it is routed to / 信息提供单位' }),
  departmentName: Type.String(),
  reasons: Type.String(),
  status: Type.Enum(['pending', 'decided'], { description: 'pending 异议处理中 | decided 已处理' }),
  filedOn: Type.String(),
  providerDueOn: Type.String({ description: 'Source department answers by / 提供单位核实回复期限' }),
  dueOn: Type.String({ description: 'Decision due / 答复期限' }),
  overdue: Type.Boolean({ description: 'Pending past its due date / 已逾期' }),
  disclosureSuspended: Type.Boolean({ description: 'Withdrawn from public disclosure while pending / 处理期间暂停公示' }),
  outcome: Type.Union([Type.Enum(OUTCOMES), Type.Null()]),
  outcomeNote: Type.Union([Type.String(), Type.Null()]),
  decidedOn: Type.Union([Type.String(), Type.Null()]),
  correctedVersion: Type.Union([Type.Integer(), Type.Null()]),
  wrongVersion: Type.Union([Type.Integer(), Type.Null()]),
  wrongDepartmentId: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  events: Type.Array(EventSchema),
  files: Type.Array(ObjectionFileSchema, { description: 'Evidence and power of attorney / 证明材料与授权委托书' }),
  agent: Type.Union([Type.Object({ personId: Type.String(), name: Type.String() }), Type.Null()], { description: 'Filed by an agent for the subject / 委托代理人' }),
  filedAsAgent: Type.Boolean({ description: 'In “my objections”: I filed it as the subject’s agent / 本人作为代理人提出' }),
  principalName: Type.Union([Type.String(), Type.Null()], { description: 'With `filedAsAgent`: the principal’s masked name / 委托人（脱敏）' }),
  reportNumber: Type.Union([Type.String(), Type.Null()], { description: 'Raised from this credit report / 来源信用报告编号' }),
});
export type Objection = Static<typeof ObjectionSchema>;

export const ObjectionListSchema = Type.Object({ items: Type.Array(ObjectionSchema) });

export const DepartmentErrorStatsSchema = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  received: Type.Integer({ description: 'Cases routed to it / 受理' }),
  pending: Type.Integer(),
  overdue: Type.Integer(),
  upheld: Type.Integer(),
  corrected: Type.Integer(),
  revoked: Type.Integer(),
  notAccepted: Type.Integer({ description: 'Closed without a ruling / 不予受理' }),
  errors: Type.Integer({ description: 'Wrong information it recorded (corrected or revoked) / 错误信息（政策（四）9）' }),
});
export type DepartmentErrorStats = Static<typeof DepartmentErrorStatsSchema>;
export const StatsSchema = Type.Object({ departments: Type.Array(DepartmentErrorStatsSchema) });
