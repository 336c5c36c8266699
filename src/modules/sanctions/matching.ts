import { addCalendarDays } from '../../shared/working-days.ts';
import type { PublicationRule, Severity } from '../catalog/index.ts';
import type { SubjectRecordFact } from '../records/index.ts';
import type { StandingEntry, SubjectStanding } from '../lists/standing.ts';
import type { HitTrigger, ListTrigger, MeasureInput, RecordTrigger } from './schema.ts';

/** What matching needs to know about a catalog item. */
export interface ItemFacts {
  code: string;
  publication: PublicationRule;
  jointPunishmentBasis: boolean;
  /** 《河南省社会信用条例》Art. 27: never a basis for punishment. */
  unconfirmedUtilityArrears: boolean;
}

export interface MatchInput {
  subjectType: 'person' | 'organization';
  standing: SubjectStanding;
  /** The subject's current records, including personal records derived from an organization's. */
  records: readonly SubjectRecordFact[];
  items: ReadonlyMap<string, ItemFacts>;
  /** YYYY-MM-DD, Asia/Shanghai */
  today: string;
  /** seed rules: no reward while a serious-dishonesty entry is in force */
  rewardsWithheldWhileListed: boolean;
}

export interface MatchedMeasure {
  measure: MeasureInput;
  /** Every trigger that matched, strongest first: own list entries, entries via an organization, records, clean status. */
  triggers: HitTrigger[];
  /** The measure applies to the checked subject itself. */
  appliesToSubject: boolean;
  /** An organization was checked and the measure reaches its legal representative and responsible persons. */
  reachesPersons: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { minor: 1, ordinary: 2, serious: 3 };

/** The same day `months` later; a day the month lacks falls back to its last day (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * The last day a record is published (《信用修复管理办法》: periods run from the decision date, and
 * publication stops at the maximum). `null`: long-term; `undefined`: never published, so it
 * triggers nothing.
 */
export function publishedUntil(rule: PublicationRule, severity: Severity | null, decisionDate: string): string | null | undefined {
  if (rule.kind === 'long_term') return null;
  if (rule.kind === 'not_published') return undefined;
  const maxMonths = rule.kind === 'fixed' ? rule.maxMonths : severity === null ? undefined : rule.periods?.[severity]?.maxMonths;
  if (maxMonths === undefined || maxMonths <= 0) return undefined;
  return addCalendarDays(addMonths(decisionDate, maxMonths), -1);
}

/** Henan Art. 27: an entry resting only on unconfirmed utility or property-fee arrears is no basis for punishment. */
function restsOnlyOnArrears(itemCodes: readonly string[], items: ReadonlyMap<string, ItemFacts>): boolean {
  return itemCodes.length > 0 && itemCodes.every((code) => items.get(code)?.unconfirmedUtilityArrears === true);
}

function listTriggerMatches(t: ListTrigger, e: StandingEntry): boolean {
  if (e.list !== t.list) return false;
  if (t.categories && t.categories.length > 0 && (e.category === null || !t.categories.includes(e.category))) return false;
  if (t.itemCodes && t.itemCodes.length > 0 && !e.itemCodes.some((code) => t.itemCodes!.includes(code))) return false;
  return true;
}

function recordTriggerMatches(t: RecordTrigger, r: SubjectRecordFact, kind: MeasureInput['kind'], input: MatchInput): string | null | false {
  if (!t.itemCodes.includes(r.itemCode) || r.severity === null || r.decisionDate === null) return false;
  if (SEVERITY_RANK[r.severity] < SEVERITY_RANK[t.minSeverity]) return false;
  const item = input.items.get(r.itemCode);
  if (!item) return false;
  // Henan Art. 27 (a hard rule) and the catalog's jointPunishmentBasis decide which records may punish.
  if (kind === 'punishment' && (item.unconfirmedUtilityArrears || !item.jointPunishmentBasis)) return false;
  const until = publishedUntil(item.publication, r.severity, r.decisionDate);
  if (until === undefined || (until !== null && until < input.today)) return false;
  return until;
}

const entryTrigger = (e: StandingEntry): HitTrigger => ({
  type: 'list',
  entryId: e.entryId,
  list: e.list,
  category: e.category,
  itemCodes: e.itemCodes,
  severity: e.severity,
  basis: e.basis,
  listedOn: e.listedOn,
  endsOn: e.endsOn,
  via: e.via,
});

/**
 * The measures a subject meets today, each with the list entries, records or clean status that
 * trigger it. Pure: the caller has filtered the measures by scenario and activity.
 *
 * - A person meets a measure aimed at persons through their own entries and records, and through an
 *   organization's entry or a record derived from it only when the measure reaches responsible
 *   persons (落实到人, Henan Art. 35).
 * - An organization meets a measure aimed at organizations; a measure that reaches responsible
 *   persons is reported too, for its legal representative and responsible persons.
 * - Punishments never rest on unconfirmed utility arrears (Henan Art. 27) and record triggers only
 *   on items that are a joint-punishment basis, within their publication window.
 */
export function matchMeasures(measures: readonly MeasureInput[], input: MatchInput): MatchedMeasure[] {
  const { subjectType, standing } = input;
  const isListed = standing.entries.some((e) => e.list === 'serious_dishonesty');
  const matched: MatchedMeasure[] = [];
  for (const measure of measures) {
    if (measure.kind === 'reward' && isListed && input.rewardsWithheldWhileListed) continue;
    const forSelf = measure.target.subjectTypes.includes(subjectType);
    const reachesPersons = measure.target.reachesResponsiblePersons && measure.target.subjectTypes.includes('person');
    // A person reached through an organization, or an organization whose people are reached.
    const reachable = subjectType === 'person' ? reachesPersons : forSelf || reachesPersons;
    const own: HitTrigger[] = [];
    const via: HitTrigger[] = [];
    const records: { trigger: HitTrigger; rank: number; date: string }[] = [];
    let clean: HitTrigger | null = null;
    for (const t of measure.triggers) {
      if (t.type === 'list') {
        for (const e of standing.entries) {
          if (!listTriggerMatches(t, e)) continue;
          if (measure.kind === 'punishment' && restsOnlyOnArrears(e.itemCodes, input.items)) continue;
          const reached = e.via === null ? (subjectType === 'person' ? forSelf : reachable) : reachesPersons;
          if (reached) (e.via === null ? own : via).push(entryTrigger(e));
        }
      } else if (t.type === 'record') {
        for (const r of input.records) {
          const until = recordTriggerMatches(t, r, measure.kind, input);
          if (until === false) continue;
          const derived = r.linkRole !== null;
          if (!(derived ? reachesPersons : subjectType === 'person' ? forSelf : reachable)) continue;
          records.push({
            trigger: { type: 'record', recordId: r.recordId, itemCode: r.itemCode, severity: r.severity, decisionDate: r.decisionDate!, publishedUntil: until, linkRole: r.linkRole },
            rank: SEVERITY_RANK[r.severity!],
            date: r.decisionDate!,
          });
        }
      } else if (standing.cleanForYears && forSelf) {
        clean = { type: 'clean_for_years', lastBadRecordOn: standing.lastBadRecordOn };
      }
    }
    const unique = (ts: HitTrigger[]) => ts.filter((t, i) => ts.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i);
    records.sort((a, b) => b.rank - a.rank || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    const triggers = unique([...own, ...via, ...records.map((r) => r.trigger), ...(clean ? [clean] : [])]);
    if (triggers.length === 0) continue;
    matched.push({ measure, triggers, appliesToSubject: subjectType === 'person' || forSelf, reachesPersons: subjectType === 'organization' && reachesPersons });
  }
  const order = (m: MatchedMeasure) => (m.measure.kind === 'punishment' ? (m.measure.severityFit === 'listed' ? 0 : 1) : 2);
  return matched.sort((a, b) => order(a) - order(b) || a.measure.memorandumCode.localeCompare(b.measure.memorandumCode) || a.measure.code.localeCompare(b.measure.code));
}
