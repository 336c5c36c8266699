import { Type, type Static } from 'typebox';

/** Ingestion (归集): the HTTP contract of the records module, shared with the web app. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

export const BilingualSchema = Type.Object({
  zh: Type.String({ description: 'Chinese / 中文' }),
  en: Type.String({ description: 'English / 英文' }),
});

export const JOB_SOURCES = ['api', 'upload', 'cli'] as const;
export type JobSource = (typeof JOB_SOURCES)[number];
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ImportJobSchema = Type.Object({
  id: Type.String({ description: 'Job id / 作业标识' }),
  departmentId: Type.String({ description: 'Submitting department / 报送部门' }),
  departmentName: Type.String({ description: 'Department name / 部门名称' }),
  itemCode: Type.String({ description: 'Catalog item submitted for / 信息项代码' }),
  itemName: Type.String({ description: 'Catalog item name / 信息项名称' }),
  source: Type.Enum(JOB_SOURCES, { description: 'api | upload | cli / 报送方式' }),
  fileName: Nullable(Type.String(), 'File name as uploaded / 文件名'),
  layout: Nullable(Type.String(), 'Recognised layout (penalty-2021, catalog:DDMF …) / 识别的格式'),
  status: Type.Enum(JOB_STATUSES, { description: 'queued | running | done | failed / 状态' }),
  totalBytes: Nullable(Type.Integer(), 'File size in bytes / 文件大小'),
  processedBytes: Type.Integer({ description: 'Bytes read so far / 已读取字节' }),
  rowsProcessed: Type.Integer({ description: 'Rows checked and committed / 已处理行数' }),
  accepted: Type.Integer({ description: 'New records / 新增记录' }),
  rejected: Type.Integer({ description: 'Rows refused (see errors) / 退回行数' }),
  unchanged: Type.Integer({ description: 'Rows identical to the stored record / 未变化' }),
  versioned: Type.Integer({ description: 'Rows that changed a stored record (new version) / 产生新版本' }),
  submittedAt: Type.String({ description: 'ISO 8601 instant / 提交时间' }),
  startedAt: Nullable(Type.String(), 'ISO 8601 instant / 开始处理时间'),
  finishedAt: Nullable(Type.String(), 'ISO 8601 instant / 完成时间'),
  dueDate: Type.String({ description: 'Checked by this date: 5 working days (河南省社会信用条例 Art. 17) / 核查期限' }),
  error: Nullable(Type.Object({ code: Type.String(), message: BilingualSchema }), 'Why the whole job failed / 作业失败原因'),
});
export type ImportJob = Static<typeof ImportJobSchema>;

export const RowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'Row number in the file (header = 1) or 1-based index in the batch / 行号' }),
  column: Nullable(Type.String(), 'Column as written in the file, or the field name / 列名'),
  code: Type.String({ description: 'records.<reason> / 错误代码' }),
  message: BilingualSchema,
});
export type RowError = Static<typeof RowErrorSchema>;

export const RecordSummarySchema = Type.Object({
  id: Type.String({ description: 'Record id / 记录标识' }),
  itemCode: Type.String({ description: 'Catalog item / 信息项代码' }),
  itemName: Type.String({ description: 'Catalog item name / 信息项名称' }),
  sourceRecordId: Type.String({ description: 'The department’s id of the record (决定书文号) / 来源记录编号' }),
  subjectType: Type.Enum(['person', 'organization'], { description: 'Subject type / 主体类型' }),
  subjectName: Type.String({ description: 'Name, a person’s masked (张*) / 主体名称（自然人脱敏）' }),
  subjectCodeMasked: Type.String({ description: 'Citizen code masked (419001********1234) or the public org code / 主体代码（脱敏）' }),
  currentVersion: Type.Integer({ description: 'Current version / 当前版本' }),
  decisionDate: Nullable(Type.String(), 'Decision date / 决定日期'),
  severity: Nullable(Type.String(), 'minor | ordinary | serious for bad items / 失信严重程度'),
  linkedRecordId: Nullable(Type.String(), 'The organization record this personal record derives from / 关联的组织记录'),
  linkRole: Nullable(Type.String(), 'legal_representative | operator | principal | actual_controller | directly_responsible / 关联身份'),
  updatedAt: Type.String({ description: 'ISO 8601 instant / 更新时间' }),
});
export type RecordSummary = Static<typeof RecordSummarySchema>;

export const RecordVersionSchema = Type.Object({
  version: Type.Integer({ description: 'Version / 版本' }),
  fields: Type.Record(Type.String(), Type.String(), { description: 'Field name → value; citizen codes are never included / 字段（不含身份证号）' }),
  contentHash: Type.String({ description: 'SM3 of the normalised content / 内容摘要' }),
  jobId: Type.String({ description: 'Import job that recorded it / 作业标识' }),
  recordedAt: Type.String({ description: 'ISO 8601 instant / 记录时间' }),
  recordedBy: Nullable(Type.String(), 'User id, null for CLI imports / 记录人'),
});
export type RecordVersion = Static<typeof RecordVersionSchema>;

export const DepartmentStatsSchema = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  submissions: Type.Integer({ description: 'Jobs / 报送批次' }),
  rows: Type.Integer({ description: 'Rows processed / 处理行数' }),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  unchanged: Type.Integer(),
  versioned: Type.Integer(),
  rejectionRate: Type.Number({ description: 'rejected / rows (0 when no rows) / 退回率' }),
  onTime: Type.Integer({ description: 'Answered within the due date / 按期核查' }),
  overdue: Type.Integer({ description: 'Answered late, or unanswered past the due date / 逾期' }),
});
export type DepartmentStats = Static<typeof DepartmentStatsSchema>;

export const StatsSchema = Type.Object({ departments: Type.Array(DepartmentStatsSchema) });

export const DueSchema = Type.Object({
  waiting: Type.Array(ImportJobSchema, { description: 'Not yet answered, due date not passed / 待核查' }),
  overdue: Type.Array(ImportJobSchema, { description: 'Not yet answered, due date passed / 已逾期' }),
});

export const BatchBodySchema = Type.Object(
  {
    item: Type.String({ minLength: 1, maxLength: 32, description: 'Catalog item code / 信息项代码' }),
    records: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 1000, description: 'Records keyed by the item’s field names / 记录（键为字段代码）' }),
  },
  { additionalProperties: false },
);
export type BatchBody = Static<typeof BatchBodySchema>;

export const PageQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size / 每页条数' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0, description: 'Offset / 偏移' })),
  },
  { additionalProperties: false },
);

export const RecordQuerySchema = Type.Object(
  {
    item: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Catalog item code / 信息项代码' })),
    subjectCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Citizen code or org code / 主体代码' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** How a person is tied to an organization's record that was also written to them (policy (一)2, Art. 35). */
export const LINK_ROLES = ['legal_representative', 'operator', 'principal', 'actual_controller', 'directly_responsible'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

/** A current record as other modules reason about it (ids, no personal data beyond the stored name). */
export interface SubjectRecordFact {
  recordId: string;
  departmentId: string;
  itemCode: string;
  /** The department's own id of the record (决定书文号 …) */
  sourceRecordId: string;
  subjectType: 'person' | 'organization';
  personId: string | null;
  organizationId: string | null;
  subjectName: string;
  severity: 'minor' | 'ordinary' | 'serious' | null;
  /** YYYY-MM-DD; publication periods run from it */
  decisionDate: string | null;
  /** For a personal record derived from an organization's: that record, and the person's role in it */
  linkedRecordId: string | null;
  linkRole: LinkRole | null;
  /** The record's current version (credit_record_versions.version) */
  currentVersion: number;
  updatedAt: string;
}
