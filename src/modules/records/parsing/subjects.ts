import type { Bilingual } from './messages.ts';
import type { Layout } from './layouts.ts';
import { rowIssue, type RowIssue } from './sheet.ts';
import { maskCitizenCode } from '../../../shared/masking.ts';

/**
 * Who a row is about. Persons are identified by 居民身份证号码 and organizations by 统一社会信用代码
 * (河南省社会信用条例 Art. 16). Checking a code (GB 11643 / GB 32100) is the identity module's
 * job: the caller plugs it in as `SubjectCodeValidator`, e.g.
 *
 *   (code) => { const r = classifySubjectCode(code, today);
 *               return r.ok ? { ok: true, kind: r.facts.kind, code: r.facts.code }
 *                           : { ok: false, reason: r.reason, message: codeRejectionMessages[r.reason] }; }
 */
export type SubjectCodeCheck =
  | { ok: true; kind: 'person' | 'organization'; /** Normalised form (upper-case X, 15 → 18 digits). */ code?: string }
  | { ok: false; reason: string; message?: Bilingual };

export type SubjectCodeValidator = (code: string) => SubjectCodeCheck;

export interface Subject {
  kind: 'person' | 'organization';
  code: string;
  name: string;
  /**
   * 个体工商户: registered with a 统一社会信用代码 beginning 92, so an organization here, but run
   * by a natural person, who is given as `representative` with role `operator`.
   */
  isIndividualBusiness?: true;
}

export interface Representative {
  /** 法定代表人 of an organization, or the 经营者 of an individual business. */
  role: 'legal_representative' | 'operator';
  name: string;
  /** Present only when it is a citizen code that passed the validator (it links a person's file). */
  code?: string;
  idType?: string;
}

type Category = 'person' | 'organization' | 'individual_business';

const CATEGORY_WORDS: ReadonlyMap<string, Category> = new Map([
  ['自然人', 'person'],
  ['法人及非法人组织', 'organization'],
  ['法人和非法人组织', 'organization'],
  ['法人或非法人组织', 'organization'],
  ['法人及其他组织', 'organization'],
  ['法人', 'organization'],
  ['非法人组织', 'organization'],
  ['其他组织', 'organization'],
  ['个体工商户', 'individual_business'],
  ['个体户', 'individual_business'],
]);

/** 证件类型 values that mean the resident identity card (居民身份证). */
const ID_CARD_TYPES = new Set(['身份证', '居民身份证', '中华人民共和国居民身份证', '身份证号', '身份证号码', '居民身份证号码', '公民身份号码']);

const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

export const isIdCardType = (value: string | undefined) => value === undefined || ID_CARD_TYPES.has(value) || ID_CARD_TYPES.has(plain(value));

/** "00000000000000000X" and the like: what providers type when an entity has no code. */
const PLACEHOLDER = /^(?:0{17}[0-9X]|(.)\1{17})$/i;

