import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../../shared/context.ts';
import type { Services } from '../../services.ts';
import { penaltyCsv, penaltyRow, personCode, judgmentDebtorRecord } from '../records/test-factories.ts';

/** Source departments of the seeded catalog (catalog/seed/catalog.json). */
export const COURT = '11419001101029470Q'; // 失信被执行人 (SXBZXR)
export const CIVILISATION = '11419001100475140J'; // 道德模范 (DDMF)

let users = 0;
/** A department user's context (the account is created); `orgCode` picks the department. */
export async function departmentUser(services: Services, role: 'dept_operator' | 'dept_reviewer', orgCode: string, password: string): Promise<{ ctx: RequestContext; username: string }> {
  const department = (await services.accounts.listDepartments()).find((d) => d.orgCode === orgCode)!;
  const username = `reports-${role}-${++users}`;
  const user = await services.accounts.addUser({ actor: null }, { username, displayName: username, role, password, departmentId: department.id });
  return { username, ctx: { actor: { userId: user.id, username, role, departmentId: department.id, personId: null, permissions: new Set() }, channel: 'http' } };
}

export interface ReportSubject {
  personId: string;
  code: string;
  name: string;
}

/**
 * A person with records of every kind a report shows: `penalties` current administrative
 * penalties (ordinary, decided 2026-03-05) plus one from 2024 whose publication period is over,
 * a 失信被执行人 record (serious, 司法诉讼), a 道德模范 honour, and two licences (医师 YS, 律师 LS).
 */
export async function seedReportSubject(services: Services, i: number, options: { dir: string; password: string; penalties?: number }): Promise<ReportSubject> {
  const code = personCode(i);
  const name = `张${i}`;
  const court = (await departmentUser(services, 'dept_operator', COURT, options.password)).ctx;
  const civilisation = (await departmentUser(services, 'dept_operator', CIVILISATION, options.password)).ctx;
  const penalties = Array.from({ length: options.penalties ?? 1 }, (_, k) => penaltyRow(i, { docNumber: `济市监罚〔2026〕${i}-${k}号`, decisionDate: '2026-03-05' }));
  penalties.push(penaltyRow(i, { docNumber: `济市监罚〔2024〕${i}号`, decisionDate: '2024-01-10' }));
  const file = path.join(options.dir, `penalties-${i}.csv`);
  writeFileSync(file, penaltyCsv(penalties));
  const job = await services.records.importFile(court, { file, departmentOrgCode: COURT });
  if (job.rejected > 0 || job.status !== 'done') throw new Error(`penalties not imported: ${JSON.stringify(job)}`);
  const submit = async (ctx: RequestContext, item: string, record: Record<string, string>) => {
    const result = await services.records.submitBatch(ctx, item, [record]);
    if (result.errors.length > 0) throw new Error(`${item}: ${JSON.stringify(result.errors)}`);
  };
  await submit(court, 'SXBZXR', judgmentDebtorRecord(i, { code, name }));
  await submit(civilisation, 'DDMF', { xm: name, sfzh: code, rych: '济源市道德模范', jb: '市级', sydw: '济源市精神文明建设指导委员会', bzwh: `济文明〔2026〕${i}号`, sysj: '2026-09-20' });
  for (const [zydm, zsmc, zsbh] of [
    ['YS', '医师执业证书', `YS-${i}`],
    ['LS', '律师执业证书', `LS-${i}`],
  ] as const) {
    await submit(court, 'ZYZG', { xm: name, sfzh: code, zydm, zslb: '执业证书', zsmc, zsbh, fzjg: '河南省卫生健康委员会', fzrq: '2020-07-01', yxqz: '2099-12-31', zt: '有效' });
  }
  const personId = (await services.identity.resolvePersonId(code))!;
  return { personId, code, name };
}
