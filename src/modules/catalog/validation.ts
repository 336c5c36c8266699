import { parseOrgCode } from '../identity/index.ts';
import type { CatalogRules } from './rules.ts';
import {
  CATEGORIES,
  CODE_KINDS,
  DISCLOSURE_LEVELS,
  FIELD_ROLES,
  FIELD_TYPES,
  PUBLICATION_KINDS,
  RETENTION_ACTIONS,
  SEVERITIES,
  SUBJECT_TYPES,
  type CatalogItemInput,
  type FieldDefinition,
  type Period,
  type PublicationRule,
  type Severity,
} from './schema.ts';

/** One thing wrong with an item: a stable code, where (a path inside the item) and why. */
export interface ItemProblem {
  code: string;
  field: string;
  reason: string;
  facts?: Record<string, unknown>;
}

/** `*` in `sourceDepartments`: any administrative organ may submit (双公示: each organ publishes its own decisions). */
export const ANY_DEPARTMENT = '*';

const ITEM_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_FIELD_LENGTH = 100_000;

const trim = (s: string) => s.trim();

function canonicalField(f: FieldDefinition): FieldDefinition {
  return {
    name: f.name.trim(),
    label: f.label.trim(),
    type: f.type,
    required: f.required,
    ...(f.enumValues !== undefined ? { enumValues: f.enumValues.map(trim) } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.codeKind !== undefined ? { codeKind: f.codeKind } : {}),
    ...(f.role !== undefined ? { role: f.role } : {}),
    ...(f.aliases !== undefined ? { aliases: f.aliases.map(trim) } : {}),
    ...(f.description !== undefined ? { description: f.description.trim() } : {}),
  };
}

function canonicalPublication(p: PublicationRule): PublicationRule {
  const periods = p.periods
    ? Object.fromEntries(
        SEVERITIES.filter((s) => p.periods?.[s] !== undefined).map((s) => {
          const period = p.periods![s]!;
          return [s, { minMonths: period.minMonths, maxMonths: period.maxMonths, publishedByDefault: period.publishedByDefault }];
        }),
      )
    : undefined;
  return {
    kind: p.kind,
    ...(periods !== undefined ? { periods } : {}),
    ...(p.minMonths !== undefined ? { minMonths: p.minMonths } : {}),
    ...(p.maxMonths !== undefined ? { maxMonths: p.maxMonths } : {}),
    extendsWhileListed: p.extendsWhileListed,
    basis: p.basis.trim(),
  };
}

/**
 * The item with whitespace trimmed, codes upper-cased, an empty legal basis as null, and keys in
 * one order, so two equal definitions serialise to the same JSON (versions compare by it).
 */
export function normalizeItem(item: CatalogItemInput): CatalogItemInput {
  const legalBasis = item.legalBasis?.trim() ?? '';
  return {
    code: item.code.trim().toUpperCase(),
    name: item.name.trim(),
    subjectType: item.subjectType,
    category: item.category,
    severity: item.severity ?? null,
    severityPerRecord: item.severityPerRecord,
    keyDomain: item.keyDomain?.trim() || null,
    provider: item.provider.trim(),
    sourceDepartments: item.sourceDepartments.map((c) => c.trim().toUpperCase()),
    legalBasis: legalBasis === '' ? null : legalBasis,
    sourceDocument: item.sourceDocument.trim(),
    disclosureLevel: item.disclosureLevel,
    dataFormat: item.dataFormat.trim(),
    coverage: item.coverage.trim(),
    updateCycle: item.updateCycle.trim(),
    fields: item.fields.map(canonicalField),
    publication: canonicalPublication(item.publication),
    retention: { afterPublication: item.retention.afterPublication, basis: item.retention.basis.trim() },
    minSubjectAge: item.minSubjectAge ?? null,
    jointPunishmentBasis: item.jointPunishmentBasis,
    unconfirmedUtilityArrears: item.unconfirmedUtilityArrears,
    reducesRights: item.reducesRights,
    expertReviewedAt: item.expertReviewedAt?.trim() || null,
    publicCommentAt: item.publicCommentAt?.trim() || null,
    notes: item.notes.map(trim).filter((n) => n !== ''),
    active: item.active,
  };
}

