import seed from './seed/escalation.json' with { type: 'json' };
import { toDayNumber } from './working-days.ts';

/**
 * 逾期督办 (issue 7: "overdue items escalate on the dashboard"): when an open objection or repair
 * application past its deadline escalates, from `seed/escalation.json` (each level with its source).
 * Shared because both modules apply the same ladder to their own deadlines; the working days come
 * from the calendar through the caller's `addWorkingDays`.
 */
export const ESCALATION_LEVELS = [1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface EscalationRules {
  /** Level n is reached once this many working days after the deadline have passed (level 1: 0, the day after the deadline). */
  levels: ReadonlyArray<{ level: EscalationLevel; afterWorkingDays: number }>;
}

export const escalationRules: EscalationRules = {
  levels: [
    { level: 1, afterWorkingDays: seed.remindDepartment.afterWorkingDays },
    { level: 2, afterWorkingDays: seed.platformSupervises.afterWorkingDays },
  ],
};

/** Where an overdue case stands: calendar days past its deadline and the level it has reached. */
export interface Escalation {
  dueOn: string;
  daysOverdue: number;
  level: EscalationLevel;
}

/** One open case past its deadline, as the dashboard lists it. No person is named in it. */
export interface OverdueCase extends Escalation {
  kind: 'objection' | 'repair';
  id: string;
  departmentId: string;
  /** objection | correction; repair: accepted (the department reviews) | reviewed (the platform decides) */
  stage: string;
}

/**
 * The escalation of a case due on `dueOn`, seen on `today` (both `YYYY-MM-DD`), or null while it is
 * not overdue. A level is reached the day after its own deadline (`dueOn` + its working days), just
 * as a case becomes overdue the day after `dueOn`.
 */
export async function escalationOf(
  dueOn: string,
  today: string,
  addWorkingDays: (date: string, days: number) => Promise<string>,
  rules: EscalationRules = escalationRules,
): Promise<Escalation | null> {
  let level: EscalationLevel | null = null;
  for (const step of rules.levels) {
    if (today > (await addWorkingDays(dueOn, step.afterWorkingDays))) level = step.level;
  }
  return level === null ? null : { dueOn, daysOverdue: toDayNumber(today) - toDayNumber(dueOn), level };
}

export interface OverdueAmong<T> {
  row: T;
  escalation: Escalation;
}

/** The cases among `rows` overdue on `today` (each due on `dueOf(row)`), with their escalation, earliest deadline first. */
export async function overdueAmong<T>(
  rows: readonly T[],
  dueOf: (row: T) => string,
  today: string,
  addWorkingDays: (date: string, days: number) => Promise<string>,
): Promise<Array<OverdueAmong<T>>> {
  const cases: Array<OverdueAmong<T>> = [];
  for (const row of rows) {
    const escalation = await escalationOf(dueOf(row), today, addWorkingDays);
    if (escalation) cases.push({ row, escalation });
  }
  return cases.sort((a, b) => a.escalation.dueOn.localeCompare(b.escalation.dueOn));
}

/**
 * The job's part both modules share: for each overdue case, every level reached that has no
 * `escalate` event yet (`written` holds `<case id>:<level>`) is written by `write`, which stores
 * the event and its audit entry in one transaction and says whether it did (a level is unique per
 * case, so a concurrent run writes nothing twice). Returns the number written.
 */
export async function writeEscalations<T>(
  cases: ReadonlyArray<OverdueAmong<T>>,
  idOf: (row: T) => string,
  written: ReadonlySet<string>,
  write: (row: T, level: EscalationLevel, escalation: Escalation) => Promise<boolean>,
): Promise<number> {
  let count = 0;
  for (const { row, escalation } of cases) {
    for (const level of ESCALATION_LEVELS.filter((l) => l <= escalation.level && !written.has(`${idOf(row)}:${l}`))) {
      if (await write(row, level, escalation)) count += 1;
    }
  }
  return count;
}

/** The history note of an `escalate` event (Chinese first, like the other notes). */
export function escalationNote(level: EscalationLevel, dueOn: string): string {
  return level === 1
    ? `一级督办：办理期限 ${dueOn} 已过，提醒承办部门办理 / level 1: past the deadline, the department is reminded`
    : `二级督办：逾期仍未办结，由平台信用办督办 / level 2: still open, the platform's credit office supervises`;
}
