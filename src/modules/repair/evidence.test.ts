import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { actorContext, importPenalties, refusal } from '../../../test/helpers/domain.ts';
import type { RequestContext } from '../../shared/context.ts';
import { penaltyRow, personCode } from '../records/test-factories.ts';
import type { RepairEvidence } from './schema.ts';

const COURT = '11419001101029470Q';
const NDRC = '114190011000000004';
const FULL: RepairEvidence = { obligationsPerformed: true, obligationsProof: '罚款已缴纳，缴款书 0201', commitmentLetter: true, creditTraining: true, volunteerHours: 12, donationFen: 0 };
const PDF = Buffer.from('%PDF-1.7\n% 信用承诺书\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-receipt')]);
const b64 = (b: Buffer) => b.toString('base64');

describeEachDatabase('credit repair: evidence files', (get) => {
  let court: { op: RequestContext; rev: RequestContext };
  let ndrcRev: RequestContext;
  const citizen: Record<number, { ctx: RequestContext; recordId: string }> = {};

  beforeAll(async () => {
    const db = get();
    db.clock.set('2026-03-10T10:00:00+08:00');
    court = { op: await actorContext(db, 'dept_operator', { orgCode: COURT }), rev: await actorContext(db, 'dept_reviewer', { orgCode: COURT }) };
    ndrcRev = await actorContext(db, 'dept_reviewer', { orgCode: NDRC });
    await importPenalties(db, court.op, [
      [...penaltyRow(201, { docNumber: '济罚〔2026〕201号', decisionDate: '2026-03-05' }), '轻微'],
      [...penaltyRow(202, { docNumber: '济罚〔2026〕202号', decisionDate: '2026-03-05' }), '轻微'],
    ]);
    for (const n of [201, 202]) {
      const personId = (await db.services.identity.resolvePersonId(personCode(n)))!;
      citizen[n] = { ctx: await actorContext(db, 'citizen', { personId }), recordId: (await db.services.records.subjectFacts({ personId }))[0]!.recordId };
    }
  });

  it('an application carries its evidence files with their purposes; the reviewing department lists and downloads them, nobody else', async () => {
    const { repair, audit } = get().services;
    const { ctx, recordId } = citizen[201]!;
    const applied = await repair.apply(ctx, {
      recordId,
      evidence: FULL,
      files: [
        { purpose: 'commitment_letter', fileName: '信用承诺书.pdf', contentBase64: b64(PDF) },
        { purpose: 'performance_proof', fileName: '缴款书.jpg', contentBase64: b64(JPEG) },
      ],
    });
    expect(applied.status).toBe('accepted');
    expect(applied.files!.map((f) => [f.purpose, f.fileName, f.contentType, f.bytes])).toEqual([
      ['commitment_letter', '信用承诺书.pdf', 'application/pdf', PDF.length],
      ['performance_proof', '缴款书.jpg', 'image/jpeg', JPEG.length],
    ]);
    const queued = (await repair.listOpen(court.rev, 'department')).find((a) => a.id === applied.id)!;
    expect(queued.files!.map((f) => f.purpose)).toEqual(['commitment_letter', 'performance_proof']);
    const letter = queued.files![0]!;
    expect(readFileSync((await repair.file(court.rev, applied.id, letter.id, 'department')).file)).toEqual(PDF);
    expect(readFileSync((await repair.file(ctx, applied.id, queued.files![1]!.id, 'own')).file)).toEqual(JPEG);
    expect((await repair.listOwn(ctx))[0]!.files).toHaveLength(2);

    // Another department, another citizen: 404 like a missing application.
    expect(await refusal(repair.file(ndrcRev, applied.id, letter.id, 'department'))).toMatchObject({ code: 'repair.application_not_found', status: 404 });
    expect(await refusal(repair.file(citizen[202]!.ctx, applied.id, letter.id, 'own'))).toMatchObject({ code: 'repair.application_not_found', status: 404 });
    const reads = (await audit.listForSubject('person', ctx.actor!.personId!)).filter((e) => e.action === 'repair.file_read');
    expect(reads).toHaveLength(2);
  });

  it('a bad file is refused at its index and no application or file is stored', async () => {
    const { repair } = get().services;
    const { ctx, recordId } = citizen[202]!;
    const good = Buffer.concat([PDF, randomBytes(16)]);
    const refused = await refusal(
      repair.apply(ctx, {
        recordId,
        evidence: FULL,
        files: [
          { purpose: 'commitment_letter', fileName: 'ok.pdf', contentBase64: b64(good) },
          { purpose: 'performance_proof', fileName: 'fake.jpg', contentBase64: b64(Buffer.from('GIF89a not allowed')) },
        ],
      }),
    );
    expect(refused).toMatchObject({ code: 'repair.attachment_type', status: 400, facts: { field: 'files[1]' } });
    expect(await repair.listOwn(ctx)).toEqual([]);
    const uploads = path.join(path.dirname((await repair.file(citizen[201]!.ctx, (await repair.listOwn(citizen[201]!.ctx))[0]!.id, (await repair.listOwn(citizen[201]!.ctx))[0]!.files![0]!.id, 'own')).file), '..');
    const stored = existsSync(uploads) ? readdirSync(uploads).flatMap((d) => readdirSync(path.join(uploads, d)).map((f) => readFileSync(path.join(uploads, d, f)))) : [];
    expect(stored.some((b) => b.equals(good))).toBe(false);
  });
});
