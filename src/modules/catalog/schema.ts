import { Type, type Static } from 'typebox';

/**
 * A catalog item (公共信用信息目录 信息项). The ten elements of 《河南省社会信用条例》Art. 11 map to:
 * 数据代码 `code`, 数据名称 `name`, 数据格式 `dataFormat`, 提供单位 `provider` + `sourceDepartments`,
 * 主体类型 `subjectType`, 信息性质 `category` (+ `severity`), 共享属性 `disclosureLevel`,
 * 覆盖范围 `coverage`, 更新周期 `updateCycle`, 信息项 `fields`.
 */

export const SUBJECT_TYPES = ['person', 'organization'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const CATEGORIES = ['basic', 'good', 'bad'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['minor', 'ordinary', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Art. 18 channels: 公开公示, 授权查询, 政务共享; or not disclosed at all. */
export const DISCLOSURE_LEVELS = ['public', 'authorized_query', 'government_shared', 'not_disclosed'] as const;
export type DisclosureLevel = (typeof DISCLOSURE_LEVELS)[number];

export const FIELD_TYPES = ['string', 'date', 'decimal', 'integer', 'enum', 'code'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a `code` field holds: a citizen code (GB 11643), an org code (GB 32100), or either. */
export const CODE_KINDS = ['citizen', 'org', 'citizen_or_org'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/**
 * The fields the platform itself acts on: who the record is about, the department's own record id
 * (the idempotency key of ingestion, e.g. 决定书文号), and the decision date publication periods
 * run from (《信用修复管理办法》).
 */
export const FIELD_ROLES = ['subject_code', 'subject_name', 'source_record_id', 'decision_date'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

export const PUBLICATION_KINDS = ['long_term', 'by_severity', 'fixed', 'not_published'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** What happens to a record when its publication ends (Henan Art. 19, 44: negative information is archived). */
export const RETENTION_ACTIONS = ['keep', 'archive', 'delete'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

export const FieldDefinitionSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, description: 'Field name, e.g. cf_wsh / 字段代码' }),
    label: Type.String({ minLength: 1, maxLength: 200, description: 'Chinese column name / 中文名称（列名）' }),
    type: Type.Enum(FIELD_TYPES, { description: 'Value type / 数据类型' }),
    required: Type.Boolean({ description: 'Every record must carry it / 是否必填' }),
    enumValues: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200, description: 'Allowed values of an enum field / 枚举值' })),
    maxLength: Type.Optional(Type.Integer({ description: 'Maximum length of a string or code / 最大长度' })),
    codeKind: Type.Optional(Type.Enum(CODE_KINDS, { description: 'Which code a code field holds / 代码类别' })),
    role: Type.Optional(Type.Enum(FIELD_ROLES, { description: 'What the platform uses the field for / 平台用途' })),
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: 'Other accepted column headers (older layouts) / 兼容列名' })),
    description: Type.Optional(Type.String({ maxLength: 1000, description: 'Notes / 说明' })),
  },
  { additionalProperties: false },
);
export type FieldDefinition = Static<typeof FieldDefinitionSchema>;

export const PeriodSchema = Type.Object(
  {
    minMonths: Type.Integer({ description: 'Minimum publication before repair may be applied for / 最短公示期（月）' }),
    maxMonths: Type.Integer({ description: 'Publication stops at the latest after / 最长公示期（月）' }),
    publishedByDefault: Type.Boolean({ description: 'Published unless the department decides otherwise / 是否默认公示' }),
  },
  { additionalProperties: false },
);
export type Period = Static<typeof PeriodSchema>;

export const PublicationRuleSchema = Type.Object(
  {
    kind: Type.Enum(PUBLICATION_KINDS, { description: 'long_term | by_severity | fixed | not_published / 公示规则类型' }),
    periods: Type.Optional(
      Type.Object(
        { minor: Type.Optional(PeriodSchema), ordinary: Type.Optional(PeriodSchema), serious: Type.Optional(PeriodSchema) },
        { additionalProperties: false, description: 'Periods by severity (by_severity) / 按严重程度的公示期' },
      ),
    ),
    minMonths: Type.Optional(Type.Integer({ description: 'Minimum months (fixed) / 最短公示期（月）' })),
    maxMonths: Type.Optional(Type.Integer({ description: 'Maximum months (fixed) / 最长公示期（月）' })),
    extendsWhileListed: Type.Boolean({ description: 'Disclosure lasts until removal from a list (Henan Art. 19) / 名单未移出前延续公示' }),
    basis: Type.String({ minLength: 2, maxLength: 2000, description: 'Legal basis of the periods / 公示期依据' }),
  },
  { additionalProperties: false },
);
export type PublicationRule = Static<typeof PublicationRuleSchema>;

