import type { ItemFacts } from './matching.ts';
import type { MeasureInput } from './schema.ts';

/** One thing wrong with a definition, located inside it (`triggers[1].itemCodes[0]`). */
export interface DefinitionProblem {
  code: string;
  field: string;
  reason: string;
  facts: Record<string, unknown>;
}

export interface MeasureContext {
  memoranda: ReadonlySet<string>;
  scenarios: ReadonlySet<string>;
  items: ReadonlyMap<string, ItemFacts>;
  departmentOrgCodes: ReadonlySet<string>;
}

const problem = (code: string, field: string, reason: string, facts: Record<string, unknown> = {}): DefinitionProblem => ({ code, field, reason, facts });

function duplicates(values: readonly string[], field: string): DefinitionProblem[] {
  return values.flatMap((v, i) => (values.indexOf(v) !== i ? [problem('sanctions.duplicate_value', `${field}[${i}]`, 'duplicate', { value: v })] : []));
}

/**
 * Every problem with a measure, checked as a whole on seed, create and update:
 * - the five elements of Henan Art. 29 are there (the schema requires them), the memorandum,
 *   scenarios and implementing department exist;
 * - severity fit (国办发〔2020〕49号, Henan Art. 31–34): rewards are `incentive` and triggered only by
 *   the red list or a clean record; punishments are `basic` or `listed`, and `listed` ones only by
 *   the serious-dishonesty list or serious records;
 * - record triggers name catalog items that are a joint-punishment basis, and nothing a punishment
 *   rests on may be unconfirmed utility arrears (Art. 27, a hard rule);
 * - a measure that reaches responsible persons targets persons (Art. 35).
 */
export function validateMeasure(m: MeasureInput, c: MeasureContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!c.memoranda.has(m.memorandumCode)) problems.push(problem('sanctions.unknown_memorandum', 'memorandumCode', 'unknown', { value: m.memorandumCode }));
  m.scenarios.forEach((s, i) => {
    if (!c.scenarios.has(s)) problems.push(problem('sanctions.unknown_scenario', `scenarios[${i}]`, 'unknown', { value: s, allowed: [...c.scenarios].join(', ') }));
  });
  problems.push(...duplicates(m.scenarios, 'scenarios'), ...duplicates(m.target.subjectTypes, 'target.subjectTypes'));
  const orgCode = m.implementingDepartment.orgCode;
  if (orgCode !== null && !c.departmentOrgCodes.has(orgCode)) problems.push(problem('sanctions.unknown_department', 'implementingDepartment.orgCode', 'unknown', { value: orgCode }));
  if (m.target.reachesResponsiblePersons && !m.target.subjectTypes.includes('person')) problems.push(problem('sanctions.reach_needs_person', 'target.reachesResponsiblePersons', 'needs_person'));
  const isReward = m.kind === 'reward';
  if (isReward !== (m.severityFit === 'incentive')) problems.push(problem('sanctions.kind_fit_mismatch', 'severityFit', 'mismatch', { kind: m.kind }));

  m.triggers.forEach((t, i) => {
    const at = `triggers[${i}]`;
    const rewarding = t.type === 'clean_for_years' || (t.type === 'list' && t.list === 'red');
    if (rewarding !== isReward) {
      problems.push(problem('sanctions.trigger_kind_mismatch', at, 'mismatch', { kind: m.kind }));
      return;
    }
    if (m.severityFit === 'listed') {
      const serious = (t.type === 'list' && t.list === 'serious_dishonesty') || (t.type === 'record' && t.minSeverity === 'serious');
      if (!serious) problems.push(problem('sanctions.trigger_not_listed', at, 'not_serious'));
    }
    if (t.type === 'clean_for_years') return;
    (t.itemCodes ?? []).forEach((code, j) => {
      const field = `${at}.itemCodes[${j}]`;
      const item = c.items.get(code);
      if (!item) problems.push(problem('sanctions.unknown_item', field, 'unknown', { value: code }));
      else if (!isReward && (item.unconfirmedUtilityArrears || (t.type === 'record' && !item.jointPunishmentBasis))) {
        problems.push(problem('sanctions.item_not_punishable', field, 'not_punishable', { value: code }));
      }
    });
  });
  return problems;
}
