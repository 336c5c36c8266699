import type { MessageKey } from '../i18n/index.tsx';
import type { CatalogItem, Category, DisclosureLevel, Severity, SubjectType } from './api.ts';

type Field = CatalogItem['fields'][number];

export const SUBJECT_TYPE_LABELS: Record<SubjectType, MessageKey> = { person: 'catalog.subject.person', organization: 'catalog.subject.organization' };
export const CATEGORY_LABELS: Record<Category, MessageKey> = { basic: 'catalog.category.basic', good: 'catalog.category.good', bad: 'catalog.category.bad' };
export const CATEGORY_COLORS: Record<Category, string> = { basic: 'default', good: 'green', bad: 'volcano' };
export const SEVERITY_LABELS: Record<Severity, MessageKey> = { minor: 'catalog.severity.minor', ordinary: 'catalog.severity.ordinary', serious: 'catalog.severity.serious' };
export const SEVERITY_COLORS: Record<Severity, string> = { minor: 'gold', ordinary: 'orange', serious: 'red' };
export const DISCLOSURE_LABELS: Record<DisclosureLevel, MessageKey> = {
  public: 'catalog.disclosure.public',
  authorized_query: 'catalog.disclosure.authorized_query',
  government_shared: 'catalog.disclosure.government_shared',
  not_disclosed: 'catalog.disclosure.not_disclosed',
};
export const FIELD_TYPE_LABELS: Record<Field['type'], MessageKey> = {
  string: 'catalog.fieldType.string',
  date: 'catalog.fieldType.date',
  decimal: 'catalog.fieldType.decimal',
  integer: 'catalog.fieldType.integer',
  enum: 'catalog.fieldType.enum',
  code: 'catalog.fieldType.code',
};
export const CODE_KIND_LABELS: Record<NonNullable<Field['codeKind']>, MessageKey> = {
  citizen: 'catalog.codeKind.citizen',
  org: 'catalog.codeKind.org',
  citizen_or_org: 'catalog.codeKind.citizen_or_org',
};
export const FIELD_ROLE_LABELS: Record<NonNullable<Field['role']>, MessageKey> = {
  subject_code: 'catalog.fieldRole.subject_code',
  subject_name: 'catalog.fieldRole.subject_name',
  source_record_id: 'catalog.fieldRole.source_record_id',
  decision_date: 'catalog.fieldRole.decision_date',
};
export const PUBLICATION_KIND_LABELS: Record<CatalogItem['publication']['kind'], MessageKey> = {
  long_term: 'catalog.publicationKind.long_term',
  by_severity: 'catalog.publicationKind.by_severity',
  fixed: 'catalog.publicationKind.fixed',
  not_published: 'catalog.publicationKind.not_published',
};
export const RETENTION_LABELS: Record<CatalogItem['retention']['afterPublication'], MessageKey> = {
  keep: 'catalog.retentionAction.keep',
  archive: 'catalog.retentionAction.archive',
  delete: 'catalog.retentionAction.delete',
};
export const NOT_ACCEPTING_LABELS: Record<CatalogItem['notAcceptingBecause'][number], MessageKey> = {
  inactive: 'catalog.notAccepting.inactive',
  no_legal_basis: 'catalog.notAccepting.no_legal_basis',
  rights_review_missing: 'catalog.notAccepting.rights_review_missing',
};

/** Labels of the item's properties, used by the detail view, the version diff and the edit form. */
export const PROPERTY_LABELS: Record<keyof CatalogItem, MessageKey> = {
  code: 'catalog.prop.code',
  name: 'catalog.prop.name',
  subjectType: 'catalog.prop.subjectType',
  category: 'catalog.prop.category',
  severity: 'catalog.prop.severity',
  severityPerRecord: 'catalog.prop.severityPerRecord',
  keyDomain: 'catalog.prop.keyDomain',
  provider: 'catalog.prop.provider',
  sourceDepartments: 'catalog.prop.sourceDepartments',
  legalBasis: 'catalog.prop.legalBasis',
  sourceDocument: 'catalog.prop.sourceDocument',
  disclosureLevel: 'catalog.prop.disclosureLevel',
  dataFormat: 'catalog.prop.dataFormat',
  coverage: 'catalog.prop.coverage',
  updateCycle: 'catalog.prop.updateCycle',
  fields: 'catalog.prop.fields',
  publication: 'catalog.prop.publication',
  retention: 'catalog.prop.retention',
  minSubjectAge: 'catalog.prop.minSubjectAge',
  jointPunishmentBasis: 'catalog.prop.jointPunishmentBasis',
  unconfirmedUtilityArrears: 'catalog.prop.unconfirmedUtilityArrears',
  reducesRights: 'catalog.prop.reducesRights',
  expertReviewedAt: 'catalog.prop.expertReviewedAt',
  publicCommentAt: 'catalog.prop.publicCommentAt',
  notes: 'catalog.prop.notes',
  active: 'catalog.prop.active',
  id: 'catalog.prop.id',
  version: 'catalog.prop.version',
  acceptsRecords: 'catalog.prop.acceptsRecords',
  notAcceptingBecause: 'catalog.prop.notAcceptingBecause',
  seedVersion: 'catalog.prop.seedVersion',
  createdAt: 'catalog.prop.createdAt',
  updatedAt: 'catalog.prop.updatedAt',
  updatedBy: 'catalog.prop.updatedBy',
};
