import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, TEST_START } from '../../../test/helpers/db.ts';
import type { RequestContext } from '../../shared/context.ts';
import { addDays } from '../lists/rules.ts';
import { renderReportPdf } from './pdf.ts';
import type { SignedReport } from './schema.ts';
import { canonicalJson, serializeSignedReport } from './signing.ts';
import { CIVILISATION, departmentUser, seedReportSubject, type ReportSubject } from './test-factories.ts';
import { verifyReportFile } from './verify.ts';

const PASSWORD = 'Reports-Password-2026';
const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The same bytes with one byte changed at `at` (negative: from the end). */
function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  const i = at < 0 ? copy.length + at : at;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}

describeEachDatabase('credit reports', (get) => {
  let subject: ReportSubject;
  let counter: RequestContext;
  let report: SignedReport;

  beforeAll(async () => {
    const { services, clock } = get();
    clock.set(TEST_START);
    subject = await seedReportSubject(services, 401, { dir, password: PASSWORD });
    // A red-list entry in force: the honour is announced, then confirmed after the announcement.
    const civilisation = { op: (await departmentUser(services, 'dept_operator', CIVILISATION, PASSWORD)).ctx, rev: (await departmentUser(services, 'dept_reviewer', CIVILISATION, PASSWORD)).ctx };
    const honours = (await services.records.subjectFacts({ personId: subject.personId })).filter((f) => f.itemCode === 'DDMF').map((f) => f.recordId);
    const proposed = await services.lists.propose(civilisation.op, { list: 'red', subjectCode: subject.code, recordIds: honours, basis: '济政办〔2017〕55号（三）5', reason: '获评济源市道德模范' });
    clock.set(`${addDays(proposed.entry.announcementUntil!, 1)}T09:00:00+08:00`);
    await services.lists.decide(civilisation.rev, proposed.entry.id, { outcome: 'list', note: '公示无异议', version: 1 });
    // A department looks the person up: the report must show it (Henan Art. 40).
    await services.records.listRecords({ ...civilisation.op, purpose: '评优审核' }, { subjectCode: subject.code });
    counter = { ...(await departmentUser(services, 'dept_operator', CIVILISATION, PASSWORD)).ctx, purpose: '本人到窗口申请' };
    report = await services.reports.issue(counter, subject.personId, 'counter', { type: 'personal', format: 'json' });
  });

  it('a personal report holds the records in their publication window by category, the list entries in force and who queried the person', async () => {
    const { content } = report;
    expect(content).toMatchObject({ type: 'personal', subject: { kind: 'person', name: subject.name, codeMasked: expect.stringMatching(/^419001\*{8}\d{3}[\dX]$/) }, profession: null, scope: null });
    expect(content.number).toMatch(/^JYXY\d{8}\d{10}$/);
    expect(content.verificationCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    // The 2024 penalty's publication period (ordinary: 12 months) is over: archived, not reported.
    expect(content.records.bad.map((r) => [r.itemCode, r.sourceRecordId, r.severity, r.publishedUntil, r.version])).toEqual([
      ['SXBZXR', '(2026)豫9001执401号', 'serious', expect.any(String), 1],
      ['XZCF', '济市监罚〔2026〕401-0号', 'ordinary', '2027-03-04', 1],
    ]);
    expect(content.records.bad[1]).toMatchObject({ itemName: '行政处罚信息（自然人）', departmentName: '济源中级人民法院', decisionDate: '2026-03-05' });
    expect(content.records.good).toEqual([expect.objectContaining({ itemCode: 'DDMF', departmentName: expect.stringContaining('精神文明'), severity: null, publishedUntil: null })]);
    expect(content.records.basic.map((r) => r.sourceRecordId).sort()).toEqual(['LS-401', 'YS-401']);
    expect(content.listEntries).toEqual([expect.objectContaining({ list: 'red', category: 'DDMF', basis: '济政办〔2017〕55号（三）5', endsOn: expect.any(String), viaOrganization: null })]);
    expect(content.queries).toContainEqual(expect.objectContaining({ action: 'records.list', role: 'dept_operator', departmentName: expect.stringContaining('精神文明'), purpose: '评优审核' }));

    // Issuing is itself a logged read of the person, with its purpose, committed with the registry row.
    const log = await get().services.audit.listForSubject('person', subject.personId);
    expect(log[0]).toMatchObject({ action: 'reports.issue', purpose: '本人到窗口申请', data: expect.objectContaining({ number: content.number, channel: 'counter', records: 5, listEntries: 1 }) });
  });

  it('a professional report shows that profession’s licences and the records of its domains (and serious ones from any domain)', async () => {
    const { services } = get();
    const professional = await services.reports.issue(counter, subject.personId, 'counter', { type: 'professional', profession: 'ys', format: 'json' });
    expect(professional.content.profession).toMatchObject({ code: 'YS', name: '医师', domains: ['医疗卫生', '食品药品'], licences: [expect.objectContaining({ certificateNumber: 'YS-401', certificateName: '医师执业证书', status: '有效', validUntil: '2099-12-31' })] });
    expect(professional.content.records.bad.map((r) => r.itemCode)).toEqual(['SXBZXR']);
    expect(professional.content.records.basic).toEqual([]);
    await expect(services.reports.issue(counter, subject.personId, 'counter', { type: 'professional', format: 'json' })).rejects.toMatchObject({ code: 'reports.profession_required', status: 400 });
    await expect(services.reports.issue(counter, subject.personId, 'counter', { type: 'professional', profession: 'XX', format: 'json' })).rejects.toMatchObject({ code: 'reports.unknown_profession' });
    await expect(services.reports.issue(counter, subject.personId, 'counter', { type: 'personal', profession: 'YS', format: 'json' })).rejects.toMatchObject({ code: 'reports.profession_not_allowed' });
  });

  it('a scope limits the records and list entries to its categories', async () => {
    const scoped = await get().services.reports.issue(counter, subject.personId, 'counter', { type: 'personal', format: 'json', scope: { categories: ['bad'] } });
    expect(scoped.content.scope).toEqual({ categories: ['bad'] });
    expect([scoped.content.records.good.length, scoped.content.records.basic.length, scoped.content.listEntries.length]).toEqual([0, 0, 0]);
    expect(scoped.content.records.bad).toHaveLength(2);
  });

  it('the JSON verifies with the platform key; any changed byte, even whitespace, fails', () => {
    const key = get().keys.signing;
    const bytes = serializeSignedReport(report);
    expect(verifyReportFile(bytes, key)).toMatchObject({ valid: true, report: { contentHash: report.contentHash } });
    const text = bytes.toString('utf8');
    const renamed = Buffer.from(text.replace(`"name":"${subject.name}"`, `"name":"李${subject.name.slice(1)}"`), 'utf8');
    expect(verifyReportFile(renamed, key)).toEqual({ valid: false, reason: 'signature_invalid' });
    expect(verifyReportFile(Buffer.from(text.replace('{"algorithm"', '{ "algorithm"'), 'utf8'), key)).toEqual({ valid: false, reason: 'signature_invalid' });
    expect(verifyReportFile(flipByte(bytes, bytes.indexOf('"signature":"') + 20), key)).toEqual({ valid: false, reason: 'signature_invalid' });
    expect(verifyReportFile(Buffer.from('{"not":"a report"}'), key)).toEqual({ valid: false, reason: 'not_a_report' });
    // Another key's signature is not the platform's, whatever the file says about itself.
    expect(verifyReportFile(bytes, { publicKey: `04${'11'.repeat(64)}`, keyId: '0000000000000000' })).toEqual({ valid: false, reason: 'unknown_key' });
    // The canonical form sorts keys and drops whitespace (RFC 8785).
    expect(canonicalJson({ b: [1, 'é', null], a: { d: true, c: '\u2028' } })).toBe('{"a":{"c":"\u2028","d":true},"b":[1,"é",null]}');
  });

  it('the PDF embeds the signed report and is signed as a whole: a changed byte in the page, the embedded report or either signature fails', async () => {
    const { services, keys } = get();
    const pdf = (await services.reports.render(report, 'pdf')).body;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(verifyReportFile(pdf, keys.signing)).toMatchObject({ valid: true, report: { content: { number: report.content.number } } });
    const pageText = pdf.indexOf('BT');
    const embedded = pdf.indexOf('/Type /EmbeddedFile');
    for (const at of [pdf.length / 2, pageText > 0 ? pageText : 100, embedded + 200, -10, -2]) {
      expect(verifyReportFile(flipByte(pdf, Math.floor(at)), keys.signing).valid).toBe(false);
    }
    // Even re-signed as a whole by the platform key, a PDF whose embedded report was altered fails.
    const altered = await renderReportPdf({ ...report, content: { ...report.content, subject: { ...report.content.subject, name: '李四' } } }, keys.signing);
    expect(verifyReportFile(altered, keys.signing)).toEqual({ valid: false, reason: 'signature_invalid' });
    if (hasPdftotext()) {
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('个人信用报告');
      expect(text).toContain(subject.name);
      expect(text).toContain('行政处罚信息');
    }
  });

  it('verification by number and code answers with the issue time and the masked subject only', async () => {
    const { services } = get();
    const ctx: RequestContext = { actor: null, channel: 'http' };
    const lower = report.content.verificationCode.toLowerCase().replaceAll('-', ' ');
    expect(await services.reports.verifyByCode(ctx, report.content.number, lower)).toEqual({
      valid: true,
      reason: null,
      number: report.content.number,
      type: 'personal',
      issuedAt: report.content.issuedAt,
      subjectNameMasked: '张***',
      subjectCodeMasked: report.content.subject.codeMasked,
    });
    expect(await services.reports.verifyByCode(ctx, report.content.number, 'AAAA-BBBB-CCCC')).toMatchObject({ valid: false, reason: 'code_mismatch', subjectNameMasked: null });
    expect(await services.reports.verifyByCode(ctx, 'JYXY000', 'AAAA')).toMatchObject({ valid: false, reason: 'unknown_report' });
    expect(await services.reports.verifyFile(ctx, serializeSignedReport(report))).toMatchObject({ valid: true, number: report.content.number });
    const log = await services.audit.listForSubject('person', subject.personId);
    expect(log.filter((e) => e.action === 'reports.verify').map((e) => e.result)).toEqual(['ok', 'denied', 'ok']);
  });
});
