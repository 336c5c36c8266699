import { shanghaiDate } from '../shared/clock.ts';
import { Conflict } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import type { DemoDesk } from './standings.ts';

/**
 * Casework on the demo's serious-dishonesty list, so that the objection queue, the overdue card on
 * the dashboard, the error statistics, the upstream exchange and a record's litigation mark show
 * something on a first start: the court opens a correction on the first listed person's record
 * and leaves it pending (overdue by now), corrects the second one's (a new version, counted
 * against the court, owed upstream), and records a litigation against the third one's. Runs on
 * the standings' clock, after the listing. A re-run adds nothing: it stops once the court has cases.
 */
export async function seedCasework(services: Services, court: DemoDesk, listed: readonly string[]): Promise<void> {
  const { objections, records, challenges } = services;
  if (listed.length < 3 || (await objections.queue(court.review)).items.length > 0) return;
  const recordOf = async (code: string) => {
    const record = (await records.listRecords(court.ctx, { item: 'SXBZXR', subjectCode: code })).items[0];
    if (record === undefined) throw new Error(`the demo SXBZXR record of ${code.slice(0, 6)}… is missing`);
    return record.id;
  };
  await objections.open(court.ctx, { target: { kind: 'record', id: await recordOf(listed[0]!) }, reasons: '执行立案信息与判决书案号不一致，需核实后更正' });
  const corrected = await objections.open(court.ctx, { target: { kind: 'record', id: await recordOf(listed[1]!) }, reasons: '被执行人已部分履行，履行情况登记有误' });
  await objections.decide(court.review, corrected.id, { outcome: 'corrected', note: '经核实已部分履行，更正履行情况', changes: { lxqk: '部分未履行' }, version: corrected.version });
  try {
    await challenges.record(court.ctx, await recordOf(listed[2]!), { kind: 'litigation', caseNumber: '(2026)豫9001行初1号', handledBy: '济源中级人民法院', filedOn: shanghaiDate(services.clock.now()) });
  } catch (err) {
    if (!(err instanceof Conflict)) throw err; // already recorded by an earlier run
  }
}