function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isMonths = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** Why an item accepts no records now; empty when it does. */
export function reasonsNotAcceptingRecords(item: CatalogItemInput): ('inactive' | 'no_legal_basis' | 'rights_review_missing')[] {
  const reasons: ('inactive' | 'no_legal_basis' | 'rights_review_missing')[] = [];
  if (!item.active) reasons.push('inactive');
  // 济政办〔2017〕55号 (四)9: nothing is collected without a legal basis.
  if (!item.legalBasis) reasons.push('no_legal_basis');
  // 河南省社会信用条例 Art. 11: rights-reducing items need expert review and public comment first.
  if (item.reducesRights && (!item.expertReviewedAt || !item.publicCommentAt)) reasons.push('rights_review_missing');
  return reasons;
}

/**
 * Checks a whole (normalised) item against the catalog rules; returns every problem found, each
 * located by its path inside the item. `today` (YYYY-MM-DD, Asia/Shanghai) bounds review dates.
 */
export function validateItem(item: CatalogItemInput, rules: CatalogRules, today: string): ItemProblem[] {
  const problems: ItemProblem[] = [];
  const add = (code: string, field: string, reason: string, facts?: Record<string, unknown>) =>
    problems.push({ code, field, reason, ...(facts ? { facts } : {}) });
  const oneOf = <T extends string>(values: readonly T[], value: unknown, field: string): value is T => {
    if ((values as readonly unknown[]).includes(value)) return true;
    add('catalog.invalid_value', field, 'enum', { allowed: values.join(', ') });
    return false;
  };
  const text = (value: string, field: string) => {
    if (value.trim() === '') add('catalog.text_required', field, 'empty');
  };

  // 数据代码, 数据名称
  if (!ITEM_CODE.test(item.code)) add('catalog.code_invalid', 'code', 'pattern');
  text(item.name, 'name');
  text(item.provider, 'provider');
  text(item.sourceDocument, 'sourceDocument');
  text(item.dataFormat, 'dataFormat');
  text(item.coverage, 'coverage');
  text(item.updateCycle, 'updateCycle');

  // 主体类型, 信息性质, 共享属性
  oneOf(SUBJECT_TYPES, item.subjectType, 'subjectType');
  const categoryOk = oneOf(CATEGORIES, item.category, 'category');
  oneOf(DISCLOSURE_LEVELS, item.disclosureLevel, 'disclosureLevel');
  const isBad = item.category === 'bad';

  if (categoryOk && isBad && item.severity === null) add('catalog.severity_required', 'severity', 'required_for_bad');
  if (item.severity !== null && oneOf(SEVERITIES, item.severity, 'severity') && !isBad) add('catalog.severity_not_allowed', 'severity', 'only_for_bad');
  if (item.severityPerRecord && !isBad) add('catalog.severity_per_record_not_bad', 'severityPerRecord', 'only_for_bad');

  if (item.keyDomain !== null && !rules.keyDomains.includes(item.keyDomain)) {
    add('catalog.unknown_key_domain', 'keyDomain', 'unknown', { value: item.keyDomain, allowed: rules.keyDomains.join('、') });
  }

  // 提供单位
  checkSources(item.sourceDepartments, add);

  if (item.legalBasis !== null && item.legalBasis.length < 2) add('catalog.text_required', 'legalBasis', 'too_short');

  // 信息项
  checkFields(item, add, oneOf);

  checkPublication(item, rules, add, oneOf);

  if (oneOf(RETENTION_ACTIONS, item.retention.afterPublication, 'retention.afterPublication') && isBad && item.retention.afterPublication === 'keep') {
    // 河南省社会信用条例 Art. 19 ¶2: negative information past its period is archived.
    add('catalog.retention_keep_not_allowed', 'retention.afterPublication', 'bad_must_end');
  }
  text(item.retention.basis, 'retention.basis');

  if (item.minSubjectAge !== null && !(Number.isInteger(item.minSubjectAge) && item.minSubjectAge >= 0 && item.minSubjectAge <= 150)) {
    add('catalog.min_subject_age_invalid', 'minSubjectAge', 'range');
  }

  // Joint punishment rests on serious dishonesty (政策 (三)6; 河南省社会信用条例 Art. 33–34).
  if (item.jointPunishmentBasis && !(isBad && (item.severity === 'serious' || item.severityPerRecord))) {
    add('catalog.joint_punishment_not_serious', 'jointPunishmentBasis', 'serious_bad_only');
  }
  // 河南省社会信用条例 Art. 27 ¶2: a hard rule, whatever else the item says.
  if (item.unconfirmedUtilityArrears && item.jointPunishmentBasis) {
    add('catalog.utility_arrears_not_punishable', 'jointPunishmentBasis', 'henan_art_27');
  }

  for (const key of ['expertReviewedAt', 'publicCommentAt'] as const) {
    const value = item[key];
    if (value === null) continue;
    if (!isRealDate(value)) add('catalog.date_invalid', key, 'format');
    else if (value > today) add('catalog.date_in_future', key, 'future', { today });
  }
  // 河南省社会信用条例 Art. 11 ¶2: no rights-reducing item in use before expert review and public comment.
  if (item.active && item.reducesRights) {
    if (item.expertReviewedAt === null) add('catalog.rights_review_required', 'expertReviewedAt', 'required_to_activate');
    if (item.publicCommentAt === null) add('catalog.rights_review_required', 'publicCommentAt', 'required_to_activate');
  }
  return problems;
}

