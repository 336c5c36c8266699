import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { personCode } from '../src/modules/records/test-factories.ts';
import { seedReportSubject, type ReportSubject } from '../src/modules/queries/test-factories.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runCli } from './helpers/cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('chengxin report', (get) => {
  let subject: ReportSubject;
  beforeAll(async () => {
    subject = await seedReportSubject(get().services, 501, { dir, password: 'Report-Cli-Password-2026' });
  });
  const env = () => ({ ...get().env, CHENGXIN_NOW: '2026-12-01T09:00:00+08:00' });

  it('prints a signed PDF for the person present (logged as a counter print) that `report verify` accepts offline; a changed byte exits 2', async () => {
    const out = path.join(dir, `${get().engine}.pdf`);
    const printed = await runCli(['report', subject.code, '--format', 'pdf', '--out', out, '--json'], env());
    expect(printed.code, printed.stderr).toBe(0);
    const { number, verificationCode } = JSON.parse(printed.stdout) as { number: string; verificationCode: string };
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const [entry] = await get().services.audit.listForSubject('person', subject.personId);
    expect(entry).toMatchObject({ action: 'reports.issue', actorRole: 'cli', purpose: expect.stringContaining('窗口打印'), data: expect.objectContaining({ number, channel: 'cli' }) });
    expect(await get().services.reports.verifyByCode({ actor: null }, number, verificationCode)).toMatchObject({ valid: true });

    // Offline: no database, only the platform key (here from the environment, as configured).
    const verified = await runCli(['report', 'verify', out, '--json'], { CHENGXIN_AUDIT_SIGNING_KEY: get().env.CHENGXIN_AUDIT_SIGNING_KEY!, DATA_DIR: dir });
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, number, type: 'personal' });

    const tampered = path.join(dir, `${get().engine}-tampered.pdf`);
    const bytes = readFileSync(out);
    const third = Math.floor(bytes.length / 3);
    bytes[third] = bytes[third]! ^ 0x20;
    writeFileSync(tampered, bytes);
    const refused = await runCli(['report', 'verify', tampered, '--public-key', get().keys.signing.publicKey], { DATA_DIR: dir });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('INVALID');
  });

  it('prints a professional JSON report; an unknown person fails with a bilingual message', async () => {
    const out = path.join(dir, `${get().engine}.json`);
    const printed = await runCli(['report', subject.code, '--type', 'professional', '--profession', 'LS', '--format', 'json', '--out', out], env());
    expect(printed.code, printed.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.content.profession).toMatchObject({ code: 'LS', licences: [expect.objectContaining({ certificateNumber: 'LS-501' })] });
    const verified = await runCli(['report', 'verify', out], { ...get().env, DATA_DIR: dir });
    expect(verified.code, verified.stderr).toBe(0);

    const missing = await runCli(['report', personCode(9999), '--out', path.join(dir, 'x.pdf')], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('平台中没有该公民身份号码对应的自然人 / No person with this citizen code is known to the platform [reports.person_not_found]');
  });
});
