import { classifySubjectCode, codeRejectionMessages, parseCitizenCode, parseOrgCode } from '../identity/index.ts';
import type { CatalogItem, FieldDefinition } from '../catalog/index.ts';
import {
  catalogLayout,
  normalizeRow,
  type CatalogLayoutSpec,
  type FieldSpec,
  type LayoutMatch,
  type RowIssue,
  type SubjectCodeValidator,
} from './parsing/index.ts';
import { recordsMessage } from './messages.ts';
import type { IngestionRules } from './rules.ts';
import type { RowError } from './schema.ts';
import { maskCitizenCode } from '../../shared/masking.ts';

/**
 * One row, from cells to a record ready to store, or the located reasons it is refused. Pure: no
 * database, no clock (today comes in). The parsing layer (`normalizeRow`) checks the layout's own
 * rules; this adds the catalog item's (source department, accepting records, lengths, integers,
 * codes, minimum age, per-record severity) and removes every citizen code from what is stored.
 */

/** What the pipeline knows about an item for one department. */
export interface ItemPlan {
  item: CatalogItem;
  /** The department may submit for it (catalog sources, or `*`). */
  isSource: boolean;
  departmentName: string;
}

export interface ResponsiblePerson {
  role: string;
  name: string;
  code: string;
}

export interface PreparedRow {
  rowNumber: number;
  plan: ItemPlan;
  subject: { kind: 'person' | 'organization'; code: string; name: string };
  representative?: { role: 'legal_representative' | 'operator'; name: string; code?: string };
  responsible: ResponsiblePerson[];
  sourceRecordId: string;
  decisionDate: string | null;
  severity: string | null;
  /** Field name → value, citizen codes removed. */
  fields: Record<string, string>;
}

export type PreparedResult = { ok: true; row: PreparedRow } | { ok: false; errors: RowError[] };

export interface RowContext {
  match: LayoutMatch;
  /** 双公示 layouts: the item for each subject type; catalog layouts: the one item. */
  items: { person?: ItemPlan; organization?: ItemPlan };
  /** True for the 双公示 layouts: the item's required fields are the layout's (2016 files lack some). */
  isShuangGongshi: boolean;
  /** Extra columns (not in the layout) the pipeline reads: severity, responsible persons. */
  severityColumn: string | null;
  responsibleColumns: Array<{ role: string; nameColumn: string; codeColumn: string | null }>;
  /** API batches: keys that are no field of the item are refused (files ignore extra columns). */
  refuseUnknownColumns: boolean;
  unknownColumns: readonly string[];
  today: string;
  rules: IngestionRules;
}

const CITIZEN_SHAPE = /^(\d{15}|\d{17}[\dXx])$/;

export function subjectCodeValidator(today: string): SubjectCodeValidator {
  return (code) => {
    const check = classifySubjectCode(code, today);
    return check.ok ? { ok: true, kind: check.facts.kind, code: check.facts.code } : { ok: false, reason: check.reason, message: codeRejectionMessages[check.reason] };
  };
}

const FIELD_TYPE: Record<FieldDefinition['type'], FieldSpec['type']> = {
  string: 'text',
  date: 'date',
  decimal: 'amount',
  integer: 'text',
  enum: 'enum',
  code: 'text',
};

/** The catalog item's own layout, for `recognizeLayout` and `normalizeRow`. */
export function catalogLayoutSpec(item: CatalogItem): CatalogLayoutSpec {
  const role = (r: string) => item.fields.find((f) => f.role === r)?.name;
  const decisionDate = role('decision_date');
  return {
    itemCode: item.code,
    itemName: item.name,
    subjectKind: item.subjectType,
    fields: item.fields.map((f) => ({
      code: f.name,
      label: f.label,
      ...(f.aliases ? { aliases: f.aliases } : {}),
      required: f.required,
      type: FIELD_TYPE[f.type],
      ...(f.type === 'enum' && f.enumValues ? { values: f.enumValues } : {}),
    })),
    roles: {
      subjectName: role('subject_name') ?? 'name',
      subjectCode: role('subject_code') ?? 'code',
      sourceRecordId: role('source_record_id') ?? 'id',
      ...(decisionDate ? { decisionDate } : {}),
    },
  };
}