type Add = (code: string, field: string, reason: string, facts?: Record<string, unknown>) => void;
type OneOf = <T extends string>(values: readonly T[], value: unknown, field: string) => value is T;

function checkSources(sources: string[], add: Add): void {
  if (sources.length === 0) {
    add('catalog.source_departments_required', 'sourceDepartments', 'empty');
    return;
  }
  if (sources.includes(ANY_DEPARTMENT) && sources.length > 1) add('catalog.source_wildcard_alone', 'sourceDepartments', 'wildcard_with_others');
  const seen = new Set<string>();
  sources.forEach((code, i) => {
    const field = `sourceDepartments[${i}]`;
    if (seen.has(code)) add('catalog.source_department_duplicate', field, 'duplicate', { value: code });
    seen.add(code);
    if (code === ANY_DEPARTMENT) return;
    const check = parseOrgCode(code);
    if (!check.ok) add('catalog.source_department_invalid', field, check.reason, { value: code });
  });
}

/** Which code a subject of this type is identified by (河南省社会信用条例 Art. 16). */
const SUBJECT_CODE_KIND = { person: 'citizen', organization: 'org' } as const;

function checkFields(item: CatalogItemInput, add: Add, oneOf: OneOf): void {
  if (item.fields.length === 0) {
    add('catalog.fields_required', 'fields', 'empty');
    return;
  }
  const names = new Set<string>();
  const roles = new Map<string, number>();
  item.fields.forEach((f, i) => {
    const at = `fields[${i}]`;
    if (!FIELD_NAME.test(f.name)) add('catalog.field_name_invalid', `${at}.name`, 'pattern', { value: f.name });
    else if (names.has(f.name)) add('catalog.field_name_duplicate', `${at}.name`, 'duplicate', { value: f.name });
    names.add(f.name);
    if (f.label === '') add('catalog.text_required', `${at}.label`, 'empty');
    const typeOk = oneOf(FIELD_TYPES, f.type, `${at}.type`);

    if (f.type === 'enum') {
      if (!f.enumValues || f.enumValues.length === 0) add('catalog.field_enum_values_required', `${at}.enumValues`, 'required_for_enum');
      else {
        if (f.enumValues.some((v) => v === '')) add('catalog.text_required', `${at}.enumValues`, 'empty_value');
        if (new Set(f.enumValues).size !== f.enumValues.length) add('catalog.field_enum_values_duplicate', `${at}.enumValues`, 'duplicate');
      }
    } else if (typeOk && f.enumValues !== undefined) add('catalog.field_enum_values_not_allowed', `${at}.enumValues`, 'only_for_enum');

    if (f.maxLength !== undefined) {
      if (f.type !== 'string' && f.type !== 'code') add('catalog.field_max_length_invalid', `${at}.maxLength`, 'only_for_text');
      else if (!Number.isInteger(f.maxLength) || f.maxLength < 1 || f.maxLength > MAX_FIELD_LENGTH) add('catalog.field_max_length_invalid', `${at}.maxLength`, 'range', { max: MAX_FIELD_LENGTH });
    }

    if (f.type === 'code') {
      if (f.codeKind === undefined) add('catalog.field_code_kind_required', `${at}.codeKind`, 'required_for_code');
      else oneOf(CODE_KINDS, f.codeKind, `${at}.codeKind`);
    } else if (typeOk && f.codeKind !== undefined) add('catalog.field_code_kind_not_allowed', `${at}.codeKind`, 'only_for_code');

    if (f.role !== undefined && oneOf(FIELD_ROLES, f.role, `${at}.role`)) {
      roles.set(f.role, (roles.get(f.role) ?? 0) + 1);
      if (roles.get(f.role) === 2) add('catalog.field_role_duplicate', `${at}.role`, 'duplicate', { role: f.role });
      const fits =
        f.role === 'subject_code'
          ? f.type === 'code' && f.codeKind === SUBJECT_CODE_KIND[item.subjectType] && f.required
          : f.role === 'decision_date'
            ? f.type === 'date' && f.required
            : f.role === 'source_record_id'
              ? (f.type === 'string' || f.type === 'code') && f.required
              : f.type === 'string';
      if (!fits) add('catalog.field_role_mismatch', `${at}.role`, f.role, { role: f.role });
    }
  });
  // Ingestion needs to know who a record is about and the department's own id of it; a bad
  // record's publication period runs from its decision date (《信用修复管理办法》).
  const needed = ['subject_code', 'source_record_id', ...(item.category === 'bad' ? ['decision_date'] : [])];
  for (const role of needed) if (!roles.has(role)) add('catalog.field_role_missing', 'fields', role, { role });
}

