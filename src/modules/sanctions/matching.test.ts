import { describe, expect, it } from 'vitest';
import type { SubjectRecordFact } from '../records/index.ts';
import type { StandingEntry, SubjectStanding } from '../lists/standing.ts';
import { addMonths, matchMeasures, publishedUntil, type ItemFacts } from './matching.ts';
import type { MeasureInput, Trigger } from './schema.ts';

const bySeverity = { kind: 'by_severity', periods: { minor: { minMonths: 0, maxMonths: 3, publishedByDefault: false }, ordinary: { minMonths: 3, maxMonths: 12, publishedByDefault: true }, serious: { minMonths: 12, maxMonths: 36, publishedByDefault: true } }, extendsWhileListed: false, basis: 'test' } as const;
const ITEMS = new Map<string, ItemFacts>([
  ['XZCF', { code: 'XZCF', publication: bySeverity, jointPunishmentBasis: true, unconfirmedUtilityArrears: false }],
  ['SXBZXR', { code: 'SXBZXR', publication: { kind: 'fixed', minMonths: 0, maxMonths: 60, extendsWhileListed: true, basis: 'test' }, jointPunishmentBasis: true, unconfirmedUtilityArrears: false }],
  ['XS_WZJYCL', { code: 'XS_WZJYCL', publication: bySeverity, jointPunishmentBasis: false, unconfirmedUtilityArrears: false }],
  ['GGSYQF', { code: 'GGSYQF', publication: bySeverity, jointPunishmentBasis: true, unconfirmedUtilityArrears: true }],
]);

function measure(code: string, triggers: Trigger[], o: Partial<MeasureInput> = {}): MeasureInput {
  const reward = triggers.some((t) => t.type === 'clean_for_years' || (t.type === 'list' && t.list === 'red'));
  return {
    code,
    memorandumCode: 'M',
    kind: reward ? 'reward' : 'punishment',
    severityFit: reward ? 'incentive' : 'listed',
    name: code,
    matter: '事项',
    means: '手段',
    target: { subjectTypes: ['person', 'organization'], reachesResponsiblePersons: true },
    implementingDepartment: { name: '部门', orgCode: null },
    legalBasis: '依据',
    scenarios: ['s'],
    triggers,
    guidance: '提示',
    active: true,
    ...o,
  };
}

function entry(o: Partial<StandingEntry>): StandingEntry {
  return { entryId: 'e1', list: 'serious_dishonesty', category: 'defying_obligations', itemCodes: ['SXBZXR'], recordIds: ['r0'], severity: 'serious', basis: '依据', departmentId: 'd', listedOn: '2026-11-01', endsOn: null, via: null, ...o };
}

function record(o: Partial<SubjectRecordFact>): SubjectRecordFact {
  return { recordId: 'r1', departmentId: 'd', itemCode: 'XZCF', sourceRecordId: 'x', subjectType: 'person', personId: 'p', organizationId: null, subjectName: '张三', severity: 'serious', decisionDate: '2026-06-01', linkedRecordId: null, linkRole: null, currentVersion: 1, updatedAt: '2026-06-01T00:00:00Z', ...o };
}

function standing(entries: StandingEntry[], clean = false): SubjectStanding {
  return { subject: { type: 'person', id: 'p' }, asOf: '2026-12-01', entries, cleanForYears: clean, lastBadRecordOn: clean ? null : '2026-06-01' };
}

const LISTED = measure('LISTED', [{ type: 'list', list: 'serious_dishonesty', itemCodes: ['SXBZXR'] }]);
const BY_RECORD = measure('BY_RECORD', [{ type: 'record', itemCodes: ['XZCF', 'XS_WZJYCL', 'GGSYQF'], minSeverity: 'ordinary' }], { severityFit: 'basic' });
const PERSON_NO_REACH = measure('NO_REACH', [{ type: 'list', list: 'serious_dishonesty' }], { target: { subjectTypes: ['person'], reachesResponsiblePersons: false } });
const ORG_ONLY = measure('ORG_ONLY', [{ type: 'list', list: 'serious_dishonesty' }], { target: { subjectTypes: ['organization'], reachesResponsiblePersons: false } });
const GREEN = measure('GREEN', [{ type: 'list', list: 'red' }, { type: 'clean_for_years' }], { target: { subjectTypes: ['person'], reachesResponsiblePersons: false } });
const WATCH_TAX = measure('WATCH_TAX', [{ type: 'list', list: 'watch', categories: ['tax_dishonesty'] }], { severityFit: 'basic' });
const ALL = [LISTED, BY_RECORD, PERSON_NO_REACH, ORG_ONLY, GREEN, WATCH_TAX];
const VIA = { organizationId: 'o', organizationName: '某公司', role: 'legal_representative' };

