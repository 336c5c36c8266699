import path from 'node:path';
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock.ts';
import { shanghaiDate } from '../../shared/clock.ts';
import type { RequestContext } from '../../shared/context.ts';
import { sm3Hex, type FieldCipher } from '../../shared/crypto.ts';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { checkEvidenceFiles, planStoredFiles, storedFilePath, storeFilesThen, type CheckedFile } from '../../shared/evidence-files.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import * as repo from './repo.ts';
import type { DisclosureRules } from './rules.ts';
import type { Tip, TipBody, TipStatus } from './schema.ts';

/** Lookup codes avoid characters read alike (0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

const randomFrom = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/**
 * Whistleblowing (举报, policy (二)4): anyone reports dishonest conduct, optionally with name and
 * contact (stored SM4-encrypted) and up to five PDF/JPEG/PNG files; the tip goes to the responsible
 * department (chosen, or the catalog item's single source department), which answers; the reporter
 * looks the answer up with the tracking number and the secret code shown once (only its SM3 digest
 * is kept). A department reaches only its own tips.
 */
export class Tips {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly cipher: FieldCipher,
    private readonly deps: { accounts: AccountsService; catalog: CatalogService },
    /** DATA_DIR/uploads: attachments go under `tips/<tip id>/` */
    private readonly uploadDir: string,
    private readonly rules: DisclosureRules,
  ) {}

  private async departmentFor(body: TipBody): Promise<{ id: string; name: string }> {
    const departments = await this.deps.accounts.listDepartments();
    if (body.departmentId) {
      const chosen = departments.find((d) => d.id === body.departmentId);
      if (!chosen) throw new InvalidInput('disclosure.unknown_department', 'departmentId', 'unknown');
      return chosen;
    }
    if (body.itemCode) {
      const item = await this.deps.catalog.get(body.itemCode).catch((err: unknown) => {
        if (err instanceof DomainError && err.status === 404) throw new InvalidInput('catalog.item_not_found', 'itemCode', 'unknown', { itemCode: body.itemCode });
        throw err;
      });
      const sources = departments.filter((d) => item.sourceDepartments.includes(d.orgCode));
      if (sources.length !== 1) throw new InvalidInput('disclosure.item_without_department', 'itemCode', 'no_single_source', { itemName: item.name });
      return sources[0]!;
    }
    throw new InvalidInput('disclosure.no_department', 'departmentId', 'required');
  }

  /** Every attachment decoded and recognised, or the first problem located — before anything is written. */
  private checkAttachments(body: TipBody): CheckedFile[] {
    const { maxAttachments, maxAttachmentBytes, allowedTypes } = this.rules.tips;
    return checkEvidenceFiles(body.attachments, { maxFiles: maxAttachments, maxFileBytes: maxAttachmentBytes, allowedTypes }, { module: 'disclosure', field: 'attachments' });
  }

  async submit(ctx: RequestContext, body: TipBody): Promise<{ number: string; code: string; departmentName: string }> {
    const department = await this.departmentFor(body);
    const files = this.checkAttachments(body);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const id = newId();
    const code = randomFrom(CODE_ALPHABET, CODE_LENGTH);
    const number = `JB${today.replaceAll('-', '')}${randomFrom('0123456789', 8)}`;
    const clean = (s: string | undefined) => (s?.trim() ? this.cipher.encrypt(s.trim()) : null);
    const row: repo.TipRow = {
      id,
      number,
      codeDigest: sm3Hex(code),
      reporterNameCipher: clean(body.reporterName),
      reporterContactCipher: clean(body.reporterContact),
      subject: body.subject.trim(),
      description: body.description.trim(),
      itemCode: body.itemCode?.trim().toUpperCase() || null,
      departmentId: department.id,
      status: 'received',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      receivedAt: now.toISOString(),
      receivedOn: today,
      version: 1,
    };
    const planned = planStoredFiles(path.join('tips', id), files);
    const attachments: repo.TipAttachmentRow[] = planned.map(({ stored: { id: attachmentId, ...f } }) => ({ id: attachmentId, tipId: id, ...f }));
    // Nothing half-received: files without their tip row are removed.
    await storeFilesThen(this.uploadDir, path.join('tips', id), planned, () =>
      inTransaction(this.db, async (tx) => {
        await repo.insertTip(tx, row, attachments, { id: newId(), tipId: id, action: 'receive', actorUserId: null, at: row.receivedAt, note: null });
        await this.audit.recordIn(tx, ctx, { action: 'disclosure.tip_receive', data: { tipId: id, number, departmentId: department.id, attachments: attachments.length }, result: 'ok' });
      }),
    );
    return { number, code, departmentName: department.name };
  }

  /** The reporter's view; a wrong number or code answers the same 404, so numbers cannot be probed. */
  async lookup(number: string, code: string): Promise<TipStatus> {
    const row = await repo.findTipByNumber(this.db, number.trim().toUpperCase());
    const given = Buffer.from(sm3Hex(code.trim().toUpperCase()), 'hex');
    if (!row || !timingSafeEqual(given, Buffer.from(row.codeDigest, 'hex'))) throw new NotFound('disclosure.tip_not_found');
    const names = await this.departmentNames();
    return { number: row.number, status: row.status as TipStatus['status'], departmentName: names.get(row.departmentId) ?? '', subject: row.subject, receivedOn: row.receivedOn, answer: row.answer, answeredAt: row.answeredAt };
  }

  private departmentOf(ctx: RequestContext): string {
    const departmentId = ctx.actor?.departmentId ?? null;
    if (departmentId === null) throw new Forbidden('disclosure.no_tip_department');
    return departmentId;
  }

  private async ownTip(db: Executor, ctx: RequestContext, id: string): Promise<repo.TipRow> {
    const departmentId = this.departmentOf(ctx);
    const row = await repo.findTip(db, id);
    if (!row || row.departmentId !== departmentId) throw new NotFound('disclosure.tip_not_found');
    return row;
  }

  /** The department's tips, newest first; reporters' details only in `get` (logged). */
  async list(ctx: RequestContext, query: { status?: string; limit?: number; offset?: number }): Promise<{ items: Tip[]; total: number }> {
    const departmentId = this.departmentOf(ctx);
    const { rows, total } = await repo.listTips(this.db, { departmentId, ...(query.status ? { status: query.status } : {}) }, query.limit ?? 50, query.offset ?? 0);
    const names = await this.departmentNames();
    return { items: rows.map((r) => this.toTip(r, names, [], false)), total };
  }

  /** One tip with the reporter's name and contact (decrypted; the read is logged). */
  async get(ctx: RequestContext, id: string): Promise<Tip> {
    const row = await this.ownTip(this.db, ctx, id);
    const [attachments, names] = await Promise.all([repo.listTipAttachments(this.db, id), this.departmentNames()]);
    await this.audit.record(ctx, { action: 'disclosure.tip_read', data: { tipId: id }, result: 'ok' });
    return this.toTip(row, names, attachments, true);
  }

  async answer(ctx: RequestContext, id: string, input: { answer: string; expectedVersion: number }): Promise<Tip> {
    const now = this.clock.now().toISOString();
    const by = ctx.actor?.userId ?? null;
    await inTransaction(this.db, async (tx) => {
      const row = await this.ownTip(tx, ctx, id);
      if (row.status === 'answered') throw new Conflict('disclosure.tip_answered');
      if (row.version !== input.expectedVersion) throw new Conflict('disclosure.tip_changed', { version: row.version });
      const answer = input.answer.trim();
      if (!(await repo.updateTip(tx, id, row.version, { status: 'answered', answer, answeredBy: by, answeredAt: now }))) throw new Conflict('disclosure.tip_changed', { version: row.version });
      await repo.insertTipEvent(tx, { id: newId(), tipId: id, action: 'answer', actorUserId: by, at: now, note: answer });
      await this.audit.recordIn(tx, ctx, { action: 'disclosure.tip_answer', data: { tipId: id }, result: 'ok' });
    });
    return this.get(ctx, id);
  }

  /** An attachment's stored file for the department (the read is logged). */
  async attachment(ctx: RequestContext, tipId: string, attachmentId: string): Promise<{ file: string; fileName: string; contentType: string }> {
    await this.ownTip(this.db, ctx, tipId);
    const found = (await repo.listTipAttachments(this.db, tipId)).find((a) => a.id === attachmentId);
    if (!found) throw new NotFound('disclosure.tip_not_found');
    await this.audit.record(ctx, { action: 'disclosure.tip_attachment_read', data: { tipId, attachmentId }, result: 'ok' });
    return { file: storedFilePath(this.uploadDir, found), fileName: found.fileName, contentType: found.contentType };
  }

  private toTip(r: repo.TipRow, names: Map<string, string>, attachments: repo.TipAttachmentRow[], reveal: boolean): Tip {
    const open = (cipher: string | null) => (reveal && cipher !== null ? this.cipher.decrypt(cipher) : null);
    return {
      id: r.id,
      number: r.number,
      status: r.status as Tip['status'],
      reporterName: open(r.reporterNameCipher),
      reporterContact: open(r.reporterContactCipher),
      subject: r.subject,
      description: r.description,
      itemCode: r.itemCode,
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId) ?? '',
      answer: r.answer,
      answeredAt: r.answeredAt,
      receivedAt: r.receivedAt,
      version: r.version,
      attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, bytes: a.bytes })),
    };
  }

  private async departmentNames(): Promise<Map<string, string>> {
    return new Map((await this.deps.accounts.listDepartments()).map((d) => [d.id, d.name]));
  }
}