export interface SubjectResolution {
  subject: Subject | null;
  representative?: Representative;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export function resolveSubject(
  layout: Layout,
  fields: Readonly<Record<string, string>>,
  column: (code: string) => string,
  validate: SubjectCodeValidator,
): SubjectResolution {
  const { roles } = layout;
  const errors: RowIssue[] = [];
  const issue = (code: string, reason: Parameters<typeof rowIssue>[1], facts: Record<string, string | number> = {}) =>
    rowIssue(column(code), reason, facts, code);

  // Which kind of subject: the row's category (newer standard), the catalog item's subject
  // type, or (2016 files, which have no category) the code column that is filled in.
  let category: Category;
  const categoryText = roles.subjectCategory === undefined ? undefined : fields[roles.subjectCategory];
  if (roles.subjectCategory !== undefined) {
    if (categoryText === undefined) return { subject: null, errors, warnings: [] }; // reported as required
    const known = CATEGORY_WORDS.get(categoryText) ?? CATEGORY_WORDS.get(plain(categoryText));
    if (known === undefined) {
      errors.push(issue(roles.subjectCategory, 'invalid_subject_category', { value: categoryText }));
      return { subject: null, errors, warnings: [] };
    }
    category = known;
  } else if (layout.subjectKind !== undefined) {
    category = layout.subjectKind;
  } else if (roles.organizationCode !== undefined && fields[roles.organizationCode] !== undefined) {
    category = 'organization';
  } else if (roles.personCode !== undefined && fields[roles.personCode] !== undefined) {
    category = 'person';
  } else {
    const columns = [roles.organizationCode, roles.personCode].filter((code): code is string => code !== undefined);
    errors.push(rowIssue(columns.map(column).join(' / '), 'missing_subject_code', { kindZh: '行政相对人', kindEn: 'subject' }));
    return { subject: null, errors, warnings: [] };
  }

  const name = fields[roles.subjectName];
  if (name === undefined) {
    errors.push(issue(roles.subjectName, 'required'));
  }
  const categoryLabel = categoryText ?? (category === 'person' ? '自然人' : '法人及非法人组织');

  if (category === 'person') {
    const codeField = roles.personCode;
    if (codeField === undefined) throw new Error(`layout ${layout.id} has no person code field`);
    const idType = roles.personIdType === undefined ? undefined : fields[roles.personIdType];
    if (!isIdCardType(idType) && roles.personIdType !== undefined) {
      errors.push(issue(roles.personIdType, 'unsupported_id_type', { value: idType ?? '' }));
      return { subject: null, errors, warnings: [] };
    }
    const code = checkCode(fields[codeField], codeField, 'person', categoryLabel, validate, issue, errors);
    if (code === null || name === undefined) return { subject: null, errors, warnings: [] };
    return { subject: { kind: 'person', code, name }, errors, warnings: [] };
  }

  const codeField = roles.organizationCode;
  if (codeField === undefined) throw new Error(`layout ${layout.id} has no organization code field`);
  const code = checkCode(fields[codeField], codeField, 'organization', categoryLabel, validate, issue, errors);
  const isIndividualBusiness = category === 'individual_business' || (code ?? '').startsWith('92');
  const representative = readRepresentative(fields, roles, isIndividualBusiness, validate, issue, errors);
  if (code === null || name === undefined || errors.length > 0) return { subject: null, errors, warnings: [] };
  const subject: Subject = isIndividualBusiness ? { kind: 'organization', code, name, isIndividualBusiness: true } : { kind: 'organization', code, name };
  return representative === undefined ? { subject, errors, warnings: [] } : { subject, representative, errors, warnings: [] };
}

function checkCode(
  value: string | undefined,
  field: string,
  expected: 'person' | 'organization',
  categoryLabel: string,
  validate: SubjectCodeValidator,
  issue: (code: string, reason: Parameters<typeof rowIssue>[1], facts?: Record<string, string | number>) => RowIssue,
  errors: RowIssue[],
): string | null {
  if (value === undefined) {
    errors.push(
      issue(field, 'missing_subject_code', expected === 'person' ? { kindZh: '自然人', kindEn: 'person' } : { kindZh: '组织', kindEn: 'organization' }),
    );
    return null;
  }
  if (expected === 'organization' && PLACEHOLDER.test(value)) {
    errors.push(issue(field, 'placeholder_code', { value: maskCitizenCode(value) }));
    return null;
  }
  const check = validate(value);
  if (!check.ok) {
    errors.push(issue(field, 'invalid_subject_code', { value: maskCitizenCode(value), detailZh: check.message?.zh ?? check.reason, detailEn: check.message?.en ?? check.reason }));
    return null;
  }
  if (check.kind !== expected) {
    errors.push(
      issue(field, 'subject_kind_mismatch', {
        category: categoryLabel,
        value: maskCitizenCode(value),
        actualZh: check.kind === 'person' ? '自然人' : '组织',
        actualEn: check.kind === 'person' ? 'a person' : 'an organization',
      }),
    );
    return null;
  }
  return check.code ?? value.toUpperCase();
}

function readRepresentative(
  fields: Readonly<Record<string, string>>,
  roles: Layout['roles'],
  isIndividualBusiness: boolean,
  validate: SubjectCodeValidator,
  issue: (code: string, reason: Parameters<typeof rowIssue>[1], facts?: Record<string, string | number>) => RowIssue,
  errors: RowIssue[],
): Representative | undefined {
  const name = roles.representativeName === undefined ? undefined : fields[roles.representativeName];
  if (name === undefined) return undefined;
  const representative: Representative = { role: isIndividualBusiness ? 'operator' : 'legal_representative', name };
  const idType = roles.representativeIdType === undefined ? undefined : fields[roles.representativeIdType];
  if (idType !== undefined) representative.idType = idType;
  const codeField = roles.representativeCode;
  const value = codeField === undefined ? undefined : fields[codeField];
  if (codeField === undefined || value === undefined || !isIdCardType(idType)) return representative;
  // A wrong code here would attach a serious record to the wrong person (policy (一)2), so it stops the row.
  const code = checkCode(value, codeField, 'person', '法定代表人', validate, issue, errors);
  if (code !== null) representative.code = code;
  return representative;
}