describe('trigger matching', () => {
  it.each([
    ['a listed person meets the listed measures aimed at persons', 'person', [entry({})], [], false, ['LISTED', 'NO_REACH']],
    ['an entry of another item does not meet an item-bound measure', 'person', [entry({ itemCodes: ['XZCF'] })], [], false, ['NO_REACH']],
    ['a person reached through an organization meets only measures that reach responsible persons', 'person', [entry({ via: VIA })], [], false, ['LISTED']],
    ['an organization meets organization measures and those reaching its people', 'organization', [entry({})], [], false, ['LISTED', 'ORG_ONLY']],
    ['a serious record in its window', 'person', [], [record({})], false, ['BY_RECORD']],
    ['an ordinary record meets a minimum of ordinary', 'person', [], [record({ severity: 'ordinary', decisionDate: '2026-03-01' })], false, ['BY_RECORD']],
    ['a minor record is below the minimum', 'person', [], [record({ severity: 'minor' })], false, []],
    ['an ordinary record past its 12-month window', 'person', [], [record({ severity: 'ordinary', decisionDate: '2025-12-01' })], false, []],
    ['an ordinary record on the last day of its window', 'person', [], [record({ severity: 'ordinary', decisionDate: '2025-12-02' })], false, ['BY_RECORD']],
    ['an item that is no joint-punishment basis never punishes', 'person', [], [record({ itemCode: 'XS_WZJYCL' })], false, []],
    ['unconfirmed utility arrears never punish, as a record (Henan Art. 27)', 'person', [], [record({ itemCode: 'GGSYQF' })], false, []],
    ['unconfirmed utility arrears never punish, as the only basis of an entry', 'person', [entry({ itemCodes: ['GGSYQF'] })], [], false, []],
    ['a derived record reaches a person only for measures that reach responsible persons', 'person', [], [record({ linkedRecordId: 'o1', linkRole: 'legal_representative' })], false, ['BY_RECORD']],
    ['a red-listed person gets the rewards', 'person', [entry({ list: 'red', category: 'DDMF', itemCodes: ['DDMF'], severity: null })], [], true, ['GREEN']],
    ['a clean person gets the rewards', 'person', [], [], true, ['GREEN']],
    ['no reward while a serious-dishonesty entry is in force', 'person', [entry({ list: 'red', itemCodes: [] }), entry({ entryId: 'e2' })], [], false, ['LISTED', 'NO_REACH']],
    ['a watch-list category', 'person', [entry({ list: 'watch', category: 'tax_dishonesty', itemCodes: [] })], [], false, ['WATCH_TAX']],
    ['another watch-list category', 'person', [entry({ list: 'watch', category: 'telecom_fraud', itemCodes: [] })], [], false, []],
  ] as const)('%s', (_name, subjectType, entries, records, clean, expected) => {
    const matched = matchMeasures(ALL, { subjectType, standing: standing([...entries], clean), records: [...records], items: ITEMS, today: '2026-12-01', rewardsWithheldWhileListed: true });
    expect(matched.map((m) => m.measure.code).sort()).toEqual([...expected].sort());
  });

  it('lists own entries before entries via an organization, then records by severity', () => {
    const [m] = matchMeasures([measure('X', [{ type: 'list', list: 'serious_dishonesty' }, { type: 'record', itemCodes: ['XZCF'], minSeverity: 'ordinary' }])], {
      subjectType: 'person',
      standing: standing([entry({ entryId: 'via', via: VIA }), entry({ entryId: 'own' })]),
      records: [record({ recordId: 'ord', severity: 'ordinary', decisionDate: '2026-10-01' }), record({ recordId: 'ser' })],
      items: ITEMS,
      today: '2026-12-01',
      rewardsWithheldWhileListed: true,
    });
    expect(m!.triggers.map((t) => (t.type === 'list' ? t.entryId : t.type === 'record' ? t.recordId : t.type))).toEqual(['own', 'via', 'ser', 'ord']);
    expect(m!.triggers[2]).toMatchObject({ type: 'record', publishedUntil: '2029-05-31' });
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-06-15', 36, '2029-06-15'],
  ] as const)('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('publication windows by rule kind', () => {
    expect(publishedUntil(bySeverity, 'serious', '2026-01-01')).toBe('2028-12-31');
    expect(publishedUntil(bySeverity, null, '2026-01-01')).toBeUndefined();
    expect(publishedUntil({ kind: 'long_term', extendsWhileListed: false, basis: 'x' }, null, '2026-01-01')).toBeNull();
    expect(publishedUntil({ kind: 'not_published', extendsWhileListed: false, basis: 'x' }, 'serious', '2026-01-01')).toBeUndefined();
  });
});
