import { sm3Hex } from '../../shared/crypto.ts';
import type { RequestContext } from '../../shared/context.ts';
import { newId } from '../../shared/ids.ts';
import { maskCitizenCode } from '../../shared/masking.ts';
import type { Tx } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';
import * as repo from './repo.ts';
import type { PreparedRow } from './rows.ts';
import type { IngestionRules } from './rules.ts';
import type { RowError } from './schema.ts';

/**
 * Writes one chunk of prepared rows in the caller's transaction: subjects (created unverified
 * when unknown, through the identity service), records and versions by the idempotency key
 * (department, item, source record id), the personal records derived from an organization's
 * serious record, the refused rows, and one access-log summary. Dedup is one query per item
 * per chunk, not per row.
 */

export interface ChunkOutcome {
  accepted: number;
  unchanged: number;
  versioned: number;
  /** Personal records written or versioned because of an organization's serious record. */
  linked: number;
}

interface Candidate {
  itemCode: string;
  sourceRecordId: string;
  subjectType: 'person' | 'organization';
  personId: string | null;
  organizationId: string | null;
  subjectName: string;
  subjectCodeMasked: string;
  decisionDate: string | null;
  severity: string | null;
  /** The fields as stored: JSON with sorted keys, computed once per row (a linked record shares its row's). */
  fieldsJson: string;
  refs: Record<string, unknown>;
  link: { role: string; parentIndex: number } | null;
  /** Counts toward the job's accepted/unchanged/versioned (a file row), or is derived (linked). */
  isRow: boolean;
}

interface KeyState {
  row: repo.CreditRecordRow;
  isNew: boolean;
  storedVersion: number;
}

function sortedFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(fields).sort()) out[key] = fields[key]!;
  return out;
}

/**
 * SM3 of the normalised content: subject, severity, fields and references — the JSON text of
 * `{s, v, d, f, r, l}`, with the fields' JSON spliced in rather than serialised a second time.
 */
function contentHash(c: Candidate, linkedRecordId: string | null): string {
  const s = JSON.stringify([c.subjectType, c.personId ?? c.organizationId]);
  const l = JSON.stringify(c.link === null ? null : [c.link.role, linkedRecordId]);
  return sm3Hex(`{"s":${s},"v":${JSON.stringify(c.severity)},"d":${JSON.stringify(c.decisionDate)},"f":${c.fieldsJson},"r":${JSON.stringify(c.refs)},"l":${l}}`);
}

export interface ChunkInput {
  tx: Tx;
  ctx: RequestContext;
  jobId: string;
  departmentId: string;
  rows: PreparedRow[];
  errors: RowError[];
  now: string;
  /** For the linked personal records: the person item of the organization item's family. */
  personItemFor: (orgItemCode: string) => string | null;
  rules: IngestionRules;
}

