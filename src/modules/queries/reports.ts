import type { AuditEntryRow } from '../audit/index.ts';
import type { CatalogItem, KeyProfession } from '../catalog/index.ts';
import type { SubjectStanding } from '../lists/index.ts';
import type { SubjectRecordFact } from '../records/index.ts';
import { publishedUntil } from '../sanctions/index.ts';
import type { ReportRules } from './rules.ts';
import { REPORT_CONTENT_FORMAT, type ChallengeRecordMark, type RecordMark, type ReportContent, type ReportRecord, type ReportScope, type ReportType } from './schema.ts';

/** Everything a report is built from, gathered by the service; building it is a pure function. */
export interface ReportFacts {
  number: string;
  verificationCode: string;
  type: ReportType;
  issuedAt: string;
  /** YYYY-MM-DD, Asia/Shanghai */
  issuedOn: string;
  keyId: string;
  person: { name: string; codeMasked: string };
  profession: KeyProfession | null;
  scope: ReportScope | null;
  records: readonly SubjectRecordFact[];
  /** The licence records' current fields (professional reports), by record id */
  licenceFields: ReadonlyMap<string, Readonly<Record<string, string>>>;
  items: ReadonlyMap<string, CatalogItem>;
  departments: ReadonlyMap<string, string>;
  standing: SubjectStanding;
  /** The access-log entries about the person, newest first */
  accessLog: readonly AuditEntryRow[];
  /** Records with an objection pending (《河南省社会信用条例》Art. 41: marked at once) */
  objectionPending: ReadonlySet<string>;
  /** Records whose credit repair was granted */
  repaired: ReadonlySet<string>;
  /** Records with a reconsideration or litigation pending, or whose decision it revoked (challenges module) */
  challenges: ReadonlyMap<string, ChallengeRecordMark>;
}

/** The same day `months` earlier as an instant prefix (YYYY-MM-DD), for the query-log period. */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 - months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 - months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

function inScope(scope: ReportScope | null, item: CatalogItem): boolean {
  if (scope === null) return true;
  if (scope.categories && !scope.categories.includes(item.category)) return false;
  if (scope.itemCodes && !scope.itemCodes.includes(item.code)) return false;
  return true;
}

/**
 * Whether a record is reported today (seed/report-rules.json `publicationWindow`): bad records
 * while their publication period runs (《河南省社会信用条例》Art. 19, 44: archived after it), good
 * and basic records always; an item never published only in the person's own full report.
 */
function isReported(item: CatalogItem, record: SubjectRecordFact, type: ReportType, today: string): { reported: boolean; until: string | null } {
  if (item.category !== 'bad' || record.decisionDate === null) return { reported: true, until: null };
  const until = publishedUntil(item.publication, record.severity, record.decisionDate);
  if (until === undefined) return { reported: type === 'personal', until: null };
  return { reported: until === null || until >= today, until };
}

/** One mark per line, the most telling first: repaired, decision revoked, objection pending, reconsideration or litigation pending. */
function recordMark(repaired: boolean, challenge: ChallengeRecordMark | null, objectionPending: boolean): RecordMark | null {
  if (repaired) return 'repaired';
  if (challenge === 'decision_revoked') return challenge;
  if (objectionPending) return 'objection_pending';
  return challenge;
}

const byDateDesc = (a: ReportRecord, b: ReportRecord) =>
  (b.decisionDate ?? '').localeCompare(a.decisionDate ?? '') || a.itemCode.localeCompare(b.itemCode) || a.sourceRecordId.localeCompare(b.sourceRecordId);

