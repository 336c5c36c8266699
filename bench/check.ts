import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { Presets, SingleBar } from 'cli-progress';
import { buildApp } from '../src/app.ts';
import { ManualClock, shanghaiDate } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/context.ts';
import { newId } from '../src/shared/ids.ts';
import { maskCitizenCode } from '../src/shared/masking.ts';
import { demoPersons } from '../src/demo/index.ts';
import { SeededRandom } from '../src/demo/random.ts';
import { seedStandings } from '../src/demo/standings.ts';
import { bench, freshRuntime, numberOption, perSecond } from './common.ts';
import { load } from './load.ts';
import { startProfiler } from './profile.ts';

const BENCH_PASSWORD = 'Bench-Business-System-2026';

/** Record rows inserted directly (setup, not measured): what a city's five years of 双公示 and catalog items leave behind. */
const FILLER_ITEMS = [
  { itemCode: 'XZXK', severity: null },
  { itemCode: 'XZXK', severity: null },
  { itemCode: 'XZXK', severity: null },
  { itemCode: 'ZYZG', severity: null },
  { itemCode: 'XZCF', severity: 'ordinary' },
] as const;

type BenchTables = {
  persons: { id: string };
  importJobs: Record<string, unknown>;
  creditRecords: Record<string, unknown>;
};

/**
 * `npm run bench -- check`: the joint reward & punishment check API (`POST /api/v1/sanctions/check`)
 * over HTTP under 50 concurrent connections for 10 s, on a city of `--persons` (1,000,000) persons
 * with `--records` (5,000,000) records and a few thousand list entries made through the real
 * workflow; next to a bare Fastify JSON route answering the same requests in the same process.
 * Each check is authenticated, validated, resolved by blind index, matched against the memoranda
 * and written (decision + access-log entry, group-committed) before it is answered.
 */
