import { Type, type Static } from 'typebox';

/**
 * Joint reward and punishment (联合奖惩): memoranda, their measures, the check business systems ask
 * before acting, and the feedback they give. A measure states the five elements of
 * 《河南省社会信用条例》Art. 29: 具体事项 `matter`, 实施对象 `target`, 实施手段 `means`,
 * 实施主体 `implementingDepartment`, 实施依据 `legalBasis`.
 */

export const MEASURE_KINDS = ['reward', 'punishment'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/**
 * 国办发〔2020〕49号 and Henan Art. 31–34: `basic` measures apply to any dishonesty, `listed` ones
 * only to the serious-dishonesty list (or serious records), `incentive` to the trustworthy.
 */
export const SEVERITY_FITS = ['basic', 'listed', 'incentive'] as const;
export type SeverityFit = (typeof SEVERITY_FITS)[number];

export const MEMORANDUM_KINDS = ['memorandum', 'framework', 'local'] as const;

const SEVERITY = Type.Enum(['minor', 'ordinary', 'serious'] as const);
const Code = (description: string) => Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$', description });
const Text = (description: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, description });

export const ListTriggerSchema = Type.Object(
  {
    type: Type.Literal('list'),
    list: Type.Enum(['red', 'serious_dishonesty', 'watch'] as const, { description: 'The list the subject is on / 名单' }),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, description: 'Only entries of these categories / 名单类别' })),
    itemCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 50, description: 'Only entries resting on records of these catalog items / 依据的目录信息项' })),
  },
  { additionalProperties: false },
);
export const RecordTriggerSchema = Type.Object(
  {
    type: Type.Literal('record'),
    itemCodes: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { minItems: 1, maxItems: 50, description: 'Catalog items / 目录信息项' }),
    minSeverity: Type.Enum(['minor', 'ordinary', 'serious'] as const, { description: 'Lowest severity that triggers / 最低严重程度' }),
  },
  { additionalProperties: false },
);
export const CleanTriggerSchema = Type.Object({ type: Type.Literal('clean_for_years') }, { additionalProperties: false, description: 'No bad record for 3+ years (policy (三)5) / 连续三年以上无不良记录' });
export const TriggerSchema = Type.Union([ListTriggerSchema, RecordTriggerSchema, CleanTriggerSchema]);
export type Trigger = Static<typeof TriggerSchema>;
export type ListTrigger = Static<typeof ListTriggerSchema>;
export type RecordTrigger = Static<typeof RecordTriggerSchema>;

export const MeasureTargetSchema = Type.Object(
  {
    subjectTypes: Type.Array(Type.Enum(['person', 'organization'] as const), { minItems: 1, maxItems: 2, description: 'Who the measure is aimed at / 实施对象' }),
    reachesResponsiblePersons: Type.Boolean({ description: 'Also a listed organization’s legal representative and responsible persons (Henan Art. 35) / 落实到人' }),
  },
  { additionalProperties: false },
);

export const DepartmentRefSchema = Type.Object(
  {
    name: Text('Implementing department as readers know it / 实施主体', 200),
    orgCode: Type.Union([Type.String({ minLength: 18, maxLength: 18 }), Type.Null()], { description: 'Its unified social credit code when it is a registered department; null when none here / 统一社会信用代码' }),
  },
  { additionalProperties: false },
);

const measureProperties = {
  memorandumCode: Code('The memorandum it belongs to / 所属备忘录'),
  kind: Type.Enum(MEASURE_KINDS, { description: 'reward | punishment / 激励或惩戒' }),
  severityFit: Type.Enum(SEVERITY_FITS, { description: 'basic | listed | incentive (国办发〔2020〕49号) / 适用的失信程度' }),
  name: Text('Short name / 措施名称', 200),
  matter: Text('具体事项 (Henan Art. 29)'),
  means: Text('实施手段'),
  target: MeasureTargetSchema,
  implementingDepartment: DepartmentRefSchema,
  legalBasis: Text('实施依据'),
  scenarios: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50, description: 'Business scenarios it applies in / 适用业务场景' }),
  triggers: Type.Array(TriggerSchema, { minItems: 1, maxItems: 20, description: 'Any one of these triggers it / 触发条件（满足其一）' }),
  guidance: Text('What the counter does / 办理提示'),
  active: Type.Boolean({ description: 'In use / 是否启用' }),
};

export const MeasureInputSchema = Type.Object({ code: Code('Measure code / 措施代码'), ...measureProperties }, { additionalProperties: false });
export type MeasureInput = Static<typeof MeasureInputSchema>;
export const MeasureReplacementSchema = Type.Object(measureProperties, { additionalProperties: false });