/** Builds a report's content: the records by category, list entries in force, and who queried the person. */
export function buildReportContent(facts: ReportFacts, rules: ReportRules): ReportContent {
  const today = facts.issuedOn;
  const domains = facts.profession ? (rules.professionDomains.get(facts.profession.code) ?? []) : [];
  const records: ReportContent['records'] = { basic: [], good: [], bad: [] };
  const licences: NonNullable<ReportContent['profession']>['licences'] = [];
  for (const record of facts.records) {
    const item = facts.items.get(record.itemCode);
    if (!item || !inScope(facts.scope, item)) continue;
    if (facts.profession && item.code === rules.licenceItem) {
      // A licence belongs to the profession named in its record (ZYZG.zydm), and nowhere else.
      const fields = facts.licenceFields.get(record.recordId) ?? {};
      if (fields[rules.licenceProfessionField] !== facts.profession.code) continue;
      const f = rules.licenceFields;
      licences.push({
        certificateName: fields[f.certificateName] ?? item.name,
        certificateNumber: record.sourceRecordId,
        issuingAuthority: fields[f.issuingAuthority] ?? facts.departments.get(record.departmentId) ?? '',
        issuedOn: record.decisionDate,
        validUntil: fields[f.validUntil] || null,
        status: fields[f.status] ?? '',
        version: record.currentVersion,
      });
      continue;
    }
    if (facts.profession) {
      const inDomain = item.keyDomain !== null && domains.includes(item.keyDomain);
      if (!inDomain && !(rules.includeSeriousFromAnyDomain && record.severity === 'serious')) continue;
    }
    const window = isReported(item, record, facts.type, today);
    if (!window.reported) continue;
    // A repaired record stays in the person's own report, marked; reports for others leave it out (《信用修复管理办法》).
    // So does one whose decision was revoked by reconsideration or a court (《河南省社会信用条例》Art. 42:
    // withdrawn at once), until its department revokes the record itself.
    const repaired = facts.repaired.has(record.recordId);
    const challenge = facts.challenges.get(record.recordId) ?? null;
    if ((repaired || challenge === 'decision_revoked') && facts.type !== 'personal') continue;
    records[item.category].push({
      itemCode: item.code,
      itemName: item.name,
      departmentName: facts.departments.get(record.departmentId) ?? '',
      sourceRecordId: record.sourceRecordId,
      decisionDate: record.decisionDate,
      severity: item.category === 'bad' ? record.severity : null,
      version: record.currentVersion,
      publishedUntil: window.until,
      linkRole: record.linkRole,
      status: recordMark(repaired, challenge, facts.objectionPending.has(record.recordId)),
    });
  }
  for (const list of Object.values(records)) list.sort(byDateDesc);
  licences.sort((a, b) => (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') || a.certificateNumber.localeCompare(b.certificateNumber));

  const scope = facts.scope;
  const listEntries = facts.standing.entries
    .filter((e) => {
      if (scope === null) return true;
      const category = e.list === 'red' ? 'good' : 'bad';
      if (scope.categories && !scope.categories.includes(category)) return false;
      if (scope.itemCodes && !e.itemCodes.some((code) => scope.itemCodes!.includes(code))) return false;
      return true;
    })
    .map((e) => ({
      list: e.list,
      category: e.category,
      basis: e.basis,
      departmentName: facts.departments.get(e.departmentId) ?? '',
      listedOn: e.listedOn,
      endsOn: e.endsOn,
      viaOrganization: e.via?.organizationName ?? null,
      viaRole: e.via?.role ?? null,
    }))
    .sort((a, b) => b.listedOn.localeCompare(a.listedOn) || a.list.localeCompare(b.list));

  // 《河南省社会信用条例》Art. 40: the report shows who used or queried the information.
  const since = monthsBefore(today, rules.queryLogMonths);
  const queries = facts.accessLog
    .filter((e) => e.at.slice(0, 10) >= since)
    .slice(0, rules.queryLogMaxEntries)
    .map((e) => ({
      at: e.at,
      departmentName: e.actorDepartmentId === null ? null : (facts.departments.get(e.actorDepartmentId) ?? null),
      role: e.actorRole,
      action: e.action,
      purpose: e.purpose,
      legalBasis: e.legalBasis,
    }));

  return {
    format: REPORT_CONTENT_FORMAT,
    number: facts.number,
    verificationCode: facts.verificationCode,
    type: facts.type,
    issuedAt: facts.issuedAt,
    issuedOn: facts.issuedOn,
    issuer: { name: rules.issuer.name, nameEn: rules.issuer.nameEn, keyId: facts.keyId },
    subject: { kind: 'person', name: facts.person.name, codeMasked: facts.person.codeMasked },
    profession: facts.profession
      ? { code: facts.profession.code, name: facts.profession.name, licenceLabel: facts.profession.licenceLabel, domains: [...domains], licences }
      : null,
    scope: facts.scope,
    records,
    listEntries,
    queries,
    rulesVersion: rules.version,
  };
}
