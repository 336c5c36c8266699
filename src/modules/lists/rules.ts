import rulesSeed from './seed/list-rules.json' with { type: 'json' };
import { WATCH_CATEGORIES, type ListKind } from './standing.ts';

export interface Bounds {
  defaultMonths: number;
  minMonths: number;
  maxMonths: number;
}

export interface NamedCategory {
  code: string;
  zh: string;
  en: string;
}

/** The lists module's numbers and categories, from `seed/list-rules.json` (each with its source). */
export interface ListRules {
  version: string;
  /** Policy (三)5: no bad record for this many years or more. */
  cleanYears: number;
  /** Henan Art. 28, STANDARDS.md: a serious-dishonesty candidate may state a defence within these working days. */
  defenceWorkingDays: number;
  /** Henan Art. 28: red-list candidates are announced for these working days before confirmation. */
  redAnnouncementWorkingDays: number;
  validity: Record<ListKind, Bounds>;
  /** Lists whose organization entries reach the organization's responsible persons (Henan Art. 35). */
  reachesResponsiblePersons: readonly ListKind[];
  /** Catalog items (good records) a red entry may rest on, and the red category each gives. */
  redItems: ReadonlyMap<string, NamedCategory>;
  /** Red categories resting on a case (media, credit agency) rather than a record. */
  redCases: readonly NamedCategory[];
  seriousCategories: readonly NamedCategory[];
  watchCategories: readonly NamedCategory[];
}

export const listRules: ListRules = {
  version: rulesSeed.version,
  cleanYears: rulesSeed.cleanYears.value,
  defenceWorkingDays: rulesSeed.defenceWorkingDays.value,
  redAnnouncementWorkingDays: rulesSeed.redAnnouncementWorkingDays.value,
  validity: { red: rulesSeed.validityMonths.red, serious_dishonesty: rulesSeed.validityMonths.serious_dishonesty, watch: rulesSeed.validityMonths.watch },
  reachesResponsiblePersons: rulesSeed.reachesResponsiblePersons.lists as ListKind[],
  redItems: new Map(rulesSeed.redSources.items.map((i) => [i.itemCode, { code: i.category, zh: i.zh, en: i.en }])),
  redCases: rulesSeed.redSources.cases.map((c) => ({ code: c.category, zh: c.zh, en: c.en })),
  seriousCategories: rulesSeed.seriousCategories.values,
  watchCategories: rulesSeed.watchCategories.values,
};

// The seed names the same six watch categories as the contract (standing.ts); a drift is a start-up error.
if (listRules.watchCategories.map((c) => c.code).join() !== WATCH_CATEGORIES.join()) throw new Error('seed/list-rules.json watchCategories differ from WATCH_CATEGORIES');

/** Calendar arithmetic on YYYY-MM-DD dates (Asia/Shanghai days, computed as UTC dates). */
function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The same day `months` later; a day the month lacks falls back to its last day (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** The last day in force of an entry listed on `listedOn` for `months`. */
export const lastDayOf = (listedOn: string, months: number) => addDays(addMonths(listedOn, months), -1);

/**
 * Policy (三)5 连续三年以上无不良记录: clean when the latest bad record was decided on or before the
 * same day `years` ago (exactly three years counts as three years).
 */
export function isCleanFor(lastBadRecordOn: string | null, today: string, years: number): boolean {
  return lastBadRecordOn === null || lastBadRecordOn <= addMonths(today, -12 * years);
}

/** The Chinese and English name of an entry's category, from the rule file. */
export function categoryName(rules: ListRules, list: ListKind, category: string | null): NamedCategory | null {
  if (category === null) return null;
  const named =
    list === 'red'
      ? [...rules.redItems.values(), ...rules.redCases]
      : list === 'serious_dishonesty'
        ? rules.seriousCategories
        : rules.watchCategories;
  return named.find((c) => c.code === category) ?? null;
}
