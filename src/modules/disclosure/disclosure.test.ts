import { readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { inTransaction } from '../../db/index.ts';
import { actorContext, importPenalties, listJudgmentDebtor, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { makeCitizenCode } from '../identity/index.ts';
import { adminContext } from '../catalog/test-factories.ts';
import { addDays } from '../lists/rules.ts';
import { PENALTY_HEADER, orgCode, penaltyRow, personCode } from '../records/test-factories.ts';
import type { PublicResult } from './schema.ts';


const COURT = '11419001101029470Q'; // source of 失信被执行人 (SXBZXR)
const NDRC = '114190011000000004'; // 市发展和改革委员会
const PUBLIC: RequestContext = { actor: null, channel: 'http', requestId: 'req-public' };

/** Born 2010-05-01: 18 on 2028-05-01. */
const MINOR_CODE = makeCitizenCode('419001', '2010-05-01', 7);

const at = (db: TestDb, day: string) => db.clock.set(`${day}T10:00:00+08:00`);
const summary = (items: PublicResult[]) => items.map((r) => `${r.kind}:${r.decision.itemCode ?? r.decision.itemName}:${r.decision.documentNumbers.join('/')}`).sort();

describeEachDatabase('disclosure', (get) => {
  let court: { op: RequestContext; rev: RequestContext };
  let ndrc: RequestContext;
  let debtorEntryId: string;
  let listedOn: string;
  let endsOn: string;

  beforeAll(async () => {
    const db = get();
    at(db, '2026-11-30');
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    ndrc = await actorContext(db, 'dept_operator', { orgCode: NDRC });
    // An adult's ordinary penalty, a minor's penalty, an organization's penalty.
    await importPenalties(db, ndrc, [
      [...penaltyRow(1, { docNumber: '济市监罚〔2026〕1号', decisionDate: '2026-03-05' }), '一般'],
      [...penaltyRow(2, { code: MINOR_CODE, docNumber: '济市监罚〔2026〕2号', decisionDate: '2026-03-05' }), '一般'],
      [...penaltyRow(5, { organization: true, docNumber: '济市监罚〔2026〕5号', decisionDate: '2026-03-05' }), '一般'],
    ]);
    // The same minor again after their 18th birthday: disclosed.
    at(db, '2028-06-01');
    const adultAct = penaltyRow(2, { code: MINOR_CODE, docNumber: '济市监罚〔2028〕9号', decisionDate: '2028-06-01' });
    adultAct[PENALTY_HEADER.indexOf('处罚有效期')] = '2029-05-31';
    await importPenalties(db, ndrc, [[...adultAct, '一般']]);
    at(db, '2026-11-30');

    // A judgment debtor put on the serious-dishonesty list.
    const { listed: decided } = await listJudgmentDebtor(db, court, 3, '赵三');
    debtorEntryId = decided.entry.id;
    listedOn = decided.entry.listedOn!;
    endsOn = decided.entry.endsOn!;
  });

  it('a record appears when its window opens and is withdrawn the day after it ends (computed from the rule and the clock)', async () => {
    const db = get();
    const { disclosure } = db.services;
    // XZCF ordinary: 12 months from the decision on 2026-03-05 (《信用修复管理办法》), last day 2027-03-04.
    for (const [day, shown] of [
      ['2026-03-04', []],
      ['2026-03-05', ['record:XZCF:济市监罚〔2026〕1号']],
      ['2027-03-04', ['record:XZCF:济市监罚〔2026〕1号']],
      ['2027-03-05', []],
    ] as const) {
      at(db, day);
      const reply = await disclosure.search(PUBLIC, personCode(1));
      expect([day, summary(reply.items)]).toEqual([day, shown]);
      expect(reply.queryKind).toBe('citizen_code');
    }
    at(db, '2026-11-30');
    const [result] = (await disclosure.search(PUBLIC, personCode(1))).items;
    expect(result).toMatchObject({
      kind: 'record',
      subjectType: 'person',
      subjectName: '张*',
      subjectCode: `${personCode(1).slice(0, 6)}********${personCode(1).slice(-4)}`,
      severity: 'ordinary',
      decision: { itemCode: 'XZCF', itemName: expect.any(String), documentNumbers: ['济市监罚〔2026〕1号'], decisionDate: '2026-03-05' },
      period: { from: '2026-03-05', until: '2027-03-04' },
    });
    expect(result!.basis.length).toBeGreaterThan(2);
  });

  it('never discloses an act committed before the 18th birthday, on any day; a later act as an adult is disclosed', async () => {
    const db = get();
    for (const [day, shown] of [
      ['2026-03-05', []],
      ['2026-11-30', []],
      ['2028-05-31', []],
      ['2028-06-01', ['record:XZCF:济市监罚〔2028〕9号']],
    ] as const) {
      at(db, day);
      expect([day, summary((await db.services.disclosure.search(PUBLIC, MINOR_CODE)).items)]).toEqual([day, shown]);
    }
  });

  it('shows the serious-dishonesty entry with its basis and period while in force, and logs the search for the person', async () => {
    const db = get();
    at(db, listedOn);
    const personId = (await db.services.identity.resolvePersonId(personCode(3)))!;
    const reply = await db.services.disclosure.search(PUBLIC, personCode(3));
    expect(summary(reply.items)).toEqual(['record:SXBZXR:(2026)豫9001执3号', 'serious_dishonesty:严重失信主体名单:(2026)豫9001执3号']);
    const entry = reply.items.find((r) => r.kind === 'serious_dishonesty')!;
    expect(entry).toMatchObject({
      subjectName: '赵*',
      basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      reason: '有履行能力而拒不履行生效法律文书确定的给付义务',
      period: { from: listedOn, until: endsOn },
      decision: { decisionDate: listedOn },
    });
    const log = await db.services.audit.listForSubject('person', personId);
    expect(log.find((e) => e.action === 'disclosure.public_search')).toMatchObject({ purpose: '公开查询', subjectId: personId });

    // By name: persons only among public list entries; a person with records only is not found by name.
    expect(summary((await db.services.disclosure.search(PUBLIC, '赵三')).items)).toEqual(summary(reply.items));
    expect((await db.services.disclosure.search(PUBLIC, '张1')).items).toEqual([]);
    // Past its last day the entry is gone even before the expiry job runs.
    at(db, addDays(endsOn, 1));
    expect(summary((await db.services.disclosure.search(PUBLIC, personCode(3))).items)).toEqual(['record:SXBZXR:(2026)豫9001执3号']);
  });

  it('a suspension hides an entry or record from its first day until lifted or ended', async () => {
    const db = get();
    const { disclosure } = db.services;
    at(db, listedOn);
    const kinds = async () => summary((await disclosure.search(PUBLIC, personCode(3))).items).map((s) => s.split(':')[0]);
    expect(await kinds()).toEqual(['record', 'serious_dishonesty']);

    const suspension = await inTransaction(db.database.db, (tx) => disclosure.suspendIn(tx, adminContext(), { target: { kind: 'entry', id: debtorEntryId }, reason: 'objection', note: '异议处理中（测试）' }));
    expect(await disclosure.isWithdrawn({ kind: 'entry', id: debtorEntryId })).toBe('objection');
    expect(await kinds()).toEqual(['record']);
    const lifted = await inTransaction(db.database.db, (tx) => disclosure.liftIn(tx, adminContext(), suspension.id, '异议不成立'));
    expect(lifted).toMatchObject({ liftedOn: listedOn, liftNote: '异议不成立' });
    expect(await kinds()).toEqual(['record', 'serious_dishonesty']);
    expect(await refusal(inTransaction(db.database.db, (tx) => disclosure.liftIn(tx, adminContext(), suspension.id, '再次解除')))).toMatchObject({ code: 'disclosure.suspension_lifted', status: 409 });

    // A record suspended for two days: hidden on them, back on the third.
    const personId = (await db.services.identity.resolvePersonId(personCode(3)))!;
    const [fact] = await db.services.records.subjectFacts({ personId });
    await inTransaction(db.database.db, (tx) => disclosure.suspendIn(tx, adminContext(), { target: { kind: 'record', id: fact!.recordId }, reason: 'objection', note: '核查中', untilOn: addDays(listedOn, 1) }));
    for (const [day, shown] of [
      [listedOn, ['serious_dishonesty']],
      [addDays(listedOn, 1), ['serious_dishonesty']],
      [addDays(listedOn, 2), ['record', 'serious_dishonesty']],
    ] as const) {
      at(db, day);
      expect([day, await kinds()]).toEqual([day, shown]);
    }
    expect(await refusal(inTransaction(db.database.db, (tx) => disclosure.suspendIn(tx, adminContext(), { target: { kind: 'record', id: fact!.recordId }, reason: 'other', note: 'x', fromOn: '2027-01-02', untilOn: '2027-01-01' })))).toMatchObject({
      code: 'disclosure.invalid_period',
    });
    expect((await disclosure.suspensionsOf({ kind: 'record', id: fact!.recordId })).length).toBe(1);
  });

  it('organizations by name or code show their public name and code', async () => {
    const db = get();
    at(db, '2026-11-30');
    const byName = await db.services.disclosure.search(PUBLIC, '第5商贸');
    expect(byName.queryKind).toBe('name');
    expect(byName.items).toEqual([expect.objectContaining({ kind: 'record', subjectType: 'organization', subjectName: '济源市第5商贸有限公司', subjectCode: orgCode(5) })]);
    expect((await db.services.disclosure.search(PUBLIC, orgCode(5))).items).toEqual(byName.items);
  });

  it.each([
    ['a partial code', '41900119', 'disclosure.invalid_code'],
    ['a one-character name', '张', 'disclosure.query_too_short'],
  ])('refuses %s with a located error', async (_name, q, code) => {
    expect(await refusal(get().services.disclosure.search(PUBLIC, q))).toMatchObject({ code, status: 400, facts: { field: 'q' } });
  });

  it('a list entry removed by repair is gone at once', async () => {
    const db = get();
    at(db, addDays(listedOn, 10));
    const entry = await db.services.lists.getEntry(court.rev, debtorEntryId);
    await db.services.lists.removeEntry(court.rev, debtorEntryId, { reason: 'repair', note: '已履行全部义务，信用修复', version: entry.entry.version });
    expect(summary((await db.services.disclosure.search(PUBLIC, personCode(3))).items)).toEqual(['record:SXBZXR:(2026)豫9001执3号']);
  });

  // -------------------------------------------------------------------------------------------

  it('typical cases: draft → review by another user → published; edits are versions, the public keeps the published one', async () => {
    const db = get();
    at(db, '2026-11-30');
    const { cases } = db.services.disclosure;
    const author = await actorContext(db, 'platform_admin');
    const reviewer = await actorContext(db, 'platform_admin');
    const operator = await actorContext(db, 'dept_operator', { orgCode: NDRC });
    const otherOperator = await actorContext(db, 'dept_operator', { orgCode: COURT });
    const content = { kind: 'dishonesty' as const, title: '某商贸公司虚假宣传案', summary: '虚假宣传被处罚', body: '2026 年，某商贸公司……', keyDomain: '产品质量', basis: '《反不正当竞争法》第八条' };

    const draft = await cases.create(operator, content);
    expect(draft.case).toMatchObject({ status: 'draft', version: 1, publishedVersion: null, departmentId: operator.actor!.departmentId });
    expect(await refusal(cases.get(otherOperator, draft.case.id))).toMatchObject({ code: 'disclosure.case_not_found', status: 404 });
    expect(await refusal(cases.create(operator, { ...content, keyDomain: '天文' }))).toMatchObject({ code: 'disclosure.unknown_key_domain' });
    const submitted = await cases.submit(operator, draft.case.id, 1);
    expect(submitted.case.status).toBe('in_review');
    expect(await refusal(cases.update(operator, draft.case.id, { content, reason: '补充', expectedVersion: 1 }))).toMatchObject({ code: 'disclosure.case_state', status: 409 });
    expect((await cases.listPublished()).total).toBe(0);
    const published = await cases.review(reviewer, draft.case.id, { outcome: 'publish', note: '同意发布', expectedVersion: 1 });
    expect(published.case).toMatchObject({ status: 'published', publishedVersion: 1, publishedOn: '2026-11-30' });

    // An edit makes version 2 (who, why); the public still sees version 1 until it is reviewed.
    const edited = await cases.update(operator, draft.case.id, { content: { ...content, title: '某商贸公司虚假宣传案（更新）' }, reason: '补充处罚结果', expectedVersion: 1 });
    expect(edited.case).toMatchObject({ status: 'draft', version: 2, publishedVersion: 1 });
    expect(edited.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, '起草'],
      [2, '补充处罚结果'],
    ]);
    expect(await refusal(cases.update(operator, draft.case.id, { content, reason: '旧版本', expectedVersion: 1 }))).toMatchObject({ code: 'disclosure.case_changed', status: 409 });
    expect((await cases.getPublished(draft.case.id)).title).toBe('某商贸公司虚假宣传案');

    // The user who submitted cannot review their own submission.
    const mine = await cases.create(author, { ...content, title: '平台案例' });
    await cases.submit(author, mine.case.id, 1);
    expect(await refusal(cases.review(author, mine.case.id, { outcome: 'publish', note: '自审', expectedVersion: 1 }))).toMatchObject({ code: 'disclosure.own_case_review', status: 403 });
    const returned = await cases.review(reviewer, mine.case.id, { outcome: 'return', note: '请补充依据', expectedVersion: 1 });
    expect(returned.case.status).toBe('draft');
    expect(returned.events.map((e) => e.action)).toEqual(['create', 'submit', 'return']);

    await cases.submit(operator, draft.case.id, 2);
    await cases.review(reviewer, draft.case.id, { outcome: 'publish', note: '同意', expectedVersion: 2 });
    const list = await cases.listPublished();
    expect(list.items.map((c) => [c.title, c.version])).toEqual([['某商贸公司虚假宣传案（更新）', 2]]);
    expect(await refusal(cases.getPublished(mine.case.id))).toMatchObject({ code: 'disclosure.case_not_found' });
  });

  // -------------------------------------------------------------------------------------------

  it('tips: submitted with an attachment, routed to the department, answered, looked up with number and code', async () => {
    const db = get();
    at(db, '2026-11-30');
    const { tips } = db.services.disclosure;
    const departments = await db.services.accounts.listDepartments();
    const ndrcDept = departments.find((d) => d.orgCode === NDRC)!;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const receipt = await tips.submit(PUBLIC, {
      reporterName: '李四',
      reporterContact: '13800000000',
      subject: '某超市',
      description: '销售过期食品，已拍照留存',
      departmentId: ndrcDept.id,
      attachments: [{ fileName: '照片说明.pdf', contentBase64: pdf.toString('base64') }],
    });
    expect(receipt).toMatchObject({ number: expect.stringMatching(/^JB20261130\d{8}$/), code: expect.stringMatching(/^[2-9A-Z]{10}$/), departmentName: ndrcDept.name });

    expect(await tips.lookup(receipt.number, receipt.code)).toMatchObject({ status: 'received', answer: null, departmentName: ndrcDept.name, receivedOn: '2026-11-30' });
    expect(await refusal(tips.lookup(receipt.number, 'WRONGCODE2'))).toMatchObject({ code: 'disclosure.tip_not_found', status: 404 });
    expect(await refusal(tips.lookup('JB00000000', receipt.code))).toMatchObject({ code: 'disclosure.tip_not_found', status: 404 });

    // Only the responsible department sees it; the reporter's details are decrypted for it alone.
    const ndrcReviewer = await actorContext(db, 'dept_reviewer', { orgCode: NDRC });
    const { items } = await tips.list(ndrcReviewer, {});
    const listed = items.find((t) => t.number === receipt.number)!;
    expect(listed.reporterName).toBeNull();
    expect(await refusal(tips.get(court.op, listed.id))).toMatchObject({ code: 'disclosure.tip_not_found', status: 404 });
    expect((await tips.list(court.op, {})).items.map((t) => t.number)).not.toContain(receipt.number);
    const tip = await tips.get(ndrcReviewer, listed.id);
    expect(tip).toMatchObject({ reporterName: '李四', reporterContact: '13800000000', attachments: [{ fileName: '照片说明.pdf', contentType: 'application/pdf', bytes: pdf.length }] });
    const file = await tips.attachment(ndrcReviewer, tip.id, tip.attachments[0]!.id);
    expect(existsSync(file.file)).toBe(true);

    const answered = await tips.answer(ndrcReviewer, tip.id, { answer: '经查属实，已立案处理', expectedVersion: tip.version });
    expect(answered.status).toBe('answered');
    expect(await refusal(tips.answer(ndrcReviewer, tip.id, { answer: '再次答复', expectedVersion: answered.version }))).toMatchObject({ code: 'disclosure.tip_answered', status: 409 });
    expect(await tips.lookup(receipt.number.toLowerCase(), receipt.code.toLowerCase())).toMatchObject({ status: 'answered', answer: '经查属实，已立案处理' });

    // Routed by the catalog item's single source department.
    const byItem = await tips.submit(PUBLIC, { subject: '某被执行人', description: '有能力履行却高消费', itemCode: 'SXBZXR' });
    expect(byItem.departmentName).toBe(departments.find((d) => d.orgCode === COURT)!.name);
    expect(await refusal(tips.submit(PUBLIC, { subject: '某公司', description: '违法行为描述', itemCode: 'XZCF' }))).toMatchObject({ code: 'disclosure.item_without_department', facts: { field: 'itemCode' } });
    expect(await refusal(tips.submit(PUBLIC, { subject: '某公司', description: '违法行为描述' }))).toMatchObject({ code: 'disclosure.no_department' });
  });

  it('refuses a bad attachment with a located message and stores nothing', async () => {
    const db = get();
    const { tips } = db.services.disclosure;
    const department = (await db.services.accounts.listDepartments())[0]!;
    const tipsDir = path.join(db.engine === 'sqlite' ? path.join(db.dataDir, 'uploads') : path.join(tmpdir(), 'chengxin-uploads'), 'tips');
    const stored = () => (existsSync(tipsDir) ? readdirSync(tipsDir).length : 0);
    const before = { files: stored(), tips: (await tips.list(await actorContext(db, 'dept_operator', { orgCode: department.orgCode }), {})).total };
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const exe = Buffer.from('MZ\x90\x00this is not a picture');
    const body = (attachments: Array<{ fileName: string; contentBase64: string }>) => ({ subject: '某公司', description: '违法行为描述', departmentId: department.id, attachments });
    for (const [attachments, code, field] of [
      [[{ fileName: 'ok.png', contentBase64: png.toString('base64') }, { fileName: '证据.pdf', contentBase64: exe.toString('base64') }], 'disclosure.attachment_type', 'attachments[1]'],
      [[{ fileName: 'x.pdf', contentBase64: '%%%not base64' }], 'disclosure.attachment_not_base64', 'attachments[0]'],
      [Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.png`, contentBase64: png.toString('base64') })), 'disclosure.too_many_attachments', 'attachments'],
      [[{ fileName: 'big.png', contentBase64: Buffer.concat([png, Buffer.alloc(10 * 1_048_576)]).toString('base64') }], 'disclosure.attachment_too_large', 'attachments[0]'],
    ] as const) {
      expect(await refusal(tips.submit(PUBLIC, body([...attachments])))).toMatchObject({ code, status: 400, facts: { field } });
    }
    expect({ files: stored(), tips: (await tips.list(await actorContext(db, 'dept_operator', { orgCode: department.orgCode }), {})).total }).toEqual(before);
  });
});