function checkPeriod(period: Period, field: string, add: Add): boolean {
  if (!isMonths(period.minMonths) || !isMonths(period.maxMonths) || period.minMonths > period.maxMonths) {
    add('catalog.publication_period_invalid', field, 'min_max');
    return false;
  }
  return true;
}

function checkPublication(item: CatalogItemInput, rules: CatalogRules, add: Add, oneOf: OneOf): void {
  const p = item.publication;
  if (!oneOf(PUBLICATION_KINDS, p.kind, 'publication.kind')) return;
  if (p.basis.trim() === '') add('catalog.text_required', 'publication.basis', 'empty');
  const isBad = item.category === 'bad';
  const cap = rules.negativeDisclosureCapMonths;

  // 河南省社会信用条例 Art. 19: good information may stay public long-term, negative information may not.
  if ((p.kind === 'long_term' && isBad) || (p.kind === 'by_severity' && !isBad)) {
    add('catalog.publication_kind_mismatch', 'publication.kind', isBad ? 'bad_not_long_term' : 'by_severity_only_for_bad');
  }
  if (p.kind !== 'by_severity' && p.periods !== undefined) add('catalog.publication_period_not_allowed', 'publication.periods', 'only_for_by_severity');
  if (p.kind !== 'fixed' && (p.minMonths !== undefined || p.maxMonths !== undefined)) add('catalog.publication_period_not_allowed', 'publication.minMonths', 'only_for_fixed');

  if (p.kind === 'by_severity' && isBad) {
    const needed: Severity[] = item.severityPerRecord ? [...SEVERITIES] : SEVERITIES.filter((s) => s === item.severity);
    for (const s of needed) if (!p.periods?.[s]) add('catalog.publication_period_missing', `publication.periods.${s}`, 'required', { severity: s });
    for (const s of SEVERITIES) {
      const period = p.periods?.[s];
      const field = `publication.periods.${s}`;
      if (!period || !checkPeriod(period, field, add)) continue;
      // The national periods bind; where Henan's cap differs, the stricter one applies (STANDARDS.md).
      const national = rules.nationalPeriods[s];
      if (period.minMonths < national.minMonths || period.maxMonths > national.maxMonths) {
        add('catalog.publication_outside_national_rule', field, 'national_periods', { severity: s, minMonths: national.minMonths, maxMonths: national.maxMonths });
      }
      if (period.maxMonths > cap) add('catalog.publication_exceeds_cap', `${field}.maxMonths`, 'henan_art_19', { cap });
    }
  }
  if (p.kind === 'fixed') {
    const field = 'publication';
    if (p.minMonths === undefined || p.maxMonths === undefined) add('catalog.publication_period_invalid', field, 'min_max_required');
    else if (checkPeriod({ minMonths: p.minMonths, maxMonths: p.maxMonths, publishedByDefault: true }, field, add) && isBad && p.maxMonths > cap) {
      add('catalog.publication_exceeds_cap', 'publication.maxMonths', 'henan_art_19', { cap });
    }
  }
}
