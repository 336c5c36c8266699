import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The review rules' parameters and the calendar arithmetic they need. Pure functions: the
 * service reads the numbers from `audit_review_rules` and the entries from the database.
 *
 * Days are calendar dates in Asia/Shanghai (YYYY-MM-DD). Shanghai is UTC+8 all year (no daylight
 * saving since 1991), so a day is the UTC instants [D-1T16:00Z, DT16:00Z) and the database is
 * asked `at >= ? and at < ?` with ISO instants — the same query on both engines.
 */
const SHANGHAI_OFFSET = '+08:00';
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export const RULE_KEYS = ['volume_spike', 'off_hours', 'no_purpose', 'many_subjects'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

const HourMinute = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, Asia/Shanghai' });

export const RULE_PARAM_SCHEMAS = {
  volume_spike: Type.Object(
    {
      /** Today's reads must reach this multiple of the mean daily reads of the baseline period. */
      factor: Type.Number({ minimum: 1, maximum: 1000 }),
      /** Days before the reviewed day whose mean is the baseline. */
      baselineDays: Type.Integer({ minimum: 1, maximum: 366 }),
      /** Below this many reads in a day nothing is a spike, whatever the baseline. */
      minReads: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  off_hours: Type.Object(
    {
      /** Working hours start (inclusive). */
      workdayStart: HourMinute,
      /** Working hours end (exclusive): a read at this minute or later is off hours. */
      workdayEnd: HourMinute,
      /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
      workingWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { uniqueItems: true, maxItems: 7 }),
      /** Off-hours reads in a day needed for a finding. */
      minReads: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  no_purpose: Type.Object(
    {
      /** Reads without purpose or legal basis in a day needed for a finding. */
      minReads: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  many_subjects: Type.Object(
    {
      /** Distinct persons one user reads in a day that make a finding. */
      threshold: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
} satisfies Record<RuleKey, TSchema>;

export type VolumeSpikeParams = Static<(typeof RULE_PARAM_SCHEMAS)['volume_spike']>;
export type OffHoursParams = Static<(typeof RULE_PARAM_SCHEMAS)['off_hours']>;
export type NoPurposeParams = Static<(typeof RULE_PARAM_SCHEMAS)['no_purpose']>;
export type ManySubjectsParams = Static<(typeof RULE_PARAM_SCHEMAS)['many_subjects']>;

export interface RuleParams {
  volume_spike: VolumeSpikeParams;
  off_hours: OffHoursParams;
  no_purpose: NoPurposeParams;
  many_subjects: ManySubjectsParams;
}

export function isRuleKey(value: string): value is RuleKey {
  return (RULE_KEYS as readonly string[]).includes(value);
}

/** Why a rule's parameters are not acceptable (`/factor: must be >= 1`), or null when they are. */
export function ruleParamsProblem(key: RuleKey, params: unknown): string | null {
  const schema = RULE_PARAM_SCHEMAS[key];
  if (Value.Check(schema, params)) {
    if (key === 'off_hours') {
      const p = params as OffHoursParams;
      if (minutesOf(p.workdayStart) >= minutesOf(p.workdayEnd)) return '/workdayEnd: must be later than workdayStart';
    }
    return null;
  }
  const first = [...Value.Errors(schema, params)][0];
  return first ? `${first.instancePath || '/'}: ${first.message}` : 'invalid';
}

// ---------------------------------------------------------------------------------------------
// Calendar days in Asia/Shanghai

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The instant a Shanghai calendar day begins. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00${SHANGHAI_OFFSET}`);
}

/** A half-open window of UTC instants [from, to), as ISO strings the database compares. */
export interface Window {
  from: string;
  to: string;
}

export function dayWindow(day: string): Window {
  return { from: startOfDay(day).toISOString(), to: startOfDay(addDays(day, 1)).toISOString() };
}

/** The `days` whole days before `day`: the baseline a spike is measured against. */
export function daysBeforeWindow(day: string, days: number): Window {
  return { from: startOfDay(addDays(day, -days)).toISOString(), to: startOfDay(day).toISOString() };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The parts of a day that are outside working hours: the whole day when it is not a working
 * weekday, otherwise [00:00, workdayStart) and [workdayEnd, 24:00). Statutory holidays and
 * make-up working days (调休) are not known here yet; they arrive with the working-day calendar.
 */
export function offHoursWindows(day: string, p: OffHoursParams): Window[] {
  const whole = dayWindow(day);
  if (!p.workingWeekdays.includes(isoWeekday(day))) return [whole];
  const start = startOfDay(day).getTime();
  const windows: Window[] = [];
  const workStart = minutesOf(p.workdayStart);
  const workEnd = minutesOf(p.workdayEnd);
  if (workStart > 0) windows.push({ from: whole.from, to: new Date(start + workStart * MINUTE_MS).toISOString() });
  windows.push({ from: new Date(start + workEnd * MINUTE_MS).toISOString(), to: whole.to });
  return windows;
}

/**
 * A spike: `reads` ≥ minReads and ≥ factor × (baselineReads / baselineDays). Compared as
 * `reads × baselineDays ≥ factor × baselineReads` so no mean is rounded. A user with no reads in
 * the baseline period spikes as soon as they reach minReads.
 */
export function isVolumeSpike(reads: number, baselineReads: number, p: VolumeSpikeParams): boolean {
  return reads >= p.minReads && reads * p.baselineDays >= p.factor * baselineReads;
}

/**
 * The days a daily review still has to cover, oldest first: every day after the last reviewed
 * one up to yesterday (today is not over). With no earlier review, just yesterday. A server that
 * was down for a week catches up on the week; nothing is skipped.
 */
export function reviewDueDays(lastRunDay: string | null, today: string): string[] {
  const yesterday = addDays(today, -1);
  if (lastRunDay === null) return [yesterday];
  const days: string[] = [];
  for (let day = addDays(lastRunDay, 1); day <= yesterday; day = addDays(day, 1)) days.push(day);
  return days;
}
