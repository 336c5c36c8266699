import type { ManualClock } from '../shared/clock.ts';
import { shanghaiDate } from '../shared/clock.ts';
import type { Actor, RequestContext } from '../shared/context.ts';
import { Conflict } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import { seedCasework } from './casework.ts';

/** The departments that decide the demo's lists: the court lists 失信被执行人, the civilisation office honours 道德模范. */
const COURT = '11419001101029470Q';
const CIVILISATION_OFFICE = '11419001100475140J';
const CHUNK = 200;

export interface StandingsOptions {
  /** Citizen codes of persons to put on the serious-dishonesty list (as 失信被执行人). */
  listed: readonly string[];
  /** Citizen codes of persons to put on the red list (as 道德模范). */
  redListed: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

export interface DemoStandings {
  listed: string[];
  redListed: string[];
}

/** A department's demo operator (`ctx`) and reviewer (`review`), as actors. */
export interface DemoDesk {
  ctx: RequestContext;
  review: RequestContext;
}

/** An operator and a reviewer of the department (created once, `demo-<role>-<orgCode>`), as actors. */
async function deskOf(services: Services, orgCode: string, password: string): Promise<DemoDesk> {
  const department = (await services.accounts.listDepartments()).find((d) => d.orgCode === orgCode);
  if (department === undefined) throw new Error(`department ${orgCode} is not seeded`);
  const actors: Actor[] = [];
  for (const role of ['dept_operator', 'dept_reviewer'] as const) {
    const username = `demo-${role === 'dept_operator' ? 'op' : 'rev'}-${orgCode}`;
    let id: string;
    try {
      id = (await services.accounts.addUser({ actor: null, channel: 'cli' }, { username, displayName: `${department.name}${role === 'dept_operator' ? '经办人' : '审核人'}`, role, password, departmentId: department.id })).id;
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      id = (await services.accounts.userIdOf(username))!;
    }
    actors.push((await services.accounts.actorOnBehalfOf(id))!);
  }
  return { ctx: { actor: actors[0]!, channel: 'cli', purpose: '示范数据：名单认定' }, review: { actor: actors[1]!, channel: 'cli', purpose: '示范数据：名单认定' } };
}

/**
 * Puts demo persons on the serious-dishonesty list and the red list through the real workflow: the
 * court and the civilisation office submit the records, propose the entries (prior written notice,
 * public announcement), the clock passes the defence and announcement periods, and their reviewers
 * decide. Runs on a manual clock that the caller set in the past; it is left after the periods.
 * Persons already on a list are skipped, so a re-run adds nothing.
 */
export async function seedStandings(services: Services, clock: ManualClock, options: StandingsOptions & { password: string }): Promise<DemoStandings> {
  const court = await deskOf(services, COURT, options.password);
  const office = await deskOf(services, CIVILISATION_OFFICE, options.password);
  const total = options.listed.length + options.redListed.length;
  const started = clock.now();
  const proposed: Array<{ desk: DemoDesk; entryId: string; version: number }> = [];
  const day = shanghaiDate(started);

  const submit = async (desk: DemoDesk, item: string, codes: readonly string[], row: (code: string, i: number) => Record<string, string>) => {
    for (let i = 0; i < codes.length; i += CHUNK) {
      const slice = codes.slice(i, i + CHUNK);
      const job = await services.records.submitBatch(desk.ctx, item, slice.map((code, k) => row(code, i + k)));
      if (job.rejected > 0) throw new Error(`demo ${item} records refused: ${JSON.stringify(job.errors.slice(0, 3))}`);
    }
  };
  await submit(court, 'SXBZXR', options.listed, (code, i) => ({
    xm: '失信示例', sfzh: code, ah: `(2026)豫9001执${1000 + i}号`, zxfy: '济源中级人民法院', zxyjwh: `(2025)豫9001民初${2000 + i}号`, zxyjdw: '济源中级人民法院',
    flwsqdyw: '偿还借款本金及利息', lxqk: '全部未履行', sxqx: '有履行能力而拒不履行生效法律文书确定义务', fbsj: day,
  }));
  await submit(office, 'DDMF', options.redListed, (code, i) => ({
    xm: '模范示例', sfzh: code, rych: '济源市道德模范', jb: '市级', sydw: '市精神文明建设指导委员会', bzwh: `济文明〔2026〕${100 + i}号`, sysj: day,
  }));

  let done = 0;
  const propose = async (desk: DemoDesk, list: 'serious_dishonesty' | 'red', codes: readonly string[], item: string) => {
    for (const code of codes) {
      const record = (await services.records.listRecords(desk.ctx, { item, subjectCode: code })).items[0];
      if (record === undefined) throw new Error(`the demo ${item} record of ${code.slice(0, 6)}… is missing`);
      try {
        const entry = await services.lists.propose(desk.ctx, {
          list,
          subjectCode: code,
          recordIds: [record.id],
          basis: list === 'red' ? '济政办〔2017〕55号（三）5；《河南省社会信用条例》第二十八条' : '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条；《河南省社会信用条例》第二十八条、第三十二条',
          reason: list === 'red' ? '获评市级道德模范' : '有履行能力而拒不履行生效法律文书确定的义务',
          ...(list === 'serious_dishonesty' ? { category: 'defying_obligations', measures: '限制高消费；限制参与政府采购、招标投标；限制担任国有企业负责人' } : {}),
        });
        proposed.push({ desk, entryId: entry.entry.id, version: entry.entry.version });
      } catch (err) {
        if (!(err instanceof Conflict)) throw err; // already proposed or listed by an earlier run
      }
      options.onProgress?.(++done, total);
    }
  };
  await propose(court, 'serious_dishonesty', options.listed, 'SXBZXR');
  await propose(office, 'red', options.redListed, 'DDMF');

  // The defence and announcement periods (working days) pass; a month covers both with holidays.
  clock.set(new Date(started.getTime() + 31 * 86_400_000));
  for (const p of proposed) {
    await services.lists.decide(p.desk.review, p.entryId, { outcome: 'list', note: '期满无异议，予以认定', version: p.version });
  }
  await seedCasework(services, court, options.listed);
  return { listed: [...options.listed], redListed: [...options.redListed] };
}