export async function writeChunk(identity: IdentityService, audit: AuditLog, input: ChunkInput): Promise<ChunkOutcome> {
  const { tx, ctx, rows, now } = input;
  const outcome: ChunkOutcome = { accepted: 0, unchanged: 0, versioned: 0, linked: 0 };

  // Subjects first: organizations with their legal representative's name, persons (subjects and,
  // for serious organization records, the persons to link).
  const linksFor = (row: PreparedRow) =>
    row.subject.kind === 'organization' && row.severity !== null && input.rules.linkSeverities.includes(row.severity) && input.personItemFor(row.plan.item.code) !== null;
  const orgInputs = new Map<string, { orgCode: string; name: string; legalRepresentativeName?: string }>();
  const personInputs = new Map<string, { code: string; name: string }>();
  for (const row of rows) {
    if (row.subject.kind === 'organization') {
      orgInputs.set(row.subject.code, { orgCode: row.subject.code, name: row.subject.name, ...(row.representative ? { legalRepresentativeName: row.representative.name } : {}) });
    } else personInputs.set(row.subject.code, { code: row.subject.code, name: row.subject.name });
    if (linksFor(row)) {
      if (row.representative?.code) personInputs.set(row.representative.code, { code: row.representative.code, name: row.representative.name });
      for (const p of row.responsible) personInputs.set(p.code, { code: p.code, name: p.name });
    }
  }
  const personIds = personInputs.size > 0 ? await identity.ensurePersonsIn(tx, ctx, [...personInputs.values()]) : new Map<string, string>();
  const orgIds = orgInputs.size > 0 ? await identity.ensureOrganizationsIn(tx, ctx, [...orgInputs.values()]) : new Map<string, string>();

  // Records to write, in file order; a linked personal record follows its organization record.
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const fieldsJson = JSON.stringify(sortedFields(row.fields));
    const isPerson = row.subject.kind === 'person';
    const subjectId = isPerson ? personIds.get(row.subject.code)! : orgIds.get(row.subject.code)!;
    const refs: Record<string, unknown> = {};
    if (row.representative) refs.representative = { role: row.representative.role, name: row.representative.name, personId: row.representative.code ? (personIds.get(row.representative.code) ?? null) : null };
    if (row.responsible.length > 0) refs.responsible = row.responsible.map((p) => ({ role: p.role, name: p.name, personId: personIds.get(p.code) ?? null }));
    const parentIndex = candidates.length;
    candidates.push({
      itemCode: row.plan.item.code,
      sourceRecordId: row.sourceRecordId,
      subjectType: row.subject.kind,
      personId: isPerson ? subjectId : null,
      organizationId: isPerson ? null : subjectId,
      subjectName: row.subject.name,
      subjectCodeMasked: isPerson ? maskCitizenCode(row.subject.code) : row.subject.code,
      decisionDate: row.decisionDate,
      severity: row.severity,
      fieldsJson,
      refs,
      link: null,
      isRow: true,
    });
    if (!linksFor(row)) continue;
    const personItem = input.personItemFor(row.plan.item.code)!;
    const linked: Array<{ role: string; name: string; code: string }> = [];
    if (row.representative?.code) linked.push({ role: row.representative.role, name: row.representative.name, code: row.representative.code });
    linked.push(...row.responsible);
    const seen = new Set<string>();
    for (const person of linked) {
      const personId = personIds.get(person.code)!;
      const key = `${row.sourceRecordId}|${person.role}|${personId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({
        itemCode: personItem,
        sourceRecordId: key,
        subjectType: 'person',
        personId,
        organizationId: null,
        subjectName: person.name,
        subjectCodeMasked: maskCitizenCode(person.code),
        decisionDate: row.decisionDate,
        severity: row.severity,
        fieldsJson,
        refs: { organization: { organizationId: subjectId, name: row.subject.name, orgCode: row.subject.code }, role: person.role },
        link: { role: person.role, parentIndex },
        isRow: false,
      });
    }
  }

  // Dedup: one query per item for the whole chunk.
  const existing = await repo.findRecordsByKeys(tx, input.departmentId, candidates);
  const state = new Map<string, KeyState>();
  for (const row of existing) state.set(`${row.itemCode}\u0000${row.sourceRecordId}`, { row, isNew: false, storedVersion: row.currentVersion });

  const inserts: repo.CreditRecordRow[] = [];
  const versions: repo.RecordVersionRow[] = [];
  const resolvedIds: string[] = [];
  const recordedBy = ctx.actor?.userId ?? null;
  for (const c of candidates) {
    const key = `${c.itemCode}\u0000${c.sourceRecordId}`;
    const linkedRecordId = c.link === null ? null : resolvedIds[c.link.parentIndex]!;
    const hash = contentHash(c, linkedRecordId);
    const found = state.get(key);
    let kind: 'accepted' | 'unchanged' | 'versioned';
    let record: repo.CreditRecordRow;
    if (found === undefined) {
      record = {
        id: newId(),
        departmentId: input.departmentId,
        itemCode: c.itemCode,
        sourceRecordId: c.sourceRecordId,
        subjectType: c.subjectType,
        personId: c.personId,
        organizationId: c.organizationId,
        subjectName: c.subjectName,
        subjectCodeMasked: c.subjectCodeMasked,
        currentVersion: 1,
        contentHash: hash,
        decisionDate: c.decisionDate,
        severity: c.severity,
        linkedRecordId,
        linkRole: c.link?.role ?? null,
        createdAt: now,
        updatedAt: now,
        createdJobId: input.jobId,
        updatedJobId: input.jobId,
      };
      state.set(key, { row: record, isNew: true, storedVersion: 0 });
      inserts.push(record);
      kind = 'accepted';
    } else if (found.row.contentHash === hash) {
      record = found.row;
      kind = 'unchanged';
    } else {
      // The key is the department's id of the record: a different subject under the same id is a
      // correction of the record too, kept as a version (nothing is overwritten).
      record = found.row;
      record.currentVersion += 1;
      record.contentHash = hash;
      record.decisionDate = c.decisionDate;
      record.severity = c.severity;
      record.subjectName = c.subjectName;
      record.linkedRecordId = linkedRecordId;
      record.linkRole = c.link?.role ?? null;
      record.updatedAt = now;
      record.updatedJobId = input.jobId;
      kind = found.isNew ? 'accepted' : 'versioned';
    }
    resolvedIds.push(record.id);
    if (kind !== 'unchanged') {
      versions.push({
        id: newId(),
        recordId: record.id,
        version: record.currentVersion,
        contentHash: hash,
        fields: c.fieldsJson,
        refs: JSON.stringify({ subject: { kind: c.subjectType, id: c.personId ?? c.organizationId }, ...c.refs }),
        jobId: input.jobId,
        recordedAt: now,
        recordedBy,
      });
    }
    if (!c.isRow) {
      if (kind !== 'unchanged') outcome.linked += 1;
    } else if (kind === 'accepted' && found !== undefined) {
      // The same key earlier in this chunk: for the job, the second row changed it.
      outcome.versioned += 1;
    } else outcome[kind] += 1;
  }

  await repo.insertRecords(tx, inserts);
  for (const s of state.values()) {
    if (s.isNew || s.row.currentVersion === s.storedVersion) continue;
    const moved = await repo.updateRecordVersion(tx, s.row.id, s.storedVersion, {
      currentVersion: s.row.currentVersion,
      contentHash: s.row.contentHash,
      decisionDate: s.row.decisionDate,
      severity: s.row.severity,
      subjectName: s.row.subjectName,
      updatedAt: s.row.updatedAt,
      updatedJobId: s.row.updatedJobId,
      linkedRecordId: s.row.linkedRecordId,
      linkRole: s.row.linkRole,
    });
    // Another job versioned it meanwhile: the unique (record, version) key would refuse ours; retry the chunk.
    if (!moved) throw Object.assign(new Error('record changed concurrently'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  }
  await repo.insertVersions(tx, versions);
  await repo.insertRowErrors(
    tx,
    input.errors.map((e) => ({ id: newId(), jobId: input.jobId, rowNumber: e.row, columnName: e.column, code: e.code, messageZh: e.message.zh, messageEn: e.message.en })),
  );
  // One access-log entry per committed chunk (not per record): what was written, by whom, in which job.
  await audit.recordIn(tx, ctx, {
    action: 'records.import_chunk',
    data: {
      jobId: input.jobId,
      fromRow: Math.min(...rows.map((r) => r.rowNumber), ...input.errors.map((e) => e.row)),
      toRow: Math.max(...rows.map((r) => r.rowNumber), ...input.errors.map((e) => e.row)),
      ...outcome,
      rejected: new Set(input.errors.map((e) => e.row)).size,
    },
    result: 'ok',
  });
  return outcome;
}