export async function check(args: string[]): Promise<void> {
  const persons = numberOption(args, 'persons', 1_000_000);
  const records = numberOption(args, 'records', 5_000_000);
  const listed = numberOption(args, 'listed', 1000);
  const connections = numberOption(args, 'connections', 50);
  const seconds = numberOption(args, 'seconds', 10);
  // The workflow's waiting periods (defence, announcement) pass on a manual clock: start two months back.
  const clock = new ManualClock(new Date(Date.now() - 60 * 86_400_000));
  const runtime = await freshRuntime(process.env.BENCH_DATABASE_URL, clock);
  const { services } = runtime;
  const db = services.database.db as unknown as Kysely<BenchTables>;
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'check setup {stage} [{bar}] {value}/{total}' }, Presets.shades_classic) : null;
  try {
    // 1. Persons through the identity service (blind index + SM4), keeping a sample of codes to ask about.
    process.stderr.write(`check on ${runtime.engine}: ${persons} persons, ${records} records\n`);
    const sample: string[] = [];
    const chosen: string[] = [];
    const every = Math.max(2, Math.floor(persons / 20_000));
    bar?.start(persons, 0, { stage: 'persons' });
    let done = 0;
    for (const chunk of demoPersons(11, persons, shanghaiDate(clock.now()))) {
      await services.identity.registerPersons(systemContext('cli', 'bench'), chunk);
      for (const [i, p] of chunk.entries()) {
        if ((done + i) % every === 0) sample.push(p.code);
        else if ((done + i) % every === 1 && chosen.length < 2 * listed) chosen.push(p.code);
      }
      done += chunk.length;
      bar?.update(done);
    }
    bar?.stop();

    // 2. Filler records, straight into the table in 10,000-row transactions (setup only).
    const department = (await services.accounts.listDepartments())[0]!;
    const jobId = newId();
    const now = clock.now().toISOString();
    await db
      .insertInto('importJobs')
      .values({
        id: jobId, departmentId: department.id, itemCode: 'XZXK', source: 'cli', fileName: 'bench', filePath: null, layout: null, status: 'done',
        totalBytes: null, processedBytes: 0, rowsProcessed: records, lastCommittedRow: records, accepted: records, rejected: 0, unchanged: 0, versioned: 0,
        submittedAt: now, startedAt: now, finishedAt: now, dueDate: shanghaiDate(clock.now()), answeredAt: now, answeredOn: shanghaiDate(clock.now()),
        errorCode: null, errorMessageZh: null, errorMessageEn: null, createdBy: null, workerId: null, heartbeatAt: null,
      })
      .execute();
    const random = new SeededRandom(5);
    let inserted = 0;
    let after = '';
    bar?.start(records, 0, { stage: 'records' });
    while (inserted < records) {
      const ids = (await db.selectFrom('persons').select('id').where('id', '>', after).orderBy('id').limit(2000).execute()).map((r) => r.id);
      if (ids.length === 0) after = '';
      else after = ids[ids.length - 1]!;
      await db.transaction().execute(async (tx) => {
        const rows: Record<string, unknown>[] = [];
        for (const personId of ids) {
          for (const filler of FILLER_ITEMS) {
            if (inserted + rows.length >= records) break;
            const n = inserted + rows.length;
            const decisionDate = `${2021 + random.int(0, 4)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
            rows.push({
              id: newId(), departmentId: department.id, itemCode: filler.itemCode, sourceRecordId: `BENCH-${n}`, subjectType: 'person', personId, organizationId: null,
              subjectName: '张三', subjectCodeMasked: maskCitizenCode('419001199001011237'), currentVersion: 1, contentHash: 'bench', decisionDate, severity: filler.severity,
              linkedRecordId: null, linkRole: null, createdAt: now, updatedAt: now, createdJobId: jobId, updatedJobId: jobId,
            });
          }
        }
        for (let i = 0; i < rows.length; i += 500) await tx.insertInto('creditRecords').values(rows.slice(i, i + 500)).execute();
        inserted += rows.length;
      });
      bar?.update(inserted);
    }
    bar?.stop();

    // 3. List entries through the real workflow (records submitted, proposed, notified, decided), then today.
    bar?.start(2 * listed, 0, { stage: 'list entries' });
    const standings = await seedStandings(services, clock, {
      listed: chosen.slice(0, listed),
      redListed: chosen.slice(listed),
      password: BENCH_PASSWORD,
      onProgress: (n) => bar?.update(n),
    });
    bar?.stop();
    clock.set(new Date());

    // 4. A business system's credential, the platform on a port, and a bare route on another.
    const client = await services.accounts.addUser(systemContext('cli', 'bench'), { username: 'bench-business', displayName: '行政审批系统', role: 'api_client', password: BENCH_PASSWORD });
    const { token } = await services.accounts.login('bench-business', BENCH_PASSWORD, {});
    const app = await buildApp({ config: { bodyLimitBytes: 1_048_576, cookieSecure: false, loginRateLimitPerMinute: 1000 }, services, logger: false, webRoot: '/nonexistent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const bare = Fastify({ logger: false });
    bare.post('/check', async () => ({ decisionId: 'x', hits: [] }));
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const urlOf = (a: { server: { address(): unknown } }) => `http://127.0.0.1:${(a.server.address() as { port: number }).port}`;

    const scenarios = (await app.inject({ method: 'GET', url: '/api/v1/sanctions/scenarios', headers: { authorization: `Bearer ${token}` } })).json() as Array<{ code: string }>;
    const scenario = scenarios[0]!.code;
    // Most checks ask about ordinary people, one in ten about a listed or red-listed one.
    const subjects = new SeededRandom(9).shuffle([...sample, ...Array.from({ length: Math.floor(sample.length / 10) }, (_, i) => [...standings.listed, ...standings.redListed][i % (standings.listed.length + standings.redListed.length)]!)]);
    const bodies = subjects.map((subject) => JSON.stringify({ subject, scenario }));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const probe = await app.inject({ method: 'POST', url: '/api/v1/sanctions/check', headers, payload: { subject: standings.listed[0], scenario } });
    if (probe.statusCode !== 200 || probe.json().hits.length === 0) throw new Error(`a listed person's check found nothing: ${probe.statusCode} ${probe.body}`);

    const run = (url: string, path: string) => load({ url, path, method: 'POST', headers, bodies, connections, durationSeconds: seconds });
    // Warm both (JIT, statement caches, pages), then measure the bare route first.
    await load({ url: urlOf(bare), path: '/check', method: 'POST', headers, bodies, connections, durationSeconds: 2 });
    await load({ url: urlOf(app), path: '/api/v1/sanctions/check', method: 'POST', headers, bodies, connections, durationSeconds: 2 });
    const baseline = await run(urlOf(bare), '/check');
    const profiler = await startProfiler(process.env.BENCH_CPU_PROFILE);
    const t = performance.now();
    const measured = await run(urlOf(app), '/api/v1/sanctions/check');
    const checkMs = performance.now() - t;
    await profiler.stop();
    await app.close();
    await bare.close();

    process.stdout.write(
      [
        `engine                 ${runtime.engine}`,
        `city                   ${persons} persons, ${records} filler records, ${standings.listed.length} listed, ${standings.redListed.length} red-listed (client ${client.id})`,
        `check API              ${Math.round(measured.requestsPerSecond)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms (${measured.total} checks in ${Math.round(checkMs)} ms, ${connections} connections)`,
        `bare Fastify route     ${Math.round(baseline.requestsPerSecond)} req/s, p99 ${baseline.p99} ms`,
        `checks per second      ${perSecond(measured.total, checkMs)} (each one decision row + one access-log entry, durable before the answer)`,
        '',
      ].join('\n'),
    );
    bench('check', {
      req_per_s: Math.round(measured.requestsPerSecond),
      baseline_req_per_s: Math.round(baseline.requestsPerSecond),
      ratio: (measured.requestsPerSecond / baseline.requestsPerSecond).toFixed(2),
      p99_ms: measured.p99,
      persons,
      records,
      engine: runtime.engine,
    });
  } finally {
    bar?.stop();
    await runtime.dispose();
  }
}