export { catalogLayout };

export const rowErrorOf = (row: number, issue: RowIssue): RowError => ({ row, column: issue.column, code: `records.${issue.reason}`, message: issue.message });

function rowError(row: number, column: string | null, code: string, facts: Record<string, string | number> = {}): RowError {
  return { row, column, code, message: recordsMessage(code, { column: column ?? '', ...facts }) };
}

const SPLIT = /[;；,，、/]+/;

/** Longer than `max` characters (code points, as people count them); no array per value. */
function longerThan(value: string, max: number): boolean {
  if (value.length <= max) return false; // never more code points than UTF-16 units
  let count = 0;
  for (const _ of value) if (++count > max) return true;
  return false;
}

/** What every row of one file shares: the field → column lookup and the code validator. */
interface SharedPlan {
  column: (field: string) => string;
  validateSubjectCode: SubjectCodeValidator;
}
const sharedPlans = new WeakMap<RowContext, SharedPlan>();

function sharedPlan(ctx: RowContext): SharedPlan {
  let plan = sharedPlans.get(ctx);
  if (plan === undefined) {
    const columnOf = new Map(Object.entries(ctx.match.mapping).map(([header, code]) => [code, header]));
    plan = { column: (field) => columnOf.get(field) ?? field, validateSubjectCode: subjectCodeValidator(ctx.today) };
    sharedPlans.set(ctx, plan);
  }
  return plan;
}

