import type { PublicationRule, Severity } from '../catalog/index.ts';
import { addMonths, publishedUntil } from '../sanctions/index.ts';
import { isMinorAtAct } from '../disclosure/index.ts';
import type { RepairEvidence } from './schema.ts';

/** `seed/repair-rules.json`, every number with its source. */
export interface RepairRules {
  minimumMonths: Record<Severity, number> & { basis: string };
  conditions: Array<{ code: ConditionCode; requiredFor: Severity[]; basis: string }>;
  refusals: {
    notRepairableItems: { basis: string; itemCodes: string[] };
    falseMaterial: { basis: string };
    repeatWithinMonths: { basis: string; months: number };
  };
  deadlines: Record<'platformFeedbackWorkingDays' | 'decidingAuthorityWorkingDays' | 'repairOnceMetWorkingDays', { days: number; basis: string }>;
  minors: { basis: string; adultAge: number; minorEndsAtCorrection: boolean; otherSeveritiesWaiveMinimum: boolean };
}

export type ConditionCode = 'minimum_period' | 'obligations_performed' | 'commitment_letter' | 'credit_training' | 'public_service';

/** Definitive reasons the rules exclude a repair (no evidence changes them). */
export type RefusalCode = 'repair.not_repairable' | 'repair.repaired_recently' | 'repair.publication_ended';

export interface EligibilityInput {
  record: { itemCode: string; severity: Severity; decisionDate: string };
  publication: PublicationRule;
  evidence: RepairEvidence;
  /** YYYY-MM-DD, Asia/Shanghai */
  today: string;
  /** The applicant's birth date, when known (minors rule) */
  birthDate: string | null;
  /** The last day a repair of this person was granted, if any */
  lastRepairedOn: string | null;
}

export interface ChecklistItem {
  condition: ConditionCode;
  met: boolean;
  /** Where the applicant supplies it (`evidence.commitmentLetter`), or null for the period */
  field: string | null;
  basis: string;
}

export interface Eligibility {
  eligible: boolean;
  /** The first day an application may be made on the period alone */
  earliestOn: string;
  /** The last day of publication (null: long-term, undefined-like records never published are treated as ended) */
  publishedUntil: string | null;
  minorAtAct: boolean;
  /** The conditions the rules require for this record, met or not */
  checklist: ChecklistItem[];
  refusal: { code: RefusalCode; basis: string } | null;
}

const FIELDS: Record<ConditionCode, string | null> = {
  minimum_period: null,
  obligations_performed: 'evidence.obligationsPerformed',
  commitment_letter: 'evidence.commitmentLetter',
  credit_training: 'evidence.creditTraining',
  public_service: 'evidence.volunteerHours',
};

function isMet(code: ConditionCode, input: EligibilityInput, earliestOn: string): boolean {
  const e = input.evidence;
  switch (code) {
    case 'minimum_period':
      return input.today >= earliestOn;
    case 'obligations_performed':
      return e.obligationsPerformed;
    case 'commitment_letter':
      return e.commitmentLetter;
    case 'credit_training':
      return e.creditTraining;
    case 'public_service':
      return e.volunteerHours > 0 || e.donationFen > 0;
  }
}

/**
 * Whether one bad record may be repaired today, and what is missing (《信用修复管理办法》; the
 * minors rule of 济政办〔2017〕55号 (四)10 as STANDARDS.md reads it). Pure: the caller supplies
 * the record, its item's publication rule, the declared evidence, the date and the rule table.
 */
export function computeRepairEligibility(input: EligibilityInput, rules: RepairRules): Eligibility {
  const { record, publication } = input;
  const minorAtAct = input.birthDate !== null && isMinorAtAct(input.birthDate, record.decisionDate, rules.minors.adultAge);
  // The item's own minimum wins; the national default covers items that set none.
  const itemMin = publication.kind === 'fixed' ? publication.minMonths : publication.periods?.[record.severity]?.minMonths;
  const minMonths = minorAtAct && rules.minors.otherSeveritiesWaiveMinimum ? 0 : (itemMin ?? rules.minimumMonths[record.severity]);
  const earliestOn = addMonths(record.decisionDate, minMonths);
  const until = publishedUntil(publication, record.severity, record.decisionDate);
  // A minor's minor dishonesty ends at correction: only the correction is asked for.
  const endsAtCorrection = minorAtAct && record.severity === 'minor' && rules.minors.minorEndsAtCorrection;
  const required = endsAtCorrection ? rules.conditions.filter((c) => c.code === 'obligations_performed') : rules.conditions.filter((c) => c.requiredFor.includes(record.severity));
  const checklist = required.map((c) => ({ condition: c.code, met: isMet(c.code, input, earliestOn), field: FIELDS[c.code], basis: c.basis }));
  const refusal = refusalOf(input, rules, until);
  return { eligible: refusal === null && checklist.every((c) => c.met), earliestOn, publishedUntil: until ?? null, minorAtAct, checklist, refusal };
}

function refusalOf(input: EligibilityInput, rules: RepairRules, until: string | null | undefined): Eligibility['refusal'] {
  const { refusals } = rules;
  if (refusals.notRepairableItems.itemCodes.includes(input.record.itemCode)) return { code: 'repair.not_repairable', basis: refusals.notRepairableItems.basis };
  // Publication already stopped at its maximum (or never ran): there is nothing left to repair.
  if (until === undefined || (until !== null && until < input.today)) return { code: 'repair.publication_ended', basis: rules.minimumMonths.basis };
  if (input.lastRepairedOn !== null && addMonths(input.lastRepairedOn, refusals.repeatWithinMonths.months) > input.today) {
    return { code: 'repair.repaired_recently', basis: refusals.repeatWithinMonths.basis };
  }
  return null;
}
