import { createWriteStream, mkdirSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { DomainError, Forbidden, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { syncDirectory, syncFile } from '../../shared/durable-files.ts';
import { maskCitizenCode, maskPersonName } from '../../shared/masking.ts';
import { sm3Hex } from '../../shared/crypto.ts';
import { writeCsv, writeXlsx } from '../../shared/spreadsheet.ts';
import { inTransaction, isUniqueViolation, type Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService, AssociationMembers } from '../accounts/index.ts';
import { ItemNotAcceptingRecords, type CatalogItem, type CatalogService } from '../catalog/index.ts';
import { classifySubjectCode, codeRejectionMessages, type IdentityService } from '../identity/index.ts';
import { detectFile, FileParseError, missingColumnsMessage, normalizeHeader, recognizeLayout, type FileDecision } from './parsing/index.ts';
import * as repo from './repo.ts';
import { recordsMessage } from './messages.ts';
import { catalogLayoutSpec, prepareRow, rowErrorOf, type ItemPlan, type PreparedRow, type RowContext } from './rows.ts';
import { addWeekdays, familyOf, ingestionRules, type IngestionRules } from './rules.ts';
import type { DepartmentStats, ImportJob, JobSource, LinkRole, RecordSummary, RecordVersion, RowError, SubjectRecordFact } from './schema.ts';
import { batchRowSource, fileRowSource, type RowSource } from './source.ts';
import { writeChunk, type ChunkOutcome } from './store.ts';

/** The calendar's `addWorkingDays` (holidays and 调休), or the weekday fallback until it is wired. */
export type AddWorkingDays = (date: string, days: number) => Promise<string>;

export interface RecordsServiceOptions {
  /** Where uploads are kept (DATA_DIR/uploads); never deleted, the evidence of what was received. */
  uploadDir: string;
  addWorkingDays?: AddWorkingDays;
  /** Industry associations record only their members (policy (二)3). */
  associations: Pick<AssociationMembers, 'currentMembersAmong'>;
  rules?: IngestionRules;
}

export interface ImportProgress {
  processedBytes: number;
  totalBytes: number | null;
  rowsProcessed: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
}

/** A job whose worker stopped: it stays running with its committed rows, ready to resume. */
export class ImportInterrupted extends Error {}

/** A running job's worker proves it is alive at each commit; after this long without, another may take over. */
const LEASE_MS = 2 * 60_000;

function toFact(r: repo.CreditRecordRow): SubjectRecordFact {
  return {
    recordId: r.id,
    departmentId: r.departmentId,
    itemCode: r.itemCode,
    sourceRecordId: r.sourceRecordId,
    subjectType: r.subjectType as SubjectRecordFact['subjectType'],
    personId: r.personId,
    organizationId: r.organizationId,
    subjectName: r.subjectName,
    severity: r.severity as SubjectRecordFact['severity'],
    decisionDate: r.decisionDate,
    linkedRecordId: r.linkedRecordId,
    linkRole: r.linkRole as LinkRole | null,
    currentVersion: r.currentVersion,
    updatedAt: r.updatedAt,
  };
}

function fileError(err: FileParseError, status = 400): DomainError {
  return new DomainError(err.code, status, { ...err.facts, zh: err.messages.zh, en: err.messages.en });
}

/**
 * Ingestion (归集, issue 4): one pipeline for JSON batches, uploads and CLI imports. Every row is
 * checked against the catalog item and its layout; good rows are stored idempotently by
 * (department, item, source record id) — identical → unchanged, changed → a new version, new →
 * accepted — in bounded transactions that also advance the job, so a killed import resumes
 * exactly where its last commit ended (DESIGN.md decisions 2, 8, 9).
 */
export class RecordsService {
  private readonly rules: IngestionRules;
  private readonly addWorkingDays: AddWorkingDays;
  private readonly uploadDir: string;
  private readonly associations: Pick<AssociationMembers, 'currentMembersAmong'>;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly identity: IdentityService,
    private readonly catalog: CatalogService,
    private readonly accounts: AccountsService,
    options: RecordsServiceOptions,
  ) {
    this.rules = options.rules ?? ingestionRules;
    this.addWorkingDays = options.addWorkingDays ?? addWeekdays;
    this.uploadDir = options.uploadDir;
    this.associations = options.associations;
  }

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Where received files are kept. */
  get uploadDirectory(): string {
    return this.uploadDir;
  }

  // -------------------------------------------------------------------------------------------
  // Departments, items, jobs

  private async departments(): Promise<Map<string, { id: string; name: string; orgCode: string }>> {
    return new Map((await this.accounts.listDepartments()).map((d) => [d.id, d]));
  }

  /** The caller's department; an account without one cannot submit (an api_client may lack one). */
  private async requireDepartment(ctx: RequestContext): Promise<{ id: string; name: string; orgCode: string }> {
    const id = ctx.actor?.departmentId ?? null;
    const department = id === null ? undefined : (await this.departments()).get(id);
    if (department === undefined) throw new Forbidden('records.no_department');
    return department;
  }

  private async checkItemFor(department: { name: string; orgCode: string }, itemCode: string): Promise<CatalogItem> {
    const item = await this.catalog.get(itemCode);
    if (!item.acceptsRecords) throw new ItemNotAcceptingRecords(item.code, item.notAcceptingBecause);
    // 济政办〔2017〕55号 (四)9: nothing is collected without a legal basis, and only from the item's sources.
    if (!(await this.catalog.isSource(item.code, department.orgCode))) {
      throw new DomainError('records.not_a_source', 403, { itemCode: item.code, departmentName: department.name });
    }
    return item;
  }

  private async newJob(
    ctx: RequestContext,
    department: { id: string },
    item: CatalogItem,
    source: JobSource,
    file: { fileName: string | null; filePath: string | null; totalBytes: number | null },
    running: { workerId: string } | null,
    id = newId(),
  ): Promise<repo.ImportJobRow> {
    const now = this.clock.now().toISOString();
    const submittedOn = this.today();
    const row: repo.ImportJobRow = {
      id,
      departmentId: department.id,
      itemCode: item.code,
      source,
      fileName: file.fileName,
      filePath: file.filePath,
      layout: null,
      status: running ? 'running' : 'queued',
      totalBytes: file.totalBytes,
      processedBytes: 0,
      rowsProcessed: 0,
      lastCommittedRow: 0,
      accepted: 0,
      rejected: 0,
      unchanged: 0,
      versioned: 0,
      submittedAt: now,
      startedAt: running ? now : null,
      finishedAt: null,
      // 《河南省社会信用条例》Art. 17: checked within N working days of receipt (seeded rule).
      dueDate: await this.addWorkingDays(submittedOn, this.rules.checkWorkingDays),
      answeredAt: null,
      answeredOn: null,
      errorCode: null,
      errorMessageZh: null,
      errorMessageEn: null,
      createdBy: ctx.actor?.userId ?? null,
      workerId: running?.workerId ?? null,
      heartbeatAt: running ? new Date().toISOString() : null,
    };
    await inTransaction(this.db, async (tx) => {
      await repo.insertJob(tx, row);
      await this.audit.recordIn(tx, ctx, {
        action: 'records.submit',
        data: { jobId: id, itemCode: item.code, source, fileName: file.fileName, totalBytes: file.totalBytes },
        result: 'ok',
      });
    });
    return row;
  }

  private async toJobs(rows: repo.ImportJobRow[]): Promise<ImportJob[]> {
    const departments = await this.departments();
    const items = new Map((await this.catalog.list()).map((i) => [i.code, i.name]));
    return rows.map((r) => ({
      id: r.id,
      departmentId: r.departmentId,
      departmentName: departments.get(r.departmentId)?.name ?? '',
      itemCode: r.itemCode,
      itemName: items.get(r.itemCode) ?? r.itemCode,
      source: r.source as JobSource,
      fileName: r.fileName,
      layout: r.layout,
      status: r.status as ImportJob['status'],
      totalBytes: r.totalBytes,
      processedBytes: r.processedBytes,
      rowsProcessed: r.rowsProcessed,
      accepted: r.accepted,
      rejected: r.rejected,
      unchanged: r.unchanged,
      versioned: r.versioned,
      submittedAt: r.submittedAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      dueDate: r.dueDate,
      error: r.errorCode === null ? null : { code: r.errorCode, message: { zh: r.errorMessageZh ?? '', en: r.errorMessageEn ?? '' } },
    }));
  }

  private async toJob(row: repo.ImportJobRow): Promise<ImportJob> {
    return (await this.toJobs([row]))[0]!;
  }

  // -------------------------------------------------------------------------------------------
  // The pipeline

  /** Builds what every row of a file needs from its header, or the reason the file cannot be read. */
  private async rowContext(job: repo.ImportJobRow, headers: readonly string[], forBatch: boolean): Promise<{ ctx: RowContext } | { error: DomainError }> {
    const departments = await this.departments();
    const department = departments.get(job.departmentId)!;
    const plan = async (code: string): Promise<ItemPlan | undefined> => {
      const item = await this.catalog.get(code).catch((err: unknown) => {
        if (err instanceof NotFound) return undefined;
        throw err;
      });
      return item && { item, isSource: await this.catalog.isSource(item.code, department.orgCode), departmentName: department.name };
    };
    const family = familyOf(this.rules, job.itemCode);
    let recognition;
    const items: RowContext['items'] = {};
    if (family !== null) {
      recognition = recognizeLayout(headers);
      if (recognition.ok && recognition.match.layout.kind !== family) {
        return { error: new DomainError('records.layout_mismatch', 400, { layout: recognition.match.layout.title.zh, itemCode: job.itemCode }) };
      }
      const person = await plan(this.rules.layoutItems[family].person);
      const organization = await plan(this.rules.layoutItems[family].organization);
      if (person) items.person = person;
      if (organization) items.organization = organization;
    } else {
      const item = await this.catalog.get(job.itemCode);
      recognition = recognizeLayout(headers, { catalog: [catalogLayoutSpec(item)] });
      if (recognition.ok && recognition.match.layout.id !== `catalog:${item.code}`) {
        return { error: new DomainError('records.layout_mismatch', 400, { layout: recognition.match.layout.title.zh, itemCode: item.code }) };
      }
      items[item.subjectType] = (await plan(item.code))!;
    }
    if (!recognition.ok) return { error: new DomainError('records.file_unrecognized_header', 400, { ...recognition.message }) };
    const { match } = recognition;
    if (!forBatch && match.missingRequired.length > 0) {
      return { error: new DomainError('records.file_missing_columns', 400, { ...missingColumnsMessage(match), missing: match.missingRequired.map((m) => m.label) }) };
    }
    // Columns outside the layout that the pipeline reads: per-record severity, responsible persons.
    const extra = new Map(match.unmappedHeaders.map((h) => [normalizeHeader(h), h]));
    const take = (names: readonly string[]) => {
      for (const name of names) {
        const header = extra.get(normalizeHeader(name));
        if (header !== undefined) return header;
      }
      return null;
    };
    const used = new Set<string>();
    const severityColumn = take(this.rules.severityColumnNames);
    if (severityColumn) used.add(severityColumn);
    const responsibleColumns: RowContext['responsibleColumns'] = [];
    for (const group of this.rules.responsibleColumns) {
      const nameColumn = take(group.name);
      const codeColumn = take(group.code);
      if (nameColumn) used.add(nameColumn);
      if (codeColumn) used.add(codeColumn);
      if (nameColumn) responsibleColumns.push({ role: group.role, nameColumn, codeColumn });
    }
    return {
      ctx: {
        match,
        items,
        isShuangGongshi: family !== null,
        severityColumn,
        responsibleColumns,
        refuseUnknownColumns: forBatch,
        unknownColumns: match.unmappedHeaders.filter((h) => !used.has(h)),
        today: this.today(),
        rules: this.rules,
      },
    };
  }

  private personItemFor = (orgItemCode: string): string | null => {
    const family = familyOf(this.rules, orgItemCode);
    return family !== null && this.rules.layoutItems[family].organization === orgItemCode ? this.rules.layoutItems[family].person : null;
  };

  /**
   * Runs a claimed job over its rows. Chunks of `chunkRows` rows commit with the job's counters
   * and `last_committed_row`, guarded by the worker's lease; rows up to `job.lastCommittedRow`
   * (a resumed job) are read but skipped. A whole-file problem fails the job after committing
   * the good rows before it; a crash leaves the job running with every committed chunk intact.
   */
  private async run(
    ctx: RequestContext,
    job: repo.ImportJobRow,
    workerId: string,
    source: RowSource,
    options: ImportOptions & { forBatch?: boolean; signal?: { stopped: boolean } } = {},
  ): Promise<repo.ImportJobRow> {
    const totals = { rowsProcessed: job.rowsProcessed, accepted: job.accepted, rejected: job.rejected, unchanged: job.unchanged, versioned: job.versioned };
    let lastRow = job.lastCommittedRow;
    let layout = job.layout;
    let rowCtx: RowContext | null = null;
    let pendingRows: PreparedRow[] = [];
    let pendingErrors: RowError[] = [];
    let pendingRejected = 0;
    let pendingLast = lastRow;
    let pendingCount = 0;
    const report = () =>
      options.onProgress?.({ processedBytes: Math.min(source.bytesRead(), job.totalBytes ?? Number.MAX_SAFE_INTEGER), totalBytes: job.totalBytes, rowsProcessed: totals.rowsProcessed + pendingCount });

    // One chunk commits while the next is read and checked (PostgreSQL works meanwhile); chunks
    // still commit one at a time in file order, so `last_committed_row` only moves forward.
    let committing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await committing;
      if (pendingCount === 0) return;
      await refuseNonMembers();
      const chunk = { rows: pendingRows, errors: pendingErrors, rejected: pendingRejected, last: pendingLast, count: pendingCount, bytes: source.bytesRead() };
      pendingRows = [];
      pendingErrors = [];
      pendingRejected = 0;
      pendingCount = 0;
      committing = commit(chunk);
      committing.catch(() => undefined); // its error surfaces at the next flush or at `settle`
    };
    const settle = async () => {
      await flush();
      await committing;
    };
    const commit = async (chunk: { rows: PreparedRow[]; errors: RowError[]; rejected: number; last: number; count: number; bytes: number }) => {
      const now = this.clock.now().toISOString();
      let outcome: ChunkOutcome | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          outcome = await inTransaction(this.db, async (tx) => {
            const out = await writeChunk(this.identity, this.audit, {
              tx,
              ctx,
              jobId: job.id,
              departmentId: job.departmentId,
              rows: chunk.rows,
              errors: chunk.errors,
              now,
              personItemFor: this.personItemFor,
              rules: this.rules,
            });
            const advanced = await repo.advanceJob(tx, job.id, workerId, {
              layout,
              processedBytes: Math.min(chunk.bytes, job.totalBytes ?? 0),
              rowsProcessed: totals.rowsProcessed + chunk.count,
              lastCommittedRow: chunk.last,
              accepted: totals.accepted + out.accepted,
              rejected: totals.rejected + chunk.rejected,
              unchanged: totals.unchanged + out.unchanged,
              versioned: totals.versioned + out.versioned,
              // The lease is about processes, not rules: wall time, not the injected clock.
              heartbeatAt: new Date().toISOString(),
            });
            if (!advanced) throw new DomainError('records.job_taken', 409, { jobId: job.id });
            return out;
          });
          break;
        } catch (err) {
          // Another job stored one of these keys meanwhile: read again and redo the chunk.
          if (isUniqueViolation(err) && attempt < 3) continue;
          throw err;
        }
      }
      totals.rowsProcessed += chunk.count;
      totals.accepted += outcome.accepted;
      totals.rejected += chunk.rejected;
      totals.unchanged += outcome.unchanged;
      totals.versioned += outcome.versioned;
      lastRow = chunk.last;
      report();
      if (options.signal?.stopped) throw new ImportInterrupted();
    };

    // 济政办〔2017〕55号 (二)3: an industry association is a source only for its current members.
    const refuseNonMembers = async () => {
      const members = await this.associations.currentMembersAmong(job.departmentId, pendingRows.map((row) => row.subject));
      if (members === null || rowCtx === null) return;
      const { mapping, layout: spec } = rowCtx.match;
      const headerOf = new Map(Object.entries(mapping).map(([header, field]) => [field, header]));
      const departmentName = (await this.departments()).get(job.departmentId)?.name ?? '';
      const kept: PreparedRow[] = [];
      for (const row of pendingRows) {
        if (members.has(row.subject.code)) {
          kept.push(row);
          continue;
        }
        const codeField = row.subject.kind === 'person' ? spec.roles.personCode : spec.roles.organizationCode;
        const column = (codeField && headerOf.get(codeField)) ?? codeField ?? null;
        pendingErrors.push({ row: row.rowNumber, column, code: 'records.not_a_member', message: recordsMessage('records.not_a_member', { departmentName }) });
        pendingRejected += 1;
      }
      pendingRows = kept;
    };

    const finish = async (status: 'done' | 'failed', error: DomainError | null) => {
      const finishedAt = this.clock.now().toISOString();
      const facts = error?.facts as { zh?: string; en?: string } | undefined;
      const ended = await repo.finishJob(this.db, job.id, workerId, {
        status,
        finishedAt,
        answeredOn: shanghaiDate(new Date(finishedAt)),
        layout,
        ...(status === 'done' && job.totalBytes !== null ? { processedBytes: job.totalBytes } : {}),
        errorCode: error?.code ?? null,
        errorMessageZh: error ? (facts?.zh ?? error.code) : null,
        errorMessageEn: error ? (facts?.en ?? error.code) : null,
      });
      if (!ended) throw new DomainError('records.job_taken', 409, { jobId: job.id });
      await this.audit.record(ctx, { action: 'records.job_finish', data: { jobId: job.id, status, ...totals, errorCode: error?.code ?? null }, result: status === 'done' ? 'ok' : 'failed' });
      return (await repo.findJob(this.db, job.id))!;
    };

    try {
      for await (const item of source.items) {
        if (item.kind === 'header') {
          const built = await this.rowContext(job, item.headers, options.forBatch === true);
          if ('error' in built) return await finish('failed', built.error);
          rowCtx = built.ctx;
          layout = rowCtx.match.layout.id;
          continue;
        }
        if (item.rowNumber <= job.lastCommittedRow) continue; // committed before a crash
        if (rowCtx === null) continue;
        let errors: RowError[] | null = null;
        if (item.kind === 'rowError') errors = item.errors.map((issue) => rowErrorOf(item.rowNumber, issue));
        else if (item.kind === 'refused') errors = item.errors;
        else {
          const prepared = prepareRow(rowCtx, item.rowNumber, item.cells);
          if (prepared.ok) pendingRows.push(prepared.row);
          else errors = prepared.errors;
        }
        if (errors !== null) {
          pendingErrors.push(...errors);
          pendingRejected += 1;
        }
        pendingCount += 1;
        pendingLast = item.rowNumber;
        if (pendingCount >= this.rules.chunkRows) await flush();
        else if (pendingCount % 250 === 0) report();
      }
      if (rowCtx === null) return await finish('failed', fileError(new FileParseError('no_header')));
      await settle();
      return await finish('done', null);
    } catch (err) {
      if (err instanceof FileParseError) {
        // The good rows read before the damage are committed; the job says where it stopped.
        await settle();
        return await finish('failed', fileError(err));
      }
      await committing.catch(() => undefined); // the chunk in flight ends before the job is handed on
      throw err;
    } finally {
      source.close();
    }
  }

  // -------------------------------------------------------------------------------------------
  // The three ways in

  /** JSON batch (department systems): synchronous; the reply carries the job and every refused row. */
  async submitBatch(ctx: RequestContext, itemCode: string, records: ReadonlyArray<Record<string, unknown>>): Promise<ImportJob & { errors: RowError[] }> {
    const department = await this.requireDepartment(ctx);
    if (records.length > this.rules.batchMaxRecords) throw new InvalidInput('records.batch_too_large', 'records', 'maxItems', { max: this.rules.batchMaxRecords });
    const item = await this.checkItemFor(department, itemCode);
    const workerId = newId();
    const job = await this.newJob(ctx, department, item, 'api', { fileName: null, filePath: null, totalBytes: null }, { workerId });
    const done = await this.run(ctx, job, workerId, batchRowSource(records), { forBatch: true });
    const errors = (await repo.listRowErrors(this.db, done.id, 100_000, 0)).rows.map(toRowError);
    return { ...(await this.toJob(done)), errors };
  }

  /**
   * Upload: streams the body to DATA_DIR/uploads (never held in memory), refuses it past `limit`
   * bytes (the partial file removed) or when its content is not CSV/XLSX (415), fsyncs it, then
   * queues a job. The worker (`startWorker`) processes it.
   */
  async receiveUpload(
    ctx: RequestContext,
    input: { itemCode?: string | undefined; fileName?: string | undefined; body: Readable; declaredBytes?: number | undefined; limitBytes: number },
  ): Promise<ImportJob> {
    const department = await this.requireDepartment(ctx);
    let item = input.itemCode === undefined ? null : await this.checkItemFor(department, input.itemCode);
    const tooLarge = () => new DomainError('records.upload_too_large', 413, { limit: input.limitBytes });
    if (input.declaredBytes !== undefined && input.declaredBytes > input.limitBytes) {
      input.body.resume();
      throw tooLarge();
    }
    mkdirSync(this.uploadDir, { recursive: true });
    const id = newId();
    const partial = path.join(this.uploadDir, `${id}.part`);
    const final = path.join(this.uploadDir, `${id}.upload`);
    let bytes = 0;
    // Past the limit the rest of the body is read and dropped rather than the request destroyed:
    // the client still gets its 413 answer.
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, bytes > input.limitBytes ? undefined : chunk);
      },
    });
    try {
      await pipeline(input.body, limiter, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      // Durable before acknowledged (DESIGN.md decision 9): fsync the file, then its directory entry.
      if (bytes > input.limitBytes) throw tooLarge();
      await syncFile(partial);
    } catch (err) {
      await unlink(partial).catch(() => undefined);
      input.body.resume();
      throw err;
    }
    await rename(partial, final);
    await syncDirectory(this.uploadDir);

    const decision = await detectFile(final);
    if (!decision.ok) {
      await unlink(final);
      throw fileError(decision.refusal, 415);
    }
    if (item === null) {
      try {
        item = await this.checkItemFor(department, await this.inferItem(final, decision));
      } catch (err) {
        await unlink(final);
        throw err;
      }
    }
    const job = await this.newJob(ctx, department, item, 'upload', { fileName: input.fileName ?? null, filePath: final, totalBytes: bytes }, null, id);
    this.wake?.();
    return this.toJob(job);
  }

  /** The item a file is for, from its header: the 双公示 layouts name their family's person item. */
  private async inferItem(file: string, decision: Extract<FileDecision, { ok: true }>): Promise<string> {
    const source = fileRowSource(file, decision);
    try {
      for await (const item of source.items) {
        if (item.kind !== 'header') break;
        const recognition = recognizeLayout(item.headers);
        if (recognition.ok && recognition.match.missingRequired.length === 0 && recognition.match.layout.kind !== 'catalog') {
          return this.rules.layoutItems[recognition.match.layout.kind].person;
        }
        break;
      }
    } catch (err) {
      if (err instanceof FileParseError) throw fileError(err);
      throw err;
    } finally {
      source.close();
    }
    throw new DomainError('records.item_required', 400);
  }

  /**
   * CLI import (`chengxin import FILE --dept ORGCODE [--item CODE]`): a job of source `cli` run in
   * this process. A file that cannot be read at all is refused before any job exists.
   */
  async importFile(ctx: RequestContext, input: { file: string; departmentOrgCode: string; itemCode?: string | undefined } & ImportOptions): Promise<ImportJob> {
    const department = await this.accounts.findDepartmentByOrgCode(input.departmentOrgCode.trim().toUpperCase());
    const file = path.resolve(input.file);
    const decision = await detectFile(file);
    if (!decision.ok) throw fileError(decision.refusal);
    const item = await this.checkItemFor(department, input.itemCode ?? (await this.inferItem(file, decision)));
    const { size } = await stat(file);
    const workerId = newId();
    const job = await this.newJob(ctx, department, item, 'cli', { fileName: path.basename(file), filePath: file, totalBytes: size }, { workerId });
    return this.toJob(await this.run(ctx, job, workerId, fileRowSource(file, decision), input));
  }

  /**
   * `--resume JOB`: takes the job over (whoever held it: the operator says that process is gone)
   * and continues after its last committed row. The file must be the one the job was started on.
   */
  async resumeImport(ctx: RequestContext, jobId: string, input: { file?: string | undefined } & ImportOptions = {}): Promise<ImportJob> {
    const job = await repo.findJob(this.db, jobId);
    if (!job) throw new NotFound('records.job_not_found', { jobId });
    const file = input.file === undefined ? job.filePath : path.resolve(input.file);
    if ((job.status !== 'running' && job.status !== 'queued') || file === null || job.source === 'api') {
      throw new DomainError('records.job_not_resumable', 409, { jobId, status: job.status, source: job.source });
    }
    const size = await stat(file).then((s) => s.size, () => null);
    if (size === null) throw new DomainError('records.file_gone', 409, { jobId });
    if (job.totalBytes !== null && size !== job.totalBytes) throw new DomainError('records.job_not_resumable', 409, { jobId, status: 'file changed', source: job.source });
    const decision = await detectFile(file);
    if (!decision.ok) throw fileError(decision.refusal);
    const workerId = newId();
    const now = new Date().toISOString();
    if (!(await repo.claimJob(this.db, jobId, workerId, now, this.clock.now().toISOString(), null))) {
      throw new DomainError('records.job_not_resumable', 409, { jobId, status: job.status, source: job.source });
    }
    const claimed = (await repo.findJob(this.db, jobId))!;
    await this.audit.record(ctx, { action: 'records.resume', data: { jobId, afterRow: claimed.lastCommittedRow }, result: 'ok' });
    return this.toJob(await this.run(ctx, claimed, workerId, fileRowSource(file, decision), input));
  }

  // -------------------------------------------------------------------------------------------
  // The worker: uploaded jobs, one at a time, in this process

  /** Runs queued upload jobs (and abandoned ones: lease expired) until none is left; returns how many ran. */
  async runQueuedJobs(signal: { stopped: boolean } = { stopped: false }): Promise<number> {
    let ran = 0;
    for (;;) {
      const staleBefore = new Date(Date.now() - LEASE_MS).toISOString();
      const [next] = await repo.listRunnableJobs(this.db, ['upload'], staleBefore);
      if (next === undefined || signal.stopped) return ran;
      const workerId = newId();
      if (!(await repo.claimJob(this.db, next.id, workerId, new Date().toISOString(), this.clock.now().toISOString(), staleBefore))) continue;
      const job = (await repo.findJob(this.db, next.id))!;
      // The worker acts for the submitter, so versions and audit entries say who submitted them.
      const submitter = job.createdBy === null ? null : await this.accounts.actorOnBehalfOf(job.createdBy);
      const ctx: RequestContext = { actor: submitter, channel: 'job', purpose: `import job ${job.id}` };
      ran += 1;
      const decision = job.filePath === null ? null : await detectFile(job.filePath).catch(() => null);
      if (decision === null || !decision.ok) {
        await repo.finishJob(this.db, job.id, workerId, {
          status: 'failed',
          finishedAt: this.clock.now().toISOString(),
          answeredOn: this.today(),
          errorCode: 'records.file_gone',
          errorMessageZh: `作业 ${job.id} 的文件已不存在，无法处理`,
          errorMessageEn: `The file of job ${job.id} no longer exists`,
        });
        continue;
      }
      try {
        await this.run(ctx, job, workerId, fileRowSource(job.filePath!, decision), { signal });
      } catch (err) {
        if (err instanceof ImportInterrupted) {
          // Stopping: hand the job back (queued) so the next start continues it at once.
          await repo.releaseJob(this.db, job.id, workerId);
          return ran;
        }
        throw err;
      }
    }
  }

  /**
   * Starts the in-process worker: picks up queued and abandoned upload jobs now (after a restart)
   * and whenever an upload arrives, polling every `pollSeconds` too. `stop()` lets the current
   * chunk commit and hands the job back.
   */
  startWorker(onError: (err: unknown) => void, pollSeconds = 5): { stop(): Promise<void> } {
    const signal = { stopped: false };
    let timer: NodeJS.Timeout | undefined;
    let sleeping: (() => void) | null = null;
    const loop = (async () => {
      while (!signal.stopped) {
        try {
          await this.runQueuedJobs(signal);
        } catch (err) {
          onError(err);
        }
        if (signal.stopped) break;
        await new Promise<void>((resolve) => {
          sleeping = resolve;
          timer = setTimeout(resolve, pollSeconds * 1000);
          timer.unref();
        });
        sleeping = null;
      }
    })();
    this.wake = () => sleeping?.();
    return {
      stop: async () => {
        signal.stopped = true;
        if (timer) clearTimeout(timer);
        (sleeping as (() => void) | null)?.();
        this.wake = null;
        await loop;
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Reading: department users see their own department's jobs and records only

  private scopeOf(ctx: RequestContext): string | null {
    return ctx.actor?.departmentId ?? null;
  }

  async listJobs(ctx: RequestContext, limit = 50, offset = 0): Promise<{ items: ImportJob[]; total: number }> {
    const departmentId = this.scopeOf(ctx);
    if (departmentId === null) return { items: [], total: 0 };
    const { rows, total } = await repo.listJobs(this.db, { departmentId }, limit, offset);
    return { items: await this.toJobs(rows), total };
  }

  private async ownJob(ctx: RequestContext, id: string): Promise<repo.ImportJobRow> {
    const job = await repo.findJob(this.db, id);
    // Another department's job answers exactly like a missing one.
    if (!job || job.departmentId !== this.scopeOf(ctx)) throw new NotFound('records.job_not_found');
    return job;
  }

  async getJob(ctx: RequestContext, id: string): Promise<ImportJob> {
    return this.toJob(await this.ownJob(ctx, id));
  }

  /** Any job by id, for the CLI and tests (no department scope). */
  async findJob(id: string): Promise<ImportJob | null> {
    const row = await repo.findJob(this.db, id);
    return row ? this.toJob(row) : null;
  }

  async listJobErrors(ctx: RequestContext, id: string, limit = 100, offset = 0): Promise<{ items: RowError[]; total: number }> {
    await this.ownJob(ctx, id);
    const { rows, total } = await repo.listRowErrors(this.db, id, limit, offset);
    return { items: rows.map(toRowError), total };
  }

  /** The error report as CSV or XLSX, streamed; every text cell escaped against formula injection. */
  async writeJobErrors(ctx: RequestContext, id: string, format: 'csv' | 'xlsx', output: Writable): Promise<void> {
    await this.ownJob(ctx, id);
    const headers = ['行号 Row', '列 Column', '代码 Code', '原因', 'Reason'];
    const db = this.db;
    async function* rows() {
      for await (const e of repo.iterateRowErrors(db, id)) yield [e.rowNumber, e.columnName, e.code, e.messageZh, e.messageEn];
    }
    if (format === 'csv') await writeCsv(output, headers, rows());
    else await writeXlsx(output, '错误报告', headers, rows());
  }

  private async summaries(rows: repo.CreditRecordRow[]): Promise<RecordSummary[]> {
    const items = new Map((await this.catalog.list()).map((i) => [i.code, i.name]));
    return rows.map((r) => ({
      id: r.id,
      itemCode: r.itemCode,
      itemName: items.get(r.itemCode) ?? r.itemCode,
      sourceRecordId: r.sourceRecordId,
      subjectType: r.subjectType as RecordSummary['subjectType'],
      // STANDARDS.md masking: a person's name keeps the surname; organizations' names are public.
      subjectName: r.subjectType === 'person' ? maskPersonName(r.subjectName) : r.subjectName,
      subjectCodeMasked: r.subjectCodeMasked,
      currentVersion: r.currentVersion,
      decisionDate: r.decisionDate,
      severity: r.severity,
      linkedRecordId: r.linkedRecordId,
      linkRole: r.linkRole,
      updatedAt: r.updatedAt,
    }));
  }

  /** The department's records (optionally of one item or one subject); the read is logged. */
  async listRecords(
    ctx: RequestContext,
    query: { item?: string | undefined; subjectCode?: string | undefined; limit?: number | undefined; offset?: number | undefined },
  ): Promise<{ items: RecordSummary[]; total: number }> {
    const departmentId = this.scopeOf(ctx);
    if (departmentId === null) return { items: [], total: 0 };
    const filter: repo.RecordFilter = { departmentId };
    if (query.item !== undefined) filter.itemCode = query.item.trim().toUpperCase();
    let subject: { kind: 'person' | 'organization'; id: string } | undefined;
    let codeMasked: string | undefined;
    if (query.subjectCode !== undefined) {
      const check = classifySubjectCode(query.subjectCode, this.today());
      if (!check.ok) {
        const detail = codeRejectionMessages[check.reason];
        throw new InvalidInput('records.invalid_code', 'subjectCode', check.reason, { value: '', detailZh: detail.zh, detailEn: detail.en });
      }
      const id = check.facts.kind === 'person' ? await this.identity.resolvePersonId(check.facts.code) : await this.identity.resolveOrganizationId(check.facts.code);
      codeMasked = check.facts.kind === 'person' ? maskCitizenCode(check.facts.code) : check.facts.code;
      if (id === null) {
        await this.audit.record(ctx, { action: 'records.list', data: { filter: { item: filter.itemCode ?? null, subjectCode: codeMasked }, count: 0 }, result: 'not_found' });
        return { items: [], total: 0 };
      }
      subject = { kind: check.facts.kind, id };
      if (subject.kind === 'person') filter.personId = id;
      else filter.organizationId = id;
    }
    const { rows, total } = await repo.listRecords(this.db, filter, query.limit ?? 50, query.offset ?? 0);
    // DESIGN.md decision 5: reading records is logged, with the subject when one was asked for.
    await this.audit.record(ctx, {
      action: 'records.list',
      ...(subject ? { subject } : {}),
      data: { filter: { item: filter.itemCode ?? null, subjectCode: codeMasked ?? null }, count: rows.length, total },
      result: 'ok',
    });
    return { items: await this.summaries(rows), total };
  }

  /** A record with its versions and, for an organization's record, the personal records derived from it (policy (一)2). */
  async getRecord(ctx: RequestContext, id: string): Promise<{ record: RecordSummary; versions: RecordVersion[]; linked: RecordSummary[] }> {
    const departmentId = this.scopeOf(ctx);
    const row = await repo.findRecord(this.db, id);
    if (!row || departmentId === null || row.departmentId !== departmentId) throw new NotFound('records.record_not_found');
    const versions = await repo.listVersions(this.db, id);
    const linked = row.subjectType === 'organization' ? await repo.listDerivedRecords(this.db, [id]) : [];
    const subject = row.personId !== null ? { kind: 'person' as const, id: row.personId } : { kind: 'organization' as const, id: row.organizationId! };
    await this.audit.record(ctx, { action: 'records.read', subject, data: { recordId: id, itemCode: row.itemCode, versions: versions.length }, result: 'ok' });
    // The derived records show persons: each one's access log shows this read too (DESIGN.md decision 5).
    await Promise.all(
      linked.map((r) => this.audit.record(ctx, { action: 'records.read', subject: { kind: 'person', id: r.personId! }, data: { recordId: r.id, itemCode: r.itemCode, via: id }, result: 'ok' })),
    );
    return {
      linked: await this.summaries(linked),
      record: (await this.summaries([row]))[0]!,
      versions: versions.map((v) => ({
        version: v.version,
        fields: JSON.parse(v.fields) as Record<string, string>,
        contentHash: v.contentHash,
        jobId: v.jobId,
        recordedAt: v.recordedAt,
        recordedBy: v.recordedBy,
      })),
    };
  }

  /**
   * The signed-in citizen's own records (citizen centre, issue 6): every current record about
   * their person, logged as a self-query (《河南省社会信用条例》Art. 40: free self-query).
   */
  async listOwnRecords(ctx: RequestContext): Promise<RecordSummary[]> {
    const personId = ctx.actor?.personId;
    if (!personId) throw new NotFound('records.no_own_person');
    const rows = await repo.listSubjectRecords(this.db, { personId });
    await this.audit.record(ctx, { action: 'records.own_read', subject: { kind: 'person', id: personId }, data: { count: rows.length }, result: 'ok' });
    return this.summaries(rows);
  }

  /**
   * What other modules (lists, sanctions, reports) reason about: a subject's current records, by
   * id. Not an audited read itself — the caller logs its own purpose (a check, a listing, a report).
   */
  async subjectFacts(subject: { personId: string } | { organizationId: string }): Promise<SubjectRecordFact[]> {
    return (await repo.listSubjectRecords(this.db, subject)).map(toFact);
  }

  /** The personal records derived from these organization records: its legal representative and responsible persons (落实到人). */
  async derivedFacts(organizationRecordIds: readonly string[]): Promise<SubjectRecordFact[]> {
    return (await repo.listDerivedRecords(this.db, organizationRecordIds)).map(toFact);
  }

  /**
   * The current version's fields of these records (citizen codes are never stored in them), by
   * record id — for reports that show a record's details, such as a licence's number and status.
   * Not an audited read itself: the caller logs its own purpose.
   */
  async currentFields(recordIds: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const rows = await repo.listCurrentFields(this.db, recordIds);
    return new Map(rows.map((r) => [r.recordId, JSON.parse(r.fields) as Record<string, string>]));
  }

  /** Ingestion statistics per department: volume, rejection rate, timeliness (Art. 17). */
  async stats(): Promise<{ departments: DepartmentStats[] }> {
    const departments = await this.departments();
    const totals = await repo.departmentTotals(this.db, this.today());
    return {
      departments: totals
        .map((t) => ({
          departmentId: t.departmentId,
          departmentName: departments.get(t.departmentId)?.name ?? '',
          submissions: t.submissions,
          rows: t.rows,
          accepted: t.accepted,
          rejected: t.rejected,
          unchanged: t.unchanged,
          versioned: t.versioned,
          rejectionRate: t.rows === 0 ? 0 : Math.round((t.rejected / t.rows) * 10_000) / 10_000,
          onTime: t.onTime,
          overdue: t.lateAnswered + t.unansweredPastDue,
        }))
        .sort((a, b) => b.submissions - a.submissions || a.departmentName.localeCompare(b.departmentName, 'zh')),
    };
  }

  /**
   * Submissions not yet answered (Art. 17: checked within 5 working days): `waiting` while the
   * due date has not passed, `overdue` after. `allDepartments` for the admin's dashboard.
   */
  async dueSubmissions(ctx: RequestContext, allDepartments: boolean): Promise<{ waiting: ImportJob[]; overdue: ImportJob[] }> {
    const departmentId = this.scopeOf(ctx);
    if (!allDepartments && departmentId === null) return { waiting: [], overdue: [] };
    const rows = await repo.listUnansweredJobs(this.db, allDepartments ? {} : { departmentId: departmentId! });
    const today = this.today();
    const jobs = await this.toJobs(rows);
    return { waiting: jobs.filter((j) => j.dueDate >= today), overdue: jobs.filter((j) => j.dueDate < today) };
  }

  countRecords(filter: { departmentId?: string; itemCode?: string } = {}): Promise<number> {
    return repo.countRecords(this.db, filter);
  }

  // -------------------------------------------------------------------------------------------
  // Corrections (issue 7, objections module): a corrected record is a new version, never an edit

  /**
   * A record's facts by id (no audit: the caller logs its own purpose), for objections routing a
   * case to the record's source department.
   */
  async recordFact(recordId: string): Promise<SubjectRecordFact | null> {
    const row = await repo.findRecord(this.db, recordId);
    return row ? toFact(row) : null;
  }

  /**
   * Writes a corrected version of a record: the current fields with `changes` applied, recorded by
   * the corrector with the reason in the audit entry; the wrong version stays. Only the record's
   * source department or the platform (an account without a department) may correct. Returns the
   * new version and who recorded the wrong one (policy (四)9: whoever records wrong information is
   * accountable). The version keeps the wrong version's import job: the data's origin.
   */
  async correctRecord(
    ctx: RequestContext,
    recordId: string,
    input: { changes: Record<string, string>; reason: string; expectedVersion?: number },
  ): Promise<{ version: number; wrong: { version: number; departmentId: string; recordedBy: string | null } }> {
    const scope = this.scopeOf(ctx);
    const row = await repo.findRecord(this.db, recordId);
    if (!row || (scope !== null && row.departmentId !== scope)) throw new NotFound('records.record_not_found');
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.currentVersion) {
      throw new DomainError('records.record_changed', 409, { version: row.currentVersion });
    }
    const wrong = (await repo.listVersions(this.db, recordId)).find((v) => v.version === row.currentVersion)!;
    const current = JSON.parse(wrong.fields) as Record<string, string>;
    // A correction changes what was recorded; it adds no field the item does not have.
    const unknown = Object.keys(input.changes).find((k) => !(k in current));
    if (unknown !== undefined) throw new InvalidInput('records.unknown_field', `changes/${unknown}`, 'unknown', { column: unknown, itemCode: row.itemCode });
    const fields = { ...current, ...input.changes };
    const fieldsJson = JSON.stringify(Object.fromEntries(Object.keys(fields).sort().map((k) => [k, fields[k]!])));
    const contentHash = sm3Hex(`{"correctionOf":${JSON.stringify(wrong.contentHash)},"f":${fieldsJson}}`);
    const now = this.clock.now().toISOString();
    const version = row.currentVersion + 1;
    await inTransaction(this.db, async (tx) => {
      const moved = await repo.updateRecordVersion(tx, row.id, row.currentVersion, {
        currentVersion: version,
        contentHash,
        decisionDate: row.decisionDate,
        severity: row.severity,
        subjectName: row.subjectName,
        updatedAt: now,
        updatedJobId: row.updatedJobId,
        linkedRecordId: row.linkedRecordId,
        linkRole: row.linkRole,
      });
      if (!moved) throw new DomainError('records.record_changed', 409, { version: row.currentVersion });
      await repo.insertVersions(tx, [
        { id: newId(), recordId: row.id, version, contentHash, fields: fieldsJson, refs: wrong.refs, jobId: wrong.jobId, recordedAt: now, recordedBy: ctx.actor?.userId ?? null },
      ]);
      const subject = row.personId !== null ? { kind: 'person' as const, id: row.personId } : { kind: 'organization' as const, id: row.organizationId! };
      await this.audit.recordIn(tx, ctx, {
        action: 'records.correct',
        subject,
        data: { recordId: row.id, fromVersion: wrong.version, version, changed: Object.keys(input.changes), reason: input.reason, wrongRecordedBy: wrong.recordedBy },
        result: 'ok',
      });
    });
    return { version, wrong: { version: wrong.version, departmentId: row.departmentId, recordedBy: wrong.recordedBy } };
  }
}

function toRowError(e: repo.RowErrorRow): RowError {
  return { row: e.rowNumber, column: e.columnName, code: e.code, message: { zh: e.messageZh, en: e.messageEn } };
}