/** Age in whole years on `date` of someone born on `birthDate` (both YYYY-MM-DD). */
function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function prepareRow(ctx: RowContext, rowNumber: number, cells: Readonly<Record<string, string>>): PreparedResult {
  const errors: RowError[] = [];
  if (ctx.refuseUnknownColumns) {
    for (const column of ctx.unknownColumns) {
      if ((cells[column] ?? '') !== '') {
        const itemCode = (ctx.items.person ?? ctx.items.organization)?.item.code ?? '';
        errors.push(rowError(rowNumber, column, 'records.unknown_field', { itemCode }));
      }
    }
  }
  const { column, validateSubjectCode } = sharedPlan(ctx);
  const normalized = normalizeRow(ctx.match, cells, { validateSubjectCode, today: ctx.today });
  if (!normalized.ok) return { ok: false, errors: [...errors, ...normalized.errors.map((issue) => rowErrorOf(rowNumber, issue))] };
  const record = normalized.record;
  const plan = ctx.items[record.subject.kind];
  if (plan === undefined) {
    // A catalog layout fixes the subject type, so this only happens with a half-configured family.
    return { ok: false, errors: [...errors, rowError(rowNumber, null, 'records.item_not_accepting', { itemCode: '?', reasons: record.subject.kind })] };
  }
  const { item } = plan;
  if (!item.acceptsRecords) errors.push(rowError(rowNumber, null, 'records.item_not_accepting', { itemCode: item.code, reasons: item.notAcceptingBecause.join(', ') }));
  if (!plan.isSource) errors.push(rowError(rowNumber, null, 'records.not_a_source', { itemCode: item.code, departmentName: plan.departmentName }));

  const strip = new Set<string>();
  const roles = ctx.match.layout.roles;
  if (record.subject.kind === 'person' && roles.personCode) strip.add(roles.personCode);
  if (roles.representativeCode) strip.add(roles.representativeCode);

  for (const field of item.fields) {
    const value = record.fields[field.name];
    if (value === undefined) continue;
    if (field.maxLength !== undefined && longerThan(value, field.maxLength)) {
      errors.push(rowError(rowNumber, column(field.name), 'records.too_long', { maxLength: field.maxLength }));
    }
    if (ctx.isShuangGongshi) continue; // the layout has checked types, enumerations and codes
    if (field.type === 'integer' && !/^-?\d+$/.test(value)) errors.push(rowError(rowNumber, column(field.name), 'records.invalid_integer', { value }));
    if (field.type === 'code' && field.role !== 'subject_code') {
      const check = field.codeKind === 'citizen' ? parseCitizenCode(value, ctx.today) : field.codeKind === 'org' ? parseOrgCode(value) : classifySubjectCode(value, ctx.today);
      if (!check.ok) {
        const detail = codeRejectionMessages[check.reason];
        errors.push(rowError(rowNumber, column(field.name), 'records.invalid_code', { value: maskCitizenCode(value), detailZh: detail.zh, detailEn: detail.en }));
      }
    }
    if (field.codeKind === 'citizen' || field.codeKind === 'citizen_or_org') strip.add(field.name);
  }

  if (item.minSubjectAge !== null && record.subject.kind === 'person') {
    const facts = parseCitizenCode(record.subject.code, ctx.today);
    if (facts.ok && ageOn(facts.facts.birthDate, record.decisionDate ?? ctx.today) < item.minSubjectAge) {
      errors.push(rowError(rowNumber, column(roles.personCode ?? ''), 'records.subject_too_young', { itemCode: item.code, minAge: item.minSubjectAge }));
    }
  }

  let severity: string | null = null;
  if (item.category === 'bad') {
    severity = item.severity;
    const given = ctx.severityColumn === null ? '' : (cells[ctx.severityColumn] ?? '').trim();
    if (given !== '' && item.severityPerRecord) {
      const mapped = ctx.rules.severityValues[given] ?? ctx.rules.severityValues[given.toLowerCase()];
      if (mapped === undefined) errors.push(rowError(rowNumber, ctx.severityColumn, 'records.invalid_severity', { value: given }));
      else severity = mapped;
    }
  }

  const responsible: ResponsiblePerson[] = [];
  if (record.subject.kind === 'organization') {
    for (const group of ctx.responsibleColumns) {
      const names = (cells[group.nameColumn] ?? '').split(SPLIT).map((s) => s.trim()).filter(Boolean);
      const codes = group.codeColumn === null ? [] : (cells[group.codeColumn] ?? '').split(SPLIT).map((s) => s.trim()).filter(Boolean);
      if (codes.length === 0) continue; // named without a citizen code: nothing to link (policy (一)2 needs the person)
      if (codes.length !== names.length) {
        errors.push(rowError(rowNumber, group.codeColumn, 'records.responsible_mismatch'));
        continue;
      }
      codes.forEach((code, i) => {
        const check = parseCitizenCode(code, ctx.today);
        if (!check.ok) {
          const detail = codeRejectionMessages[check.reason];
          errors.push(rowError(rowNumber, group.codeColumn, 'records.invalid_code', { value: maskCitizenCode(code), detailZh: detail.zh, detailEn: detail.en }));
        } else responsible.push({ role: group.role, name: names[i]!, code: check.facts.code });
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  // DESIGN.md decision 6: no citizen code is stored in clear — not the subject's, not a
  // representative's, not one typed into another column.
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.fields)) {
    if (strip.has(name)) continue;
    if (CITIZEN_SHAPE.test(value) && parseCitizenCode(value, ctx.today).ok) continue;
    fields[name] = value;
  }
  const row: PreparedRow = {
    rowNumber,
    plan,
    subject: { kind: record.subject.kind, code: record.subject.code, name: record.subject.name },
    responsible,
    sourceRecordId: record.sourceRecordId,
    decisionDate: record.decisionDate,
    severity,
    fields,
  };
  if (record.representative) {
    row.representative = { role: record.representative.role, name: record.representative.name, ...(record.representative.code ? { code: record.representative.code } : {}) };
  }
  return { ok: true, row };
}