export const RetentionRuleSchema = Type.Object(
  {
    afterPublication: Type.Enum(RETENTION_ACTIONS, { description: 'keep | archive | delete when publication ends / 公示期满后处理' }),
    basis: Type.String({ minLength: 2, maxLength: 2000, description: 'Legal basis / 依据' }),
  },
  { additionalProperties: false },
);
export type RetentionRule = Static<typeof RetentionRuleSchema>;

const NullableString = (options: { description: string; maxLength?: number }) =>
  Type.Union([Type.String({ maxLength: options.maxLength ?? 4000 }), Type.Null()], { description: options.description });

/** The properties of an item an admin writes; `code` is fixed once created. */
const itemProperties = {
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Data name / 数据名称' }),
  subjectType: Type.Enum(SUBJECT_TYPES, { description: 'Subject type / 主体类型' }),
  category: Type.Enum(CATEGORIES, { description: 'basic | good | bad / 信息性质（基础、守信、失信）' }),
  severity: Type.Union([Type.Enum(SEVERITIES), Type.Null()], { description: 'Severity, required for bad items only / 失信严重程度（仅失信信息）' }),
  severityPerRecord: Type.Boolean({ description: 'A record may carry its own severity; `severity` is the default / 允许逐条认定严重程度' }),
  keyDomain: Type.Union([Type.String({ maxLength: 32 }), Type.Null()], { description: 'One of the 16 key domains, null if cross-domain / 重点领域' }),
  provider: Type.String({ minLength: 1, maxLength: 500, description: 'Providing unit, as readers know it / 提供单位' }),
  sourceDepartments: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
    maxItems: 200,
    description: 'Org codes of the departments that may submit, or ["*"] for any administrative organ / 数据来源单位统一社会信用代码',
  }),
  legalBasis: NullableString({ description: 'Legal basis for collecting it; without one the item accepts no records / 归集依据' }),
  sourceDocument: Type.String({ minLength: 1, maxLength: 2000, description: 'Where the item definition comes from / 目录来源文件' }),
  disclosureLevel: Type.Enum(DISCLOSURE_LEVELS, { description: 'Sharing attribute / 共享属性（公开、授权查询、政务共享、不公开）' }),
  dataFormat: Type.String({ minLength: 1, maxLength: 200, description: 'Data format / 数据格式' }),
  coverage: Type.String({ minLength: 1, maxLength: 200, description: 'Coverage / 覆盖范围' }),
  updateCycle: Type.String({ minLength: 1, maxLength: 200, description: 'Update cycle / 更新周期' }),
  fields: Type.Array(FieldDefinitionSchema, { maxItems: 200, description: 'Information items / 信息项' }),
  publication: PublicationRuleSchema,
  retention: RetentionRuleSchema,
  minSubjectAge: Type.Union([Type.Integer(), Type.Null()], { description: 'Records only about subjects at least this old / 适用主体最低年龄' }),
  jointPunishmentBasis: Type.Boolean({ description: 'May be a basis for joint punishment / 可作为失信联合惩戒依据' }),
  unconfirmedUtilityArrears: Type.Boolean({ description: 'Unconfirmed utility or property-fee arrears (Henan Art. 27) / 未经依法确认的公共事业欠费' }),
  reducesRights: Type.Boolean({ description: 'May reduce rights or add obligations (Henan Art. 11) / 可能减损权利或增加义务' }),
  expertReviewedAt: Type.Union([Type.String({ maxLength: 10 }), Type.Null()], { description: 'Date of the expert review, YYYY-MM-DD / 专家评估日期' }),
  publicCommentAt: Type.Union([Type.String({ maxLength: 10 }), Type.Null()], { description: 'Date public comment closed, YYYY-MM-DD / 公开征求意见日期' }),
  notes: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50, description: 'Rules and caveats in words / 备注' }),
  active: Type.Boolean({ description: 'In use / 是否启用' }),
};

