import { describe, expect, it } from 'vitest';
import type { PublicationRule, Severity } from '../catalog/index.ts';
import { computeRepairEligibility } from './eligibility.ts';
import { repairRules } from './rules.ts';
import type { RepairEvidence } from './schema.ts';

// XZCF's rule (《信用修复管理办法》): minor ≤ 3 months, ordinary 3–12, serious 12–36.
const XZCF: PublicationRule = {
  kind: 'by_severity',
  periods: {
    minor: { minMonths: 0, maxMonths: 3, publishedByDefault: false },
    ordinary: { minMonths: 3, maxMonths: 12, publishedByDefault: true },
    serious: { minMonths: 12, maxMonths: 36, publishedByDefault: true },
  },
  extendsWhileListed: true,
  basis: 'test',
};
const FULL: RepairEvidence = { obligationsPerformed: true, obligationsProof: '缴款凭证 001', commitmentLetter: true, creditTraining: false, volunteerHours: 0, donationFen: 0 };
const ADULT = '1990-01-01';
const MINOR = '2010-05-01'; // 18 on 2028-05-01

const cases: Array<[string, { severity: Severity; itemCode?: string; today: string; evidence?: Partial<RepairEvidence>; birthDate?: string | null; lastRepairedOn?: string | null }, { eligible: boolean; earliestOn: string; unmet?: string[]; refusal?: string }]> = [
  ['ordinary: refused the day before 3 months', { severity: 'ordinary', today: '2026-06-04' }, { eligible: false, earliestOn: '2026-06-05', unmet: ['minimum_period'] }],
  ['ordinary: eligible on the day 3 months have passed', { severity: 'ordinary', today: '2026-06-05' }, { eligible: true, earliestOn: '2026-06-05' }],
  ['serious: refused before 1 year', { severity: 'serious', today: '2027-03-04' }, { eligible: false, earliestOn: '2027-03-05', unmet: ['minimum_period'] }],
  ['serious: eligible after 1 year', { severity: 'serious', today: '2027-03-05' }, { eligible: true, earliestOn: '2027-03-05' }],
  ['minor: may apply at once once the obligation is performed', { severity: 'minor', today: '2026-03-05' }, { eligible: true, earliestOn: '2026-03-05' }],
  ['obligations not performed', { severity: 'ordinary', today: '2026-07-01', evidence: { obligationsPerformed: false } }, { eligible: false, earliestOn: '2026-06-05', unmet: ['obligations_performed'] }],
  ['no commitment letter', { severity: 'serious', today: '2027-04-01', evidence: { commitmentLetter: false } }, { eligible: false, earliestOn: '2027-03-05', unmet: ['commitment_letter'] }],
  ['everything missing, located', { severity: 'ordinary', today: '2026-04-01', evidence: { obligationsPerformed: false, commitmentLetter: false } }, { eligible: false, earliestOn: '2026-06-05', unmet: ['minimum_period', 'obligations_performed', 'commitment_letter'] }],
  ['a law says not repairable (失信被执行人)', { severity: 'serious', itemCode: 'SXBZXR', today: '2028-01-01' }, { eligible: false, earliestOn: '2027-03-05', refusal: 'repair.not_repairable' }],
  ['repaired within the past year', { severity: 'ordinary', today: '2026-07-01', lastRepairedOn: '2025-07-02' }, { eligible: false, earliestOn: '2026-06-05', refusal: 'repair.repaired_recently' }],
  ['a repair more than a year ago does not bar', { severity: 'ordinary', today: '2026-07-01', lastRepairedOn: '2025-07-01' }, { eligible: true, earliestOn: '2026-06-05' }],
  ['publication already ended at the maximum', { severity: 'ordinary', today: '2027-03-05' }, { eligible: false, earliestOn: '2026-06-05', refusal: 'repair.publication_ended' }],
  ['minor at the act, ordinary: no minimum period', { severity: 'ordinary', today: '2026-03-06', birthDate: MINOR }, { eligible: true, earliestOn: '2026-03-05' }],
  ['minor at the act, serious: no minimum period', { severity: 'serious', today: '2026-03-06', birthDate: MINOR }, { eligible: true, earliestOn: '2026-03-05' }],
  ['minor at the act, minor severity: ends at correction, no commitment asked', { severity: 'minor', today: '2026-03-06', birthDate: MINOR, evidence: { commitmentLetter: false } }, { eligible: true, earliestOn: '2026-03-05' }],
  ['minor at the act, not yet corrected', { severity: 'minor', today: '2026-03-06', birthDate: MINOR, evidence: { obligationsPerformed: false } }, { eligible: false, earliestOn: '2026-03-05', unmet: ['obligations_performed'] }],
];

describe('computeRepairEligibility (《信用修复管理办法》, minors rule)', () => {
  it.each(cases)('%s', (_name, given, expected) => {
    const result = computeRepairEligibility(
      {
        record: { itemCode: given.itemCode ?? 'XZCF', severity: given.severity, decisionDate: '2026-03-05' },
        publication: given.itemCode === 'SXBZXR' ? { kind: 'fixed', minMonths: 0, maxMonths: 60, extendsWhileListed: true, basis: 'test' } : XZCF,
        evidence: { ...FULL, ...given.evidence },
        today: given.today,
        birthDate: given.birthDate === undefined ? ADULT : given.birthDate,
        lastRepairedOn: given.lastRepairedOn ?? null,
      },
      repairRules,
    );
    expect(result.eligible).toBe(expected.eligible);
    expect(result.earliestOn).toBe(given.itemCode === 'SXBZXR' ? '2026-03-05' : expected.earliestOn);
    expect(result.checklist.filter((c) => !c.met).map((c) => c.condition)).toEqual(expected.unmet ?? []);
    expect(result.refusal?.code ?? null).toBe(expected.refusal ?? null);
  });

  it('locates each missing condition at the evidence field the applicant fills in', () => {
    const r = computeRepairEligibility(
      { record: { itemCode: 'XZCF', severity: 'ordinary', decisionDate: '2026-03-05' }, publication: XZCF, evidence: { ...FULL, commitmentLetter: false }, today: '2026-07-01', birthDate: null, lastRepairedOn: null },
      repairRules,
    );
    expect(r.checklist.map((c) => [c.condition, c.field, c.met])).toEqual([
      ['minimum_period', null, true],
      ['obligations_performed', 'evidence.obligationsPerformed', true],
      ['commitment_letter', 'evidence.commitmentLetter', false],
    ]);
    expect(r.checklist.every((c) => c.basis.length > 2)).toBe(true);
  });
});
