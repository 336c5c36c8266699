import { describe, expect, it } from 'vitest';
import catalogSeed from './seed/catalog.json' with { type: 'json' };
import { catalogRules } from './rules.ts';
import type { CatalogItemInput } from './schema.ts';
import { makeItem } from './test-factories.ts';
import { normalizeItem, reasonsNotAcceptingRecords, validateItem } from './validation.ts';

const TODAY = '2026-11-30';
const check = (item: CatalogItemInput) => validateItem(normalizeItem(item), catalogRules, TODAY).map((p) => `${p.code}@${p.field}`);
const base = makeItem();
const fields = base.fields;

describe('catalog item validation', () => {
  it('accepts the factory item', () => {
    expect(check(base)).toEqual([]);
  });

  it.each<[string, Partial<CatalogItemInput>, string[]]>([
    ['bad without severity', { severity: null }, ['catalog.severity_required@severity']],
    ['good with a severity', { category: 'good', severity: 'minor', publication: { kind: 'long_term', extendsWhileListed: false, basis: '第十九条' }, retention: { afterPublication: 'keep', basis: 'x条' } }, ['catalog.severity_not_allowed@severity']],
    ['unknown severity', { severity: 'huge' as never }, ['catalog.invalid_value@severity']],
    ['per-record severity on a basic item', { category: 'basic', severity: null, severityPerRecord: true, publication: { kind: 'long_term', extendsWhileListed: false, basis: '依据' }, retention: { afterPublication: 'keep', basis: '依据' } }, ['catalog.severity_per_record_not_bad@severityPerRecord']],
    ['unknown key domain', { keyDomain: '教育培训' }, ['catalog.unknown_key_domain@keyDomain']],
    ['unknown subject type', { subjectType: 'robot' as never }, ['catalog.invalid_value@subjectType', 'catalog.field_role_mismatch@fields[1].role']],
    ['unknown disclosure level', { disclosureLevel: 'secret' as never }, ['catalog.invalid_value@disclosureLevel']],
    ['lower-case code with a space', { code: 'bad code' }, ['catalog.code_invalid@code']],
    ['blank name', { name: '  ' }, ['catalog.text_required@name']],
    ['no source department', { sourceDepartments: [] }, ['catalog.source_departments_required@sourceDepartments']],
    ['* with others', { sourceDepartments: ['*', '114190011000000004'] }, ['catalog.source_wildcard_alone@sourceDepartments']],
    ['org code failing its checksum', { sourceDepartments: ['114190011000000005'] }, ['catalog.source_department_invalid@sourceDepartments[0]']],
    ['same department twice', { sourceDepartments: ['114190011000000004', '114190011000000004'] }, ['catalog.source_department_duplicate@sourceDepartments[1]']],
    ['no fields', { fields: [] }, ['catalog.fields_required@fields']],
    ['enum field without values', { fields: [...fields.slice(0, 4), { name: 'lb', label: '类别', type: 'enum', required: false }] }, ['catalog.field_enum_values_required@fields[4].enumValues']],
    ['enum field with an empty list', { fields: [...fields.slice(0, 4), { name: 'lb', label: '类别', type: 'enum', required: false, enumValues: [] }] }, ['catalog.field_enum_values_required@fields[4].enumValues']],
    ['duplicate enum values', { fields: [...fields.slice(0, 4), { name: 'lb', label: '类别', type: 'enum', required: false, enumValues: ['甲', '甲'] }] }, ['catalog.field_enum_values_duplicate@fields[4].enumValues']],
    ['values on a string field', { fields: [...fields.slice(0, 4), { name: 'lb', label: '类别', type: 'string', required: false, enumValues: ['甲'] }] }, ['catalog.field_enum_values_not_allowed@fields[4].enumValues']],
    ['duplicate field name', { fields: [...fields.slice(0, 4), { name: 'xm', label: '姓名2', type: 'string', required: false }] }, ['catalog.field_name_duplicate@fields[4].name']],
    ['upper-case field name', { fields: [...fields.slice(0, 4), { name: 'Bad-Name', label: '坏', type: 'string', required: false }] }, ['catalog.field_name_invalid@fields[4].name']],
    ['unknown field type', { fields: [...fields.slice(0, 4), { name: 'x', label: 'x', type: 'blob' as never, required: false }] }, ['catalog.invalid_value@fields[4].type']],
    ['maxLength on a date', { fields: [...fields.slice(0, 4), { name: 'x', label: 'x', type: 'date', required: false, maxLength: 10 }] }, ['catalog.field_max_length_invalid@fields[4].maxLength']],
    ['zero maxLength', { fields: [...fields.slice(0, 4), { name: 'x', label: 'x', type: 'string', required: false, maxLength: 0 }] }, ['catalog.field_max_length_invalid@fields[4].maxLength']],
    ['code field without its kind', { fields: [...fields.slice(0, 4), { name: 'x', label: 'x', type: 'code', required: false }] }, ['catalog.field_code_kind_required@fields[4].codeKind']],
    ['no subject code field', { fields: fields.filter((f) => f.role !== 'subject_code') }, ['catalog.field_role_missing@fields']],
    ['bad item without a decision date', { fields: fields.filter((f) => f.role !== 'decision_date') }, ['catalog.field_role_missing@fields']],
    ['subject code of the wrong kind', { subjectType: 'organization' }, ['catalog.field_role_mismatch@fields[1].role']],
    ['two source record ids', { fields: [...fields, { name: 'wsh2', label: '文号2', type: 'string', required: true, role: 'source_record_id' }] }, ['catalog.field_role_duplicate@fields[5].role']],
    ['bad item published long-term', { publication: { kind: 'long_term', extendsWhileListed: false, basis: '依据' } }, ['catalog.publication_kind_mismatch@publication.kind']],
    ['period for the severity missing', { publication: { kind: 'by_severity', periods: {}, extendsWhileListed: true, basis: '依据' } }, ['catalog.publication_period_missing@publication.periods.ordinary']],
    ['per-record severity needs every period', { severityPerRecord: true }, ['catalog.publication_period_missing@publication.periods.minor', 'catalog.publication_period_missing@publication.periods.serious']],
    ['ordinary published 2 years', { publication: { kind: 'by_severity', periods: { ordinary: { minMonths: 3, maxMonths: 24, publishedByDefault: true } }, extendsWhileListed: true, basis: '依据' } }, ['catalog.publication_outside_national_rule@publication.periods.ordinary']],
    ['minimum above maximum', { publication: { kind: 'by_severity', periods: { ordinary: { minMonths: 9, maxMonths: 6, publishedByDefault: true } }, extendsWhileListed: true, basis: '依据' } }, ['catalog.publication_period_invalid@publication.periods.ordinary']],
    ['fixed period beyond Henan’s 5 years', { publication: { kind: 'fixed', minMonths: 12, maxMonths: 72, extendsWhileListed: false, basis: '依据' } }, ['catalog.publication_exceeds_cap@publication.maxMonths']],
    ['bad item kept after publication', { retention: { afterPublication: 'keep', basis: '依据' } }, ['catalog.retention_keep_not_allowed@retention.afterPublication']],
    ['joint punishment on an ordinary item', { jointPunishmentBasis: true }, ['catalog.joint_punishment_not_serious@jointPunishmentBasis']],
    [
      'unconfirmed utility arrears as a punishment basis (Henan Art. 27)',
      { severity: 'serious', publication: { kind: 'by_severity', periods: { serious: { ...catalogRules.nationalPeriods.serious } }, extendsWhileListed: true, basis: '依据' }, unconfirmedUtilityArrears: true, jointPunishmentBasis: true },
      ['catalog.utility_arrears_not_punishable@jointPunishmentBasis'],
    ],
    ['active rights-reducing item without review dates', { reducesRights: true }, ['catalog.rights_review_required@expertReviewedAt', 'catalog.rights_review_required@publicCommentAt']],
    ['active rights-reducing item without public comment', { reducesRights: true, expertReviewedAt: '2026-10-01' }, ['catalog.rights_review_required@publicCommentAt']],
    ['review date that does not exist', { reducesRights: true, expertReviewedAt: '2026-02-30', publicCommentAt: '2026-10-01' }, ['catalog.date_invalid@expertReviewedAt']],
    ['review date in the future', { reducesRights: true, expertReviewedAt: '2026-10-01', publicCommentAt: '2026-12-01' }, ['catalog.date_in_future@publicCommentAt']],
    ['minimum age out of range', { minSubjectAge: -1 }, ['catalog.min_subject_age_invalid@minSubjectAge']],
  ])('refuses %s, located', (_name, overrides, expected) => {
    expect(check(makeItem(overrides))).toEqual(expected);
  });

  it.each<[string, Partial<CatalogItemInput>]>([
    ['a rights-reducing item kept inactive without review dates', { reducesRights: true, active: false }],
    ['a rights-reducing item with both dates', { reducesRights: true, expertReviewedAt: '2026-09-01', publicCommentAt: '2026-10-15' }],
    ['any administrative organ as source', { sourceDepartments: ['*'] }],
    ['a cross-domain item', { keyDomain: null }],
    ['unconfirmed utility arrears that is no punishment basis', { unconfirmedUtilityArrears: true }],
    ['a shorter period than the national maximum', { publication: { kind: 'by_severity', periods: { ordinary: { minMonths: 3, maxMonths: 6, publishedByDefault: true } }, extendsWhileListed: true, basis: '依据' } }],
  ])('accepts %s', (_name, overrides) => {
    expect(check(makeItem(overrides))).toEqual([]);
  });

  it.each<[string, Partial<CatalogItemInput>, string[]]>([
    ['accepts records', {}, []],
    ['inactive', { active: false }, ['inactive']],
    ['no legal basis', { legalBasis: null }, ['no_legal_basis']],
    ['blank legal basis counts as none', { legalBasis: '   ' }, ['no_legal_basis']],
    ['rights review missing (inactive)', { reducesRights: true, active: false }, ['inactive', 'rights_review_missing']],
  ])('records: %s', (_name, overrides, reasons) => {
    expect(reasonsNotAcceptingRecords(normalizeItem(makeItem(overrides)))).toEqual(reasons);
  });

  describe('the seed file', () => {
    const items = catalogSeed.items as unknown as CatalogItemInput[];

    it.each(items.map((i) => [i.code, i] as const))('%s is valid and cites a legal basis and its source', (_code, item) => {
      expect(check(item)).toEqual([]);
      expect(item.legalBasis?.length ?? 0).toBeGreaterThan(10);
      expect(item.sourceDocument.length).toBeGreaterThan(3);
      expect(item.publication.basis.length).toBeGreaterThan(3);
    });

    it('has unique codes and the items the policy names', () => {
      const codes = items.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
      const names = items.map((i) => i.name).join('|');
      for (const word of ['行政处罚', '行政许可', '失信被执行人', '重大税收违法', '社会保险费欠缴', '道德模范', '劳动模范', '诚信之星', '青年五四奖章', '青年岗位能手', '好网民', '考试舞弊', '学术造假', '助学贷款', '伪造就业材料', '志愿服务', '职业资格', '公共事业费欠缴']) {
        expect(names).toContain(word);
      }
    });

    it('flags unconfirmed utility arrears as never a joint-punishment basis', () => {
      const utility = items.filter((i) => i.unconfirmedUtilityArrears);
      expect(utility.length).toBeGreaterThan(0);
      for (const item of utility) expect(item.jointPunishmentBasis).toBe(false);
    });

    it('lays out the 双公示 penalty with its field codes and Chinese column names, severity decided per record', () => {
      const penalty = items.find((i) => i.code === 'XZCF')!;
      expect(penalty).toMatchObject({ category: 'bad', severity: 'ordinary', severityPerRecord: true, sourceDepartments: ['*'] });
      const byName = new Map(penalty.fields.map((f) => [f.name, f]));
      expect(byName.get('cf_wsh')).toMatchObject({ label: '行政处罚决定书文号', role: 'source_record_id', required: true });
      expect(byName.get('cf_jdrq')).toMatchObject({ label: '处罚决定日期', type: 'date', role: 'decision_date' });
      expect(byName.get('cf_nr_fk')).toMatchObject({ label: '罚款金额（万元）', type: 'decimal' });
      const permit = items.find((i) => i.code === 'XZXK')!;
      expect(permit.fields.find((f) => f.name === 'xk_xklb')).toMatchObject({ type: 'enum', enumValues: ['普通', '特许', '认可', '核准', '登记', '其他'] });
    });

    it('students: adults only, and not in use before expert review and public comment', () => {
      const students = items.filter((i) => i.code.startsWith('XS_'));
      expect(students).toHaveLength(4);
      for (const item of students) expect(item).toMatchObject({ minSubjectAge: 18, reducesRights: true, active: false });
    });
  });
});
