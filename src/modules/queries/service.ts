import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { DomainError, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { SigningKey } from '../../shared/keys.ts';
import { maskPersonName } from '../../shared/masking.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { ListsService } from '../lists/index.ts';
import type { RecordsService } from '../records/index.ts';
import { renderReportHtml } from './html.ts';
import { renderReportPdf } from './pdf.ts';
import * as repo from './repo.ts';
import { buildReportContent } from './reports.ts';
import { reportRules, type ReportRules } from './rules.ts';
import type { ChallengeRecordMark, ReportChannel, ReportFormat, ReportScope, ReportType, SignedReport, VerifyReply } from './schema.ts';
import { serializeSignedReport, signReport } from './signing.ts';
import { verifyReportFile } from './verify.ts';

export interface ReportDeps {
  identity: IdentityService;
  records: RecordsService;
  catalog: CatalogService;
  accounts: AccountsService;
  lists: ListsService;
  /**
   * Issue 7: what a report marks on a record — an objection pending (Art. 41), a granted repair, a
   * reconsideration or litigation pending or its revoked decision (challenges, Art. 20(二), 42).
   */
  recordMarks: {
    objectionPending(recordIds: readonly string[]): Promise<ReadonlySet<string>>;
    repaired(recordIds: readonly string[]): Promise<ReadonlySet<string>>;
    challenges(recordIds: readonly string[]): Promise<ReadonlyMap<string, ChallengeRecordMark>>;
  };
}

export interface ReportRequest {
  type: ReportType;
  /** Key profession code, for a professional report */
  profession?: string | undefined;
  /** Limits the records (an authorization's scope); absent = the full report */
  scope?: ReportScope | null;
  format: ReportFormat;
  /**
   * A report answering a query (authorized or government): `audit` joins the `reports.issue`
   * entry (the authorization, the organization), and `commit` runs in the report's transaction —
   * an authorization's use is taken there, so a refused use registers no report and a report is
   * never answered without its use counted.
   */
  query?: { audit: Record<string, unknown>; commit?: (tx: Executor) => Promise<void> };
}

/** A line of a report as printed: a record by item and 文书号, a list entry by list and listing day. */
export type ReportLineRef = { section: 'record'; itemCode: string; sourceRecordId: string } | { section: 'entry'; list: string; listedOn: string };

export interface RenderedReport {
  report: SignedReport;
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

const normalizeCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

function sameCode(given: string, stored: string): boolean {
  const a = Buffer.from(normalizeCode(given));
  const b = Buffer.from(normalizeCode(stored));
  return a.length === b.length && timingSafeEqual(a, b);
}

const invalid = (reason: VerifyReply['reason']): VerifyReply => ({ valid: false, reason, number: null, type: null, issuedAt: null, subjectNameMasked: null, subjectCodeMasked: null });

/**
 * Credit reports (信用报告, issue 6): a person's records by category, list entries in force and
 * who queried them (《河南省社会信用条例》Art. 40), signed with the platform's SM2 key over the
 * RFC 8785 canonical content, registered so that anyone can verify a presented report online,
 * and rendered as JSON, HTML or PDF. Issuing a report is a logged read of the person.
 */
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly signing: SigningKey,
    private readonly deps: ReportDeps,
    private readonly rules: ReportRules = reportRules,
  ) {}

  /** The key reports are verified with (published at `/api/v1/audit/public-key`). */
  get publicKey(): { publicKey: string; keyId: string } {
    return { publicKey: this.signing.publicKey, keyId: this.signing.keyId };
  }

  private newNumber(issuedOn: string): string {
    const digits = Array.from({ length: this.rules.number.randomDigits }, () => randomInt(10)).join('');
    return `${this.rules.number.prefix}${issuedOn.replaceAll('-', '')}${digits}`;
  }

  private newVerificationCode(): string {
    const { length, alphabet, groupSize } = this.rules.verificationCode;
    const chars = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]!).join('');
    return chars.match(new RegExp(`.{1,${groupSize}}`, 'g'))!.join('-');
  }

  /** The person present at a counter, by citizen code; a miss is logged and answers 404. */
  async personIdForCode(ctx: RequestContext, code: string): Promise<string> {
    const { code: normalized } = this.deps.identity.checkCitizenCode(code, 'subjectCode');
    const id = await this.deps.identity.resolvePersonId(normalized);
    if (id === null) {
      await this.audit.record(ctx, { action: 'reports.issue', data: { lookup: 'citizen_code' }, result: 'not_found' });
      throw new NotFound('reports.person_not_found');
    }
    return id;
  }

  /** The caller's own person (a citizen account linked to a person). */
  ownPersonId(ctx: RequestContext): string {
    const id = ctx.actor?.personId;
    if (!id) throw new NotFound('reports.no_own_person');
    return id;
  }

  private async profession(request: ReportRequest) {
    if (request.type !== 'professional') {
      if (request.profession !== undefined) throw new InvalidInput('reports.profession_not_allowed', 'profession', 'not_allowed');
      return null;
    }
    if (request.profession === undefined) throw new InvalidInput('reports.profession_required', 'profession', 'required');
    const code = request.profession.trim().toUpperCase();
    const found = (await this.deps.catalog.listKeyProfessions()).find((p) => p.code === code);
    if (!found) throw new InvalidInput('reports.unknown_profession', 'profession', 'unknown', { profession: request.profession });
    return found;
  }

  /**
   * Issues a report about a person: gathers the facts, builds and signs the content, and stores
   * its registry row with the `reports.issue` access-log entry in one transaction (the purpose
   * comes with `ctx`). Returns the signed report, ready to render.
   */
  async issue(ctx: RequestContext, personId: string, channel: ReportChannel, request: ReportRequest): Promise<SignedReport> {
    const profession = await this.profession(request);
    const { identity, records, catalog, accounts, lists } = this.deps;
    const [person, facts, items, departments, standing, accessLog] = await Promise.all([
      identity.personById(personId),
      records.subjectFacts({ personId }),
      catalog.list(),
      accounts.listDepartments(),
      lists.standingOf({ type: 'person', id: personId }),
      this.audit.rowsForSubject('person', personId, this.rules.queryLogMaxEntries),
    ]);
    if (!person) throw new NotFound('reports.person_not_found');
    const recordIds = facts.map((f) => f.recordId);
    const marks = this.deps.recordMarks;
    const [objectionPending, repaired, challenges] = await Promise.all([marks.objectionPending(recordIds), marks.repaired(recordIds), marks.challenges(recordIds)]);
    const licenceIds = profession ? facts.filter((f) => f.itemCode === this.rules.licenceItem).map((f) => f.recordId) : [];
    const licenceFields = licenceIds.length > 0 ? await records.currentFields(licenceIds) : new Map<string, Record<string, string>>();

    const now = this.clock.now();
    const issuedOn = shanghaiDate(now);
    const content = buildReportContent(
      {
        number: this.newNumber(issuedOn),
        verificationCode: this.newVerificationCode(),
        type: request.type,
        issuedAt: now.toISOString(),
        issuedOn,
        keyId: this.signing.keyId,
        person: { name: this.rules.fullNameForSubject ? person.name : maskPersonName(person.name), codeMasked: person.maskedCode },
        profession,
        scope: request.scope ?? null,
        records: facts,
        licenceFields,
        items: new Map(items.map((i) => [i.code, i])),
        departments: new Map(departments.map((d) => [d.id, d.name])),
        standing,
        accessLog,
        objectionPending,
        repaired,
        challenges,
      },
      this.rules,
    );
    const signed = signReport(content, this.signing);
    await inTransaction(this.db, async (tx) => {
      await request.query?.commit?.(tx);
      await repo.insertReport(tx, {
        id: newId(),
        number: content.number,
        verificationCode: content.verificationCode,
        type: content.type,
        professionCode: profession?.code ?? null,
        scope: content.scope === null ? null : JSON.stringify(content.scope),
        subjectKind: 'person',
        subjectId: personId,
        subjectNameMasked: maskPersonName(person.name),
        subjectCodeMasked: person.maskedCode,
        contentHash: signed.contentHash,
        signature: signed.signature,
        keyId: signed.keyId,
        channel,
        format: request.format,
        issuedAt: content.issuedAt,
        issuedOn,
        issuedBy: ctx.actor?.userId ?? null,
        purpose: ctx.purpose ?? '',
      });
      // DESIGN.md decision 5: issuing a report reads the person's data; the log says why.
      await this.audit.recordIn(tx, ctx, {
        action: 'reports.issue',
        subject: { kind: 'person', id: personId },
        data: {
          number: content.number,
          type: content.type,
          profession: profession?.code ?? null,
          format: request.format,
          channel,
          records: content.records.basic.length + content.records.good.length + content.records.bad.length,
          listEntries: content.listEntries.length,
          queries: content.queries.length,
          ...request.query?.audit,
        },
        result: 'ok',
      });
    });
    return signed;
  }

  /**
   * The record or list entry a line of an issued report shows, for an objection raised from it
   * (issue 7). Only the person's own report: another's, or an unknown number, answers 404 alike.
   * The registry keeps no content, so the line is found again by what it printed: a record line by
   * catalog item and 文书号 among the person's records (their own before an organization's they
   * reach through), an entry line by list and listing day among their own entries in force.
   */
  async resolveReportLine(personId: string, number: string, line: ReportLineRef): Promise<{ kind: 'record' | 'entry'; id: string }> {
    const row = await repo.findReportByNumber(this.db, number.trim().toUpperCase());
    if (!row || row.subjectKind !== 'person' || row.subjectId !== personId) throw new NotFound('reports.line_not_found');
    if (line.section === 'record') {
      const facts = await this.deps.records.subjectFacts({ personId });
      const matches = facts.filter((f) => f.itemCode === line.itemCode && f.sourceRecordId === line.sourceRecordId);
      const found = matches.find((f) => f.personId === personId) ?? matches[0];
      if (!found) throw new NotFound('reports.line_not_found');
      return { kind: 'record', id: found.recordId };
    }
    const standing = await this.deps.lists.standingOf({ type: 'person', id: personId });
    const entry = standing.entries.find((e) => e.via === null && e.list === line.list && e.listedOn === line.listedOn);
    if (!entry) throw new NotFound('reports.line_not_found');
    return { kind: 'entry', id: entry.entryId };
  }

  /** The report as a file: the canonical JSON, a self-contained HTML page, or the signed PDF. */
  async render(report: SignedReport, format: ReportFormat): Promise<RenderedReport> {
    const body =
      format === 'json' ? serializeSignedReport(report) : format === 'html' ? Buffer.from(renderReportHtml(report), 'utf8') : await renderReportPdf(report, this.signing);
    return { report, body, contentType: CONTENT_TYPES[format], fileName: `${report.content.number}.${format}` };
  }

  /** Issues and renders in one step (HTTP routes and the CLI). */
  async issueFile(ctx: RequestContext, personId: string, channel: ReportChannel, request: ReportRequest): Promise<RenderedReport> {
    return this.render(await this.issue(ctx, personId, channel, request), request.format);
  }

  private async answer(ctx: RequestContext, row: repo.CreditReportRow, via: 'code' | 'file'): Promise<VerifyReply> {
    // The person can see that their report was checked, and when (Art. 40: who used the information).
    await this.audit.record(ctx, { action: 'reports.verify', subject: { kind: 'person', id: row.subjectId }, data: { number: row.number, via }, result: 'ok' });
    return {
      valid: true,
      reason: null,
      number: row.number,
      type: row.type as ReportType,
      issuedAt: row.issuedAt,
      subjectNameMasked: row.subjectNameMasked,
      subjectCodeMasked: row.subjectCodeMasked,
    };
  }

  /** Public verification by number and verification code: only masked identity comes back. */
  async verifyByCode(ctx: RequestContext, number: string, code: string): Promise<VerifyReply> {
    const row = await repo.findReportByNumber(this.db, number.trim().toUpperCase());
    if (!row) return invalid('unknown_report');
    if (!sameCode(code, row.verificationCode)) {
      await this.audit.record(ctx, { action: 'reports.verify', subject: { kind: 'person', id: row.subjectId }, data: { number: row.number, via: 'code' }, result: 'denied' });
      return invalid('code_mismatch');
    }
    return this.answer(ctx, row, 'code');
  }

  /** Public verification of an uploaded PDF or JSON: signatures first, then the registry. */
  async verifyFile(ctx: RequestContext, bytes: Buffer): Promise<VerifyReply> {
    if (bytes.length === 0) throw new DomainError('reports.unreadable_file', 400);
    const check = verifyReportFile(bytes, this.publicKey);
    if (!check.valid) return invalid(check.reason);
    const row = await repo.findReportByNumber(this.db, check.report.content.number);
    // Signed with our key but not in the registry (or a different content): not a report we issued.
    if (!row || row.contentHash !== check.report.contentHash) return invalid('not_issued_here');
    return this.answer(ctx, row, 'file');
  }
}
