/**
 * Small helpers the rule-heavy module tests (lists, sanctions, disclosure) share: a department
 * user as a request context, 双公示 penalties imported through the real pipeline, and the domain
 * error a call is refused with.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { RequestContext } from '../../src/shared/context.ts';
import { DomainError } from '../../src/shared/errors.ts';
import type { Role } from '../../src/modules/accounts/index.ts';
import { PENALTY_HEADER, judgmentDebtorRecord, penaltyCsv, personCode } from '../../src/modules/records/test-factories.ts';
import { addDays } from '../../src/modules/lists/rules.ts';
import type { Services } from '../../src/services.ts';
import type { TestDb } from './db.ts';

/** The password of every user `actorContext` creates. */
export const TEST_USER_PASSWORD = 'Domain-Test-Password-2026';
let users = 0;

/** A new user of the role (in the department with `orgCode`, or linked to `personId`) as the context of its calls. */
export async function actorContext(db: TestDb, role: Role, where: { orgCode?: string; personId?: string } = {}): Promise<RequestContext & { username: string }> {
  const department = where.orgCode ? (await db.services.accounts.listDepartments()).find((d) => d.orgCode === where.orgCode) : undefined;
  if (where.orgCode && department === undefined) throw new Error(`no department ${where.orgCode}`);
  const username = `${role}-${++users}-${db.engine}`;
  const user = await db.services.accounts.addUser(
    { actor: null },
    { username, displayName: username, role, password: TEST_USER_PASSWORD, ...(department ? { departmentId: department.id } : {}), ...(where.personId ? { personId: where.personId } : {}) },
  );
  return { username, actor: { userId: user.id, username, role, departmentId: department?.id ?? null, personId: where.personId ?? null, permissions: new Set() }, channel: 'http' };
}

const files = mkdtempSync(path.join(tmpdir(), 'chengxin-domain-'));
let imported = 0;

/** Imports 双公示 penalty rows with a severity column (失信严重程度: 严重 for serious) as the context's department; every row must be accepted. */
export async function importPenalties(db: TestDb, ctx: RequestContext, rows: string[][]): Promise<void> {
  const file = path.join(files, `penalties-${++imported}.csv`);
  writeFileSync(file, penaltyCsv(rows, [...PENALTY_HEADER, '失信严重程度']));
  const department = (await db.services.accounts.listDepartments()).find((d) => d.id === ctx.actor!.departmentId)!;
  const job = await db.services.records.importFile(ctx, { file, departmentOrgCode: department.orgCode });
  expect(job, JSON.stringify(await db.services.records.listJobErrors(ctx, job.id))).toMatchObject({ status: 'done', rejected: 0 });
}

/** The domain error `work` is refused with (fails the test when it succeeds or throws anything else). */
export async function refusal(work: Promise<unknown>): Promise<{ code: string; status: number; facts: Record<string, unknown> }> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  const { code, status, facts } = err as DomainError;
  return { code, status, facts };
}

const COURT = '11419001101029470Q'; // 济源中级人民法院: source of 失信被执行人 (SXBZXR)

/**
 * For casework pages: a court reviewer (`reviewer`) submits a 失信被执行人 record (decided
 * 2026-10-12) of each debtor, and each debtor with a `login` gets a citizen account. All use
 * `password`. Returns each debtor's person id by citizen code.
 */
export async function courtDebtors(
  services: Services,
  opts: { reviewer: string; reviewerName: string; password: string; debtors: ReadonlyArray<{ n: number; code: string; name: string; login?: string }> },
): Promise<Map<string, string>> {
  const court = (await services.accounts.listDepartments()).find((d) => d.orgCode === COURT)!;
  const rev = await services.accounts.addUser({ actor: null }, { username: opts.reviewer, displayName: opts.reviewerName, role: 'dept_reviewer', password: opts.password, departmentId: court.id });
  const ctx: RequestContext = { actor: { userId: rev.id, username: opts.reviewer, role: 'dept_reviewer', departmentId: court.id, personId: null, permissions: new Set() } };
  const job = await services.records.submitBatch(ctx, 'SXBZXR', opts.debtors.map((d) => judgmentDebtorRecord(d.n, { code: d.code, name: d.name }, '2026-10-12')));
  expect(job.errors).toEqual([]);
  const persons = new Map<string, string>();
  for (const d of opts.debtors) {
    const personId = (await services.identity.resolvePersonId(d.code))!;
    persons.set(d.code, personId);
    if (d.login) await services.accounts.addUser({ actor: null }, { username: d.login, displayName: d.name, role: 'citizen', password: opts.password, personId });
  }
  return persons;
}

/**
 * A 失信被执行人 record of person `i` submitted by the court's operator, and the serious-dishonesty
 * entry resting on it, listed by the court's reviewer the day after the defence period (the test
 * clock is moved there, 10:00).
 */
export async function listJudgmentDebtor(db: TestDb, court: { op: RequestContext; rev: RequestContext }, i: number, name: string) {
  const job = await db.services.records.submitBatch(court.op, 'SXBZXR', [judgmentDebtorRecord(i, { code: personCode(i), name }, '2026-10-09')]);
  expect(job.errors).toEqual([]);
  const personId = (await db.services.identity.resolvePersonId(personCode(i)))!;
  const [fact] = await db.services.records.subjectFacts({ personId });
  const proposed = await db.services.lists.propose(court.op, {
    list: 'serious_dishonesty',
    subjectCode: personCode(i),
    category: 'defying_obligations',
    recordIds: [fact!.recordId],
    basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
    reason: '有履行能力而拒不履行生效法律文书确定的给付义务',
    measures: '限制高消费',
  });
  db.clock.set(`${addDays(proposed.entry.defenceUntil!, 1)}T10:00:00+08:00`);
  const listed = await db.services.lists.decide(court.rev, proposed.entry.id, { outcome: 'list', note: '未申辩', version: proposed.entry.version });
  return { personId, recordId: fact!.recordId, listed };
}
