import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { tokenWithTwoFactor } from '../../../test/helpers/auth.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties } from '../../../test/helpers/domain.ts';
import { TEST_APP_CONFIG } from '../../../test/helpers/server.ts';
import { judgmentDebtorRecord, penaltyRow, personCode } from '../records/test-factories.ts';
import type { Objection } from './schema.ts';
import type { Application } from '../repair/schema.ts';

const PASSWORD = 'Evidence-Http-Password-2026';
const COURT = '11419001101029470Q';
const NDRC = '114190011000000004';
const PDF = Buffer.from('%PDF-1.4\n% 证明材料\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
const b64 = (b: Buffer) => b.toString('base64');

describeEachDatabase('evidence files over HTTP (objections, repair)', (get) => {
  let app: FastifyInstance;
  const auth: Record<string, { authorization: string }> = {};
  let recordOf: Record<string, string>;

  beforeAll(async () => {
    const db = get();
    const { services } = db;
    db.clock.set('2026-07-01T10:00:00+08:00');
    const departments = await services.accounts.listDepartments();
    const courtId = departments.find((d) => d.orgCode === COURT)!.id;
    const ndrcId = departments.find((d) => d.orgCode === NDRC)!.id;
    const courtOp = await actorContext(db, 'dept_operator', { orgCode: COURT });
    const job = await services.records.submitBatch(courtOp, 'SXBZXR', [
      judgmentDebtorRecord(41, { code: personCode(41), name: '孙四一' }, '2026-06-09'),
      judgmentDebtorRecord(42, { code: personCode(42), name: '周四二' }, '2026-06-09'),
    ]);
    expect(job.errors).toEqual([]);
    await importPenalties(db, courtOp, [[...penaltyRow(41, { code: personCode(41), docNumber: '济罚〔2026〕241号', decisionDate: '2026-03-05' }), '一般']]);
    recordOf = {};
    for (const n of [41, 42]) {
      const personId = (await services.identity.resolvePersonId(personCode(n)))!;
      for (const f of await services.records.subjectFacts({ personId })) recordOf[`${n}:${f.itemCode}`] = f.recordId;
      await services.accounts.addUser({ actor: null }, { username: `citizen${n}`, displayName: `c${n}`, role: 'citizen', password: PASSWORD, personId });
    }
    await services.accounts.addUser({ actor: null }, { username: 'rev', displayName: 'rev', role: 'dept_reviewer', password: PASSWORD, departmentId: courtId });
    await services.accounts.addUser({ actor: null }, { username: 'ndrc', displayName: 'ndrc', role: 'dept_reviewer', password: PASSWORD, departmentId: ndrcId });
    await services.accounts.addUser({ actor: null }, { username: 'admin', displayName: 'admin', role: 'platform_admin', password: PASSWORD });
    for (const username of ['citizen41', 'citizen42', 'rev', 'ndrc', 'admin']) auth[username] = { authorization: `Bearer ${await tokenWithTwoFactor(db, username, PASSWORD)}` };
    app = await buildApp({ config: TEST_APP_CONFIG, services, logger: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('objection evidence: filed as base64, downloaded by the applicant and the department, 404 for others; an agent without a letter is a 400', async () => {
    const target = { kind: 'record', id: recordOf['41:SXBZXR'] };
    const bad = await app.inject({ method: 'POST', url: '/api/v1/objections/mine', headers: auth.citizen41, payload: { target, reasons: '附件格式错误的异议', evidence: [{ fileName: 'a.pdf', contentBase64: b64(Buffer.from('not a pdf')) }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'objections.attachment_type', errors: [expect.objectContaining({ field: 'evidence[0]' })] });

    const filed = await app.inject({ method: 'POST', url: '/api/v1/objections/mine', headers: auth.citizen41, payload: { target, reasons: '已履行完毕，附结案通知', evidence: [{ fileName: '结案通知.pdf', contentBase64: b64(PDF) }] } });
    expect(filed.statusCode, filed.body).toBe(201);
    const objection = filed.json<Objection>();
    const fileId = objection.files[0]!.id;

    const own = await app.inject({ method: 'GET', url: `/api/v1/objections/mine/${objection.id}/files/${fileId}`, headers: auth.citizen41 });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain(encodeURIComponent('结案通知.pdf'));
    expect(own.rawPayload).toEqual(PDF);
    const department = await app.inject({ method: 'GET', url: `/api/v1/objections/${objection.id}/files/${fileId}`, headers: auth.rev });
    expect(department.rawPayload).toEqual(PDF);
    expect((await app.inject({ method: 'GET', url: `/api/v1/objections/mine/${objection.id}/files/${fileId}`, headers: auth.citizen42 })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/objections/${objection.id}/files/${fileId}`, headers: auth.ndrc })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/objections/${objection.id}/files/${fileId}`, headers: auth.citizen41 })).statusCode).toBe(403);

    const agentWithoutLetter = await app.inject({
      method: 'POST',
      url: '/api/v1/objections/mine',
      headers: auth.citizen42,
      payload: { target: { kind: 'record', id: recordOf['41:XZCF'] }, reasons: '受托代为提出异议', principal: { citizenCode: personCode(41), name: '孙四一' } },
    });
    expect(agentWithoutLetter.statusCode).toBe(400);
    expect(agentWithoutLetter.json()).toMatchObject({ code: 'objections.power_of_attorney_required', errors: [expect.objectContaining({ field: 'powerOfAttorney' })] });
  });

  it('repair evidence: the application carries files; the reviewing department downloads them, another department cannot', async () => {
    const applied = await app.inject({
      method: 'POST',
      url: '/api/v1/repair/own/applications',
      headers: auth.citizen41,
      payload: {
        recordId: recordOf['41:XZCF'],
        evidence: { obligationsPerformed: true, obligationsProof: '缴款书 0241', commitmentLetter: true, creditTraining: false, volunteerHours: 0, donationFen: 0 },
        files: [{ purpose: 'commitment_letter', fileName: '信用承诺书.png', contentBase64: b64(PNG) }],
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const application = applied.json<Application>();
    expect(application.files).toEqual([expect.objectContaining({ purpose: 'commitment_letter', contentType: 'image/png' })]);
    const queue = await app.inject({ method: 'GET', url: '/api/v1/repair/reviews', headers: auth.rev });
    const listed = queue.json<{ items: Application[] }>().items.find((a) => a.id === application.id)!;
    const url = `/api/v1/repair/reviews/${application.id}/files/${listed.files![0]!.id}`;
    const download = await app.inject({ method: 'GET', url, headers: auth.rev });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(PNG);
    expect((await app.inject({ method: 'GET', url, headers: auth.ndrc })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/repair/own/applications/${application.id}/files/${listed.files![0]!.id}`, headers: auth.citizen42 })).statusCode).toBe(404);
    // The platform, deciding, opens it too; a department cannot use the platform's route.
    const decisionUrl = `/api/v1/repair/applications/${application.id}/files/${listed.files![0]!.id}`;
    expect((await app.inject({ method: 'GET', url: decisionUrl, headers: auth.admin })).rawPayload).toEqual(PNG);
    expect((await app.inject({ method: 'GET', url: decisionUrl, headers: auth.rev })).statusCode).toBe(403);
  });
});