const memorandumProperties = {
  name: Text('Name / 名称', 300),
  documentNumber: Text('Document number, e.g. 发改财金〔2016〕141号 / 文号', 100),
  issuedOn: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()], { description: 'YYYY-MM-DD, null when not verified / 签署日期' }),
  kind: Type.Enum(MEMORANDUM_KINDS, { description: 'memorandum | framework | local / 类型' }),
  signingDepartments: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: 'Signing departments / 签署部门' }),
  sources: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20, description: 'Where the text was read; (verify) marks what was not / 来源' }),
  notes: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50, description: 'Notes / 备注' }),
  active: Type.Boolean({ description: 'In use / 是否启用' }),
};
export const MemorandumInputSchema = Type.Object({ code: Code('Memorandum code / 备忘录代码'), ...memorandumProperties }, { additionalProperties: false });
export type MemorandumInput = Static<typeof MemorandumInputSchema>;
export const MemorandumReplacementSchema = Type.Object(memorandumProperties, { additionalProperties: false });

const Stamp = {
  id: Type.String(),
  version: Type.Integer({ description: 'Current version / 当前版本' }),
  seedVersion: Type.Union([Type.String(), Type.Null()], { description: 'Seed file version that created it / 种子版本' }),
  updatedAt: Type.String({ description: 'ISO 8601 instant / 修改时间' }),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'User id of the last change / 最后修改人' }),
};
export const MeasureSchema = Type.Object({ ...MeasureInputSchema.properties, ...Stamp });
export type Measure = Static<typeof MeasureSchema>;
export const MemorandumSchema = Type.Object({ ...MemorandumInputSchema.properties, ...Stamp });
export type Memorandum = Static<typeof MemorandumSchema>;

export const DefinitionVersionSchema = Type.Object({
  version: Type.Integer(),
  changeKind: Type.Enum(['seed', 'create', 'update'] as const),
  definition: Type.Record(Type.String(), Type.Unknown(), { description: 'The whole definition after the change / 变更后的完整定义' }),
  changedBy: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.String(),
  reason: Type.String(),
});
export type DefinitionVersion = Static<typeof DefinitionVersionSchema>;

export const ScenarioSchema = Type.Object({ code: Type.String({ description: 'Scenario code / 场景代码' }), name: Type.String({ description: 'Name / 场景名称' }) });
export type Scenario = Static<typeof ScenarioSchema>;

const ReasonSchema = Type.String({ minLength: 2, maxLength: 1000, description: 'Why (recorded with the version) / 修改理由' });
const ExpectedVersion = Type.Integer({ minimum: 1, description: 'The version the change was made against / 修改所基于的版本' });
export const CreateMemorandumBodySchema = Type.Object({ memorandum: MemorandumInputSchema, reason: ReasonSchema }, { additionalProperties: false });
export const UpdateMemorandumBodySchema = Type.Object({ memorandum: MemorandumReplacementSchema, reason: ReasonSchema, expectedVersion: ExpectedVersion }, { additionalProperties: false });
export const CreateMeasureBodySchema = Type.Object({ measure: MeasureInputSchema, reason: ReasonSchema }, { additionalProperties: false });
export const UpdateMeasureBodySchema = Type.Object({ measure: MeasureReplacementSchema, reason: ReasonSchema, expectedVersion: ExpectedVersion }, { additionalProperties: false });

// ---------------------------------------------------------------------------------------------
// The check

export const CheckBodySchema = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code (GB 11643) or unified social credit code (GB 32100) / 公民身份号码或统一社会信用代码' }),
    scenario: Type.String({ minLength: 1, maxLength: 64, description: 'Scenario code from GET /api/v1/sanctions/scenarios / 业务场景代码' }),
  },
  { additionalProperties: false },
);

const ViaSchema = Type.Union([Type.Object({ organizationId: Type.String(), organizationName: Type.String(), role: Type.String() }), Type.Null()]);
export const HitTriggerSchema = Type.Union([
  Type.Object({
    type: Type.Literal('list'),
    entryId: Type.String(),
    list: Type.String({ description: 'red | serious_dishonesty | watch' }),
    category: Type.Union([Type.String(), Type.Null()]),
    itemCodes: Type.Array(Type.String()),
    severity: Type.Union([SEVERITY, Type.Null()]),
    basis: Type.String({ description: 'Legal basis of the listing / 列入依据' }),
    listedOn: Type.String(),
    endsOn: Type.Union([Type.String(), Type.Null()]),
    via: ViaSchema,
  }),
  Type.Object({
    type: Type.Literal('record'),
    recordId: Type.String(),
    itemCode: Type.String(),
    severity: Type.Union([SEVERITY, Type.Null()]),
    decisionDate: Type.String(),
    publishedUntil: Type.Union([Type.String(), Type.Null()], { description: 'Last day of the publication window, null when long-term / 公示截止日' }),
    linkRole: Type.Union([Type.String(), Type.Null()], { description: 'Set for a personal record derived from an organization’s / 责任人员角色' }),
  }),
  Type.Object({ type: Type.Literal('clean_for_years'), lastBadRecordOn: Type.Union([Type.String(), Type.Null()]) }),
]);
export type HitTrigger = Static<typeof HitTriggerSchema>;

