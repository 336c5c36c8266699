import { Type, type Static } from 'typebox';

export const RepairEvidenceSchema = Type.Object(
  {
    /** The conduct is corrected and the legal obligations fully performed / 已纠正失信行为、履行法定义务 */
    obligationsPerformed: Type.Boolean({ description: 'Conduct corrected, legal obligations performed / 已纠正失信行为、履行法定义务' }),
    obligationsProof: Type.String({ maxLength: 2000, description: 'How: receipt number, payment voucher, decision of compliance / 履行证明（缴款凭证号等）' }),
    commitmentLetter: Type.Boolean({ description: 'A public credit commitment is made / 已作出公开信用承诺（信用承诺书）' }),
    creditTraining: Type.Boolean({ description: 'Credit training completed / 已参加信用修复培训' }),
    volunteerHours: Type.Integer({ minimum: 0, maximum: 100000, description: 'Volunteer service hours / 志愿服务时长（小时）' }),
    donationFen: Type.Integer({ minimum: 0, description: 'Charity donations in fen / 慈善捐助金额（分）' }),
  },
  { additionalProperties: false },
);
export type RepairEvidence = Static<typeof RepairEvidenceSchema>;

export const RepairRequestSchema = Type.Object(
  {
    /** The bad record to repair (credit_records.id), one of the applicant's own */
    recordId: Type.String({ minLength: 1, maxLength: 64, description: 'The record to repair / 申请修复的记录' }),
    evidence: RepairEvidenceSchema,
  },
  { additionalProperties: false },
);
export type RepairRequest = Static<typeof RepairRequestSchema>;

/** What an evidence file proves (《信用修复管理办法》 application materials). */
export const REPAIR_FILE_PURPOSES = ['commitment_letter', 'performance_proof', 'training_certificate', 'public_service_proof'] as const;
export type RepairFilePurpose = (typeof REPAIR_FILE_PURPOSES)[number];

export const RepairFileInputSchema = Type.Object(
  {
    purpose: Type.Enum(REPAIR_FILE_PURPOSES, {
      description: 'commitment_letter 信用承诺书 | performance_proof 履行义务证明 | training_certificate 培训证明 | public_service_proof 志愿服务或慈善捐助证明',
    }),
    fileName: Type.String({ minLength: 1, maxLength: 200, description: 'File name as uploaded / 文件名' }),
    contentBase64: Type.String({ minLength: 1, description: 'File content, base64 (PDF, JPEG or PNG) / 文件内容（Base64）' }),
  },
  { additionalProperties: false },
);

/** An application: the request, and the evidence files (a bad one is a 400 at `files[i]`, nothing stored). */
export const ApplyRequestSchema = Type.Object(
  {
    ...RepairRequestSchema.properties,
    files: Type.Optional(Type.Array(RepairFileInputSchema, { description: 'Evidence files, at most 5 of at most 10 MB / 证明材料' })),
  },
  { additionalProperties: false },
);
export type ApplyRequest = Static<typeof ApplyRequestSchema>;

export const RepairFileSchema = Type.Object({
  id: Type.String(),
  purpose: Type.Enum(REPAIR_FILE_PURPOSES),
  fileName: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  addedAt: Type.String(),
});
export type RepairFile = Static<typeof RepairFileSchema>;

const ChecklistItemSchema = Type.Object({
  condition: Type.String({ description: 'minimum_period | obligations_performed | commitment_letter | credit_training | public_service' }),
  met: Type.Boolean(),
  field: Type.Union([Type.String(), Type.Null()], { description: 'Where the applicant supplies it / 对应填报项' }),
  basis: Type.String(),
});

export const EligibilitySchema = Type.Object({
  eligible: Type.Boolean(),
  earliestOn: Type.String({ description: 'First day the period allows an application / 最早可申请日' }),
  publishedUntil: Type.Union([Type.String(), Type.Null()]),
  minorAtAct: Type.Boolean(),
  checklist: Type.Array(ChecklistItemSchema),
  refusal: Type.Union([Type.Object({ code: Type.String(), basis: Type.String() }), Type.Null()]),
});
export type EligibilityReply = Static<typeof EligibilitySchema>;

export const APPLICATION_STATUSES = ['accepted', 'reviewed', 'granted', 'refused'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  itemCode: Type.String(),
  severity: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  evidence: RepairEvidenceSchema,
  minorAtAct: Type.Boolean(),
  appliedOn: Type.String(),
  feedbackDueOn: Type.String({ description: 'Platform feedback due (国办发〔2025〕22号: 10 working days) / 平台反馈期限' }),
  reviewDueOn: Type.Union([Type.String(), Type.Null()], { description: 'Source department decides (3 working days) / 认定单位审核期限' }),
  decisionDueOn: Type.Union([Type.String(), Type.Null()], { description: 'Repair once conditions met (Henan Art. 43: 1 working day) / 修复期限' }),
  reviewOutcome: Type.Union([Type.String(), Type.Null()]),
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  reviewedOn: Type.Union([Type.String(), Type.Null()]),
  decidedOn: Type.Union([Type.String(), Type.Null()]),
  reasons: Type.Array(Type.Object({ code: Type.String(), note: Type.String() })),
  version: Type.Integer(),
  files: Type.Optional(Type.Array(RepairFileSchema, { description: 'Evidence files (in the lists and the application’s answer) / 证明材料' })),
});
export type Application = Static<typeof ApplicationSchema>;

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ReviewBodySchema = Type.Object(
  {
    /** confirmed: the conditions hold; false_material / conditions_not_met: refused */
    outcome: Type.Union([Type.Literal('confirmed'), Type.Literal('false_material'), Type.Literal('conditions_not_met')]),
    note: Type.String({ minLength: 2, maxLength: 2000 }),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const DecisionBodySchema = Type.Object(
  {
    outcome: Type.Union([Type.Literal('grant'), Type.Literal('refuse')]),
    note: Type.String({ minLength: 2, maxLength: 2000 }),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const StatsSchema = Type.Object({
  byStatus: Type.Record(Type.String(), Type.Integer()),
  overdue: Type.Integer({ description: 'Open applications past their deadline / 超期未办' }),
});

export const GrantsByMonthSchema = Type.Object({
  months: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM (Asia/Shanghai)' }), granted: Type.Integer({ description: 'Repairs granted / 准予修复' }) })),
});
