import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { actorContext, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { judgmentDebtorRecord, personCode } from '../records/test-factories.ts';

const COURT = '11419001101029470Q'; // 济源中级人民法院
const NDRC = '114190011000000004'; // 市发展和改革委员会

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-evidence')]);
const EXE = Buffer.from('MZ\x90\x00 this is not a document');
const file = (fileName: string, bytes: Buffer) => ({ fileName, contentBase64: bytes.toString('base64') });

const NAMES: Record<number, string> = { 31: '王三一', 32: '李三二', 33: '张三三', 34: '赵三四', 35: '钱三五' };

describeEachDatabase('objections: evidence files, agents, report lines', (get) => {
  let court: { op: RequestContext; rev: RequestContext };
  let ndrcRev: RequestContext;
  const citizen: Record<number, RequestContext> = {};
  const personOf: Record<number, string> = {};
  const recordOf: Record<number, string> = {};

  beforeAll(async () => {
    const db: TestDb = get();
    db.clock.set('2026-11-30T10:00:00+08:00');
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    ndrcRev = await actorContext(db, 'dept_reviewer', { orgCode: NDRC });
    const numbers = Object.keys(NAMES).map(Number);
    const job = await db.services.records.submitBatch(
      court.op,
      'SXBZXR',
      numbers.map((n) => judgmentDebtorRecord(n, { code: personCode(n), name: NAMES[n]! }, '2026-10-09')),
    );
    expect(job.errors).toEqual([]);
    for (const n of numbers) {
      personOf[n] = (await db.services.identity.resolvePersonId(personCode(n)))!;
      recordOf[n] = (await db.services.records.subjectFacts({ personId: personOf[n] }))[0]!.recordId;
      citizen[n] = await actorContext(db, 'citizen', { personId: personOf[n] });
    }
  });

  it('evidence files are stored with the objection; the applicant and the handling department download them, nobody else', async () => {
    const { objections, audit } = get().services;
    const filed = await objections.file(citizen[31]!, {
      target: { kind: 'record', id: recordOf[31]! },
      reasons: '已全部履行，附执行结案通知书与缴款凭证',
      evidence: [file('结案通知书.pdf', PDF), file('缴款凭证.png', PNG)],
    });
    expect(filed.files.map((f) => [f.purpose, f.fileName, f.contentType, f.bytes])).toEqual([
      ['evidence', '结案通知书.pdf', 'application/pdf', PDF.length],
      ['evidence', '缴款凭证.png', 'image/png', PNG.length],
    ]);
    const [pdf, png] = filed.files;
    const own = await objections.ownFile(citizen[31]!, filed.id, pdf!.id);
    expect(readFileSync(own.file)).toEqual(PDF);
    expect(own).toMatchObject({ fileName: '结案通知书.pdf', contentType: 'application/pdf' });
    const forDepartment = await objections.caseFile(court.rev, filed.id, png!.id);
    expect(readFileSync(forDepartment.file)).toEqual(PNG);
    expect((await objections.queue(court.rev)).items.find((o) => o.id === filed.id)!.files).toHaveLength(2);

    // Another citizen and a department the case is not routed to: 404, like a missing case.
    expect(await refusal(objections.ownFile(citizen[32]!, filed.id, pdf!.id))).toMatchObject({ code: 'objections.not_found', status: 404 });
    expect(await refusal(objections.caseFile(ndrcRev, filed.id, pdf!.id))).toMatchObject({ code: 'objections.not_found', status: 404 });
    expect(await refusal(objections.ownFile(citizen[31]!, filed.id, 'no-such-file'))).toMatchObject({ code: 'objections.file_not_found', status: 404 });
    // Each download is an audited read on the subject.
    const reads = (await audit.listForSubject('person', personOf[31]!)).filter((e) => e.action === 'objections.file_read');
    expect(reads.map((e) => e.actorUserId).sort()).toEqual([citizen[31]!.actor!.userId, court.rev.actor!.userId].sort());
  });

  it('a bad file is refused, located at its index, and nothing is stored or marked', async () => {
    const db = get();
    const { objections, disclosure } = db.services;
    const target = { kind: 'record' as const, id: recordOf[34]! };
    const probe = await objections.file(citizen[35]!, { target: { kind: 'record', id: recordOf[35]! }, reasons: '用于定位上传目录的异议', evidence: [file('a.pdf', PDF)] });
    const uploads = path.dirname(path.dirname((await objections.ownFile(citizen[35]!, probe.id, probe.files[0]!.id)).file));
    // The good file sent beside each bad one is unique to this run: found nowhere afterwards, nothing was written.
    const good = Buffer.concat([PNG, randomBytes(16)]);
    const storedAnywhere = () => readdirSync(uploads).some((dir) => readdirSync(path.join(uploads, dir)).some((f) => readFileSync(path.join(uploads, dir, f)).equals(good)));
    for (const [evidence, code, field] of [
      [[file('ok.png', good), file('证据.pdf', EXE)], 'objections.attachment_type', 'evidence[1]'],
      [[file('ok.png', good), { fileName: 'x.pdf', contentBase64: '%%%not base64' }], 'objections.attachment_not_base64', 'evidence[1]'],
      [Array.from({ length: 6 }, (_, i) => file(`${i}.png`, good)), 'objections.too_many_attachments', 'evidence'],
      [[file('big.png', Buffer.concat([PNG, Buffer.alloc(10 * 1_048_576)]))], 'objections.attachment_too_large', 'evidence[0]'],
    ] as const) {
      expect(await refusal(objections.file(citizen[34]!, { target, reasons: '附件有问题的异议', evidence: [...evidence] }))).toMatchObject({ code, status: 400, facts: { field } });
    }
    expect(storedAnywhere()).toBe(false);
    expect((await objections.listMine(citizen[34]!)).items).toEqual([]);
    expect(await disclosure.isWithdrawn(target)).toBeNull();
  });

  it('an agent files for a principal with a power of attorney; a wrong name or code answers 404, a missing letter 400', async () => {
    const { objections } = get().services;
    const agent = citizen[33]!;
    const principal = { citizenCode: personCode(32), name: NAMES[32]! };
    const target = { kind: 'record' as const, id: recordOf[32]! };
    const letter = file('授权委托书.pdf', PDF);

    expect(await refusal(objections.file(agent, { target, reasons: '受托代为提出异议', principal }))).toMatchObject({ code: 'objections.power_of_attorney_required', status: 400, facts: { field: 'powerOfAttorney' } });
    for (const wrong of [
      { citizenCode: personCode(32), name: '李某' },
      { citizenCode: personCode(31), name: NAMES[32]! },
      { citizenCode: personCode(99), name: NAMES[32]! }, // valid, but nobody the platform knows
    ]) {
      expect(await refusal(objections.file(agent, { target, reasons: '受托代为提出异议', principal: wrong, powerOfAttorney: letter }))).toMatchObject({ code: 'objections.target_not_found', status: 404 });
    }
    // The principal's name and code, but someone else's record: the same 404.
    expect(await refusal(objections.file(agent, { target: { kind: 'record', id: recordOf[31]! }, reasons: '受托代为提出异议', principal, powerOfAttorney: letter }))).toMatchObject({
      code: 'objections.target_not_found',
      status: 404,
    });
    expect(await refusal(objections.file(agent, { target, reasons: '受托代为提出异议', principal: { ...principal, citizenCode: '12345' }, powerOfAttorney: letter }))).toMatchObject({ status: 400 });

    const filed = await objections.file(agent, { target, reasons: '受托代为提出异议：该案已和解', principal, powerOfAttorney: letter, evidence: [file('和解协议.png', PNG)] });
    expect(filed).toMatchObject({ subjectId: personOf[32], agent: { personId: personOf[33], name: NAMES[33] }, status: 'pending' });
    expect(filed.files.map((f) => f.purpose)).toEqual(['power_of_attorney', 'evidence']);

    // The principal sees it (and who filed it); the agent sees it flagged; the department sees the agent and opens the letter.
    const principalView = (await objections.listMine(citizen[32]!)).items.find((o) => o.id === filed.id)!;
    expect(principalView).toMatchObject({ agent: { name: NAMES[33] }, filedAsAgent: false, principalName: null });
    const agentView = (await objections.listMine(agent)).items.find((o) => o.id === filed.id)!;
    expect(agentView).toMatchObject({ filedAsAgent: true, subjectId: personOf[32], principalName: '李**' });
    const queued = (await objections.queue(court.rev)).items.find((o) => o.id === filed.id)!;
    expect(queued.agent).toEqual({ personId: personOf[33], name: NAMES[33] });
    const poa = queued.files.find((f) => f.purpose === 'power_of_attorney')!;
    expect(readFileSync((await objections.caseFile(court.rev, filed.id, poa.id)).file)).toEqual(PDF);
    expect(readFileSync((await objections.ownFile(agent, filed.id, poa.id)).file)).toEqual(PDF);
    expect(readFileSync((await objections.ownFile(citizen[32]!, filed.id, poa.id)).file)).toEqual(PDF);

    // The letter does not hold: the department closes the case without a ruling (不予受理); the record stands and is disclosed again.
    const before = (await objections.stats()).departments.find((d) => d.departmentId === queued.departmentId)!;
    const closed = await objections.decide(court.rev, filed.id, { outcome: 'not_accepted', note: '授权委托书未经委托人签名，不予受理', version: queued.version });
    expect(closed).toMatchObject({ status: 'decided', outcome: 'not_accepted', disclosureSuspended: false, correctedVersion: null, wrongDepartmentId: null });
    expect(await get().services.disclosure.isWithdrawn(target)).toBeNull();
    const after = (await objections.stats()).departments.find((d) => d.departmentId === queued.departmentId)!;
    expect([after.notAccepted - before.notAccepted, after.errors - before.errors, after.pending - before.pending]).toEqual([1, 0, -1]);
    const admin = await actorContext(get(), 'platform_admin');
    expect((await get().services.exchange.list(admin, {})).items.filter((c) => c.basis === `objection:${filed.id}`)).toEqual([]);
  });

  it("an objection on a report line resolves to the record the line shows; another person's report answers 404", async () => {
    const { objections, reports } = get().services;
    const own = await reports.issue(citizen[34]!, personOf[34]!, 'self', { type: 'personal', format: 'json' });
    const printed = own.content.records.bad.find((r) => r.itemCode === 'SXBZXR')!;
    const line = { section: 'record' as const, itemCode: printed.itemCode, sourceRecordId: printed.sourceRecordId };
    const target = { kind: 'report_line' as const, reportNumber: own.content.number, line };

    // Someone else's report, a line the report does not hold, an unknown number: 404 alike.
    expect(await refusal(objections.file(citizen[31]!, { target, reasons: '用别人的报告提出异议' }))).toMatchObject({ code: 'objections.target_not_found', status: 404 });
    expect(await refusal(objections.file(citizen[34]!, { target: { ...target, line: { ...line, sourceRecordId: '不存在的文号' } }, reasons: '报告中没有这一项' }))).toMatchObject({ code: 'objections.target_not_found' });
    expect(await refusal(objections.file(citizen[34]!, { target: { ...target, reportNumber: 'XY000000000000' }, reasons: '报告编号不存在' }))).toMatchObject({ code: 'objections.target_not_found' });

    const filed = await objections.file(citizen[34]!, { target, reasons: '报告所列失信被执行人信息有误', evidence: [file('说明.pdf', PDF)] });
    expect(filed).toMatchObject({ target: { kind: 'record', id: recordOf[34] }, reportNumber: own.content.number, subjectId: personOf[34] });
    // The next report marks that line 异议处理中.
    const next = await reports.issue(citizen[34]!, personOf[34]!, 'self', { type: 'personal', format: 'json' });
    expect(next.content.records.bad.find((r) => r.sourceRecordId === printed.sourceRecordId)!.status).toBe('objection_pending');
  });
});
