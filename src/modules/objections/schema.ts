import { Type, type Static } from 'typebox';

export const OBJECTION_KINDS = ['objection', 'correction'] as const;
export const TARGET_KINDS = ['record', 'entry'] as const;
export const OUTCOMES = ['upheld', 'corrected', 'revoked'] as const;
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

export const FileBodySchema = Type.Object(
  {
    target: TargetSchema,
    reasons: Type.String({ minLength: 1, maxLength: 5000, description: 'Reasons / 异议理由' }),
  },
  { additionalProperties: false },
);
export type FileBody = Static<typeof FileBodySchema>;

export const DecideBodySchema = Type.Object(
  {
    outcome: Type.Enum(OUTCOMES, { description: 'upheld 维持 | corrected 更正（新版本） | revoked 撤销' }),
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
  action: Type.String({ description: 'file 提出 | open 立案 | decide 处理' }),
  note: Type.String(),
  at: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
});

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
  errors: Type.Integer({ description: 'Wrong information it recorded (corrected or revoked) / 错误信息（政策（四）9）' }),
});
export type DepartmentErrorStats = Static<typeof DepartmentErrorStatsSchema>;
export const StatsSchema = Type.Object({ departments: Type.Array(DepartmentErrorStatsSchema) });