export const HitSchema = Type.Object({
  kind: Type.Enum(MEASURE_KINDS),
  measure: Type.Object({
    code: Type.String(),
    name: Type.String(),
    matter: Type.String(),
    means: Type.String(),
    target: MeasureTargetSchema,
    implementingDepartment: DepartmentRefSchema,
    severityFit: Type.Enum(SEVERITY_FITS),
    guidance: Type.String({ description: 'What to do / 办理提示' }),
  }),
  memorandum: Type.Object({ code: Type.String(), name: Type.String(), documentNumber: Type.String() }),
  basis: Type.String({ description: 'The measure’s legal basis / 实施依据' }),
  trigger: HitTriggerSchema,
  triggers: Type.Array(HitTriggerSchema, { description: 'Every matching trigger, the first is `trigger` / 全部触发依据' }),
  appliesTo: Type.Object({
    subject: Type.Boolean({ description: 'The subject checked / 适用于被核查主体本身' }),
    responsiblePersons: Type.Array(Type.Object({ role: Type.String(), name: Type.String({ description: 'Masked / 脱敏姓名' }) }), {
      description: 'An organization’s legal representative and responsible persons the measure reaches (落实到人)',
    }),
  }),
});
export type Hit = Static<typeof HitSchema>;

export const CheckReplySchema = Type.Object({
  decisionId: Type.String({ description: 'Quote it in the feedback / 反馈时引用' }),
  subject: Type.Object({ type: Type.Enum(['person', 'organization'] as const), code: Type.String({ description: 'Masked for persons / 脱敏' }) }),
  scenario: ScenarioSchema,
  asOf: Type.String({ description: 'YYYY-MM-DD the check was made for' }),
  hits: Type.Array(HitSchema),
});
export type CheckReply = Static<typeof CheckReplySchema>;

export const FeedbackBodySchema = Type.Object(
  {
    decisionId: Type.String({ minLength: 1, maxLength: 64, description: 'From the check / 核查编号' }),
    measuresApplied: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'Codes of the hit measures that were applied / 已实施的措施代码' }),
    outcome: Text('What the business system did / 办理结果', 1000),
  },
  { additionalProperties: false },
);
export const FeedbackReplySchema = Type.Object({ feedbackId: Type.String(), decisionId: Type.String(), measuresApplied: Type.Array(Type.String()), recordedAt: Type.String() });

// ---------------------------------------------------------------------------------------------
// Workflow

export const TASK_STATUSES = ['initiated', 'acknowledged', 'applied', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TaskSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String({ description: 'The list entry that initiated it / 发起的名单条目' }),
  list: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  subjectType: Type.Enum(['person', 'organization'] as const),
  subjectLabel: Type.String({ description: 'Masked name / 主体（脱敏）' }),
  departmentId: Type.String(),
  departmentName: Type.String(),
  measures: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.Enum(MEASURE_KINDS), memorandumCode: Type.String() })),
  status: Type.Enum(TASK_STATUSES, { description: 'initiated → acknowledged → applied → closed / 发起 → 响应 → 惩戒/激励 → 反馈' }),
  version: Type.Integer(),
  initiatedAt: Type.String(),
  acknowledgeDueOn: Type.String({ description: 'YYYY-MM-DD / 响应期限' }),
  isOverdue: Type.Boolean({ description: 'Not acknowledged and the deadline passed / 逾期未响应' }),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(Type.Object({ kind: Type.String(), at: Type.String(), by: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), data: Type.Unknown() })),
});
export type Task = Static<typeof TaskSchema>;

export const TaskFilterSchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(TASK_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  },
  { additionalProperties: false },
);
export const TaskActionBodySchema = Type.Object(
  { expectedVersion: ExpectedVersion, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const TaskApplicationBodySchema = Type.Object(
  {
    expectedVersion: ExpectedVersion,
    measureCode: Type.String({ minLength: 1, maxLength: 64, description: 'One of the task’s measures / 实施的措施' }),
    outcome: Text('What was done / 实施情况', 1000),
  },
  { additionalProperties: false },
);
export const TaskFeedbackBodySchema = Type.Object({ expectedVersion: ExpectedVersion, note: Text('Feedback / 反馈意见', 2000) }, { additionalProperties: false });

export const StatsRowSchema = Type.Object({
  key: Type.String({ description: 'Memorandum code or department id' }),
  name: Type.String(),
  entries: Type.Integer({ description: 'List entries that initiated tasks / 发起的名单条目' }),
  checks: Type.Integer({ description: 'Checks with a hit / 命中的核查次数' }),
  hits: Type.Integer({ description: 'Measures hit / 命中措施数' }),
  measuresApplied: Type.Integer({ description: 'Measures applied (feedback and task applications) / 已实施措施数' }),
  feedbackRate: Type.Number({ description: 'Checks with a hit that got feedback / 反馈率' }),
  overdueAcknowledgements: Type.Integer({ description: 'Tasks past their deadline without a response / 逾期未响应' }),
});
export type StatsRow = Static<typeof StatsRowSchema>;
export const DashboardSchema = Type.Object({
  asOf: Type.String(),
  totals: Type.Object({ checks: Type.Integer(), checksWithHits: Type.Integer(), feedback: Type.Integer(), tasks: Type.Integer(), overdueAcknowledgements: Type.Integer() }),
  memoranda: Type.Array(StatsRowSchema),
  departments: Type.Array(StatsRowSchema),
});
export type Dashboard = Static<typeof DashboardSchema>;