export const CatalogItemInputSchema = Type.Object(
  { code: Type.String({ minLength: 2, maxLength: 32, description: 'Data code, e.g. XZCF / 数据代码' }), ...itemProperties },
  { additionalProperties: false },
);
/** Everything that defines an item: what is stored in every version snapshot. */
export type CatalogItemInput = Static<typeof CatalogItemInputSchema>;

/** A PUT replaces the whole definition; the code is in the path and never changes. */
export const CatalogItemReplacementSchema = Type.Object(itemProperties, { additionalProperties: false });
export type CatalogItemChanges = Partial<Omit<CatalogItemInput, 'code'>>;

export const CatalogItemSchema = Type.Object({
  ...CatalogItemInputSchema.properties,
  id: Type.String({ description: 'Item id / 标识' }),
  version: Type.Integer({ description: 'Current version / 当前版本' }),
  acceptsRecords: Type.Boolean({ description: 'Records may be submitted now / 当前可接收记录' }),
  notAcceptingBecause: Type.Array(Type.Enum(['inactive', 'no_legal_basis', 'rights_review_missing']), {
    description: 'Why it accepts no records / 不可接收记录的原因',
  }),
  seedVersion: Type.Union([Type.String(), Type.Null()], { description: 'Seed file version that created it / 种子版本' }),
  createdAt: Type.String({ description: 'ISO 8601 instant / 创建时间' }),
  updatedAt: Type.String({ description: 'ISO 8601 instant / 修改时间' }),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'User id of the last change / 最后修改人' }),
});
export type CatalogItem = Static<typeof CatalogItemSchema>;

export const CatalogItemVersionSchema = Type.Object({
  version: Type.Integer({ description: 'Version number / 版本号' }),
  changeKind: Type.Enum(['seed', 'create', 'update'], { description: 'How it came about / 变更方式' }),
  item: CatalogItemInputSchema,
  changedBy: Type.Union([Type.String(), Type.Null()], { description: 'User id, null for seed and CLI / 修改人' }),
  changedAt: Type.String({ description: 'ISO 8601 instant / 修改时间' }),
  reason: Type.String({ description: 'Why / 修改理由' }),
});
export type CatalogItemVersion = Static<typeof CatalogItemVersionSchema>;

export const KeyProfessionSchema = Type.Object({
  code: Type.String({ description: 'Profession code / 职业代码' }),
  name: Type.String({ description: 'Name / 职业名称' }),
  licenceLabel: Type.String({ description: 'Licence or certificate it carries / 资格或执业证书' }),
  legalBasis: Type.String({ description: 'Legal basis / 依据' }),
  seedVersion: Type.String({ description: 'Seed file version / 种子版本' }),
});
export type KeyProfession = Static<typeof KeyProfessionSchema>;

export const CatalogFilterSchema = Type.Object(
  {
    subjectType: Type.Optional(Type.Enum(SUBJECT_TYPES, { description: 'Subject type / 主体类型' })),
    category: Type.Optional(Type.Enum(CATEGORIES, { description: 'Category / 信息性质' })),
    keyDomain: Type.Optional(Type.String({ maxLength: 32, description: 'Key domain / 重点领域' })),
    active: Type.Optional(Type.Boolean({ description: 'Only active (true) or inactive (false) items / 是否启用' })),
  },
  { additionalProperties: false },
);
export type CatalogFilter = Static<typeof CatalogFilterSchema>;

const ReasonSchema = Type.String({ minLength: 2, maxLength: 1000, description: 'Why (recorded with the version) / 修改理由' });

export const CreateItemBodySchema = Type.Object({ item: CatalogItemInputSchema, reason: ReasonSchema }, { additionalProperties: false });

export const UpdateItemBodySchema = Type.Object(
  {
    item: CatalogItemReplacementSchema,
    reason: ReasonSchema,
    expectedVersion: Type.Integer({ minimum: 1, description: 'The version the change was made against / 修改所基于的版本' }),
  },
  { additionalProperties: false },
);
