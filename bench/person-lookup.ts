import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { Presets, SingleBar } from 'cli-progress';
import { shanghaiDate } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/context.ts';
import { demoPersons } from '../src/demo/index.ts';
import { SeededRandom } from '../src/demo/random.ts';
import { bench, freshRuntime, numberOption, perSecond } from './common.ts';

/**
 * Lookups of persons by citizen code through the identity service (validation, HMAC-SM3 blind
 * index, indexed select) against raw indexed lookups of the same codes stored in clear in a plain
 * table, on the same database connection in the same run. Also reports the audited read
 * (blind index + SM4 decryption + a group-committed access-log entry) under concurrency.
 */
export async function personLookup(args: string[]): Promise<void> {
  const persons = numberOption(args, 'persons', 1_000_000);
  const lookups = numberOption(args, 'lookups', 100_000);
  const audited = numberOption(args, 'audited', lookups);
  const concurrency = numberOption(args, 'concurrency', 64);
  const runtime = await freshRuntime();
  const { identity, clock } = runtime.services;
  const db = runtime.services.database.db as Kysely<{ benchPlainPersons: { code: string; name: string } }>;
  try {
    process.stderr.write(`person-lookup on ${runtime.engine}: seeding ${persons} persons\n`);
    await db.schema.createTable('bench_plain_persons').addColumn('code', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();
    const sample: string[] = [];
    const every = Math.max(1, Math.floor(persons / lookups));
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr }, Presets.shades_classic) : null;
    bar?.start(persons, 0);
    let seeded = 0;
    let plainMs = 0;
    // Seeding time covers generating the persons and storing them through the service, not the plain table.
    const seedStart = performance.now();
    for (const chunk of demoPersons(1, persons, shanghaiDate(clock.now()))) {
      await identity.registerPersons(systemContext('cli', 'bench'), chunk);
      const rows = chunk.map(({ code, name }) => ({ code, name }));
      const t = performance.now();
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('benchPlainPersons').values(rows.slice(i, i + 1000)).execute();
      });
      plainMs += performance.now() - t;
      for (const [i, row] of rows.entries()) if ((seeded + i) % every === 0 && sample.length < lookups) sample.push(row.code);
      seeded += rows.length;
      bar?.update(seeded);
    }
    const seedMs = performance.now() - seedStart - plainMs;
    bar?.stop();
    // Exactly `lookups` codes (repeating when there are fewer persons), shuffled deterministically
    // so that lookups do not walk either index in insertion order.
    const codes = new SeededRandom(42).shuffle(Array.from({ length: lookups }, (_, i) => sample[i % sample.length]!));
    const rawLookup = async (code: string) => (await db.selectFrom('benchPlainPersons').select('name').where('code', '=', code).executeTakeFirst()) !== undefined;
    const serviceLookup = async (code: string) => (await identity.resolvePersonId(code)) !== null;
    // Warm both paths (statement cache, JIT, pages) before timing either.
    for (const code of codes.slice(0, Math.min(5000, codes.length))) if (!(await rawLookup(code)) || !(await serviceLookup(code))) throw new Error(`warm-up lookup of a seeded code failed`);

    let t = performance.now();
    let found = 0;
    for (const code of codes) if (await rawLookup(code)) found += 1;
    const rawMs = performance.now() - t;
    if (found !== codes.length) throw new Error(`raw lookups found ${found} of ${codes.length}`);

    t = performance.now();
    found = 0;
    for (const code of codes) if (await serviceLookup(code)) found += 1;
    const serviceMs = performance.now() - t;
    if (found !== codes.length) throw new Error(`service lookups found ${found} of ${codes.length}`);

    t = performance.now();
    let next = 0;
    const ctx = systemContext('cli', 'benchmark');
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < audited) await identity.findPersonByCode(ctx, codes[next++ % codes.length]!);
      }),
    );
    const auditedMs = performance.now() - t;

    const servicePerS = perSecond(codes.length, serviceMs);
    const rawPerS = perSecond(codes.length, rawMs);
    process.stdout.write(
      [
        `engine                 ${runtime.engine}`,
        `persons                ${persons}  (seeded through the service at ${perSecond(persons, seedMs)}/s; plain table at ${perSecond(persons, plainMs)}/s)`,
        `service lookups        ${servicePerS}/s  (${codes.length} by citizen code: validate, HMAC-SM3 blind index, indexed select)`,
        `raw indexed lookups    ${rawPerS}/s  (same codes in clear, plain table, same connection)`,
        `audited reads          ${perSecond(audited, auditedMs)}/s  (${audited} reads, ${concurrency} in flight: + SM4 decrypt + durable access-log entry)`,
        '',
      ].join('\n'),
    );
    bench('person-lookup', {
      service_per_s: servicePerS,
      raw_per_s: rawPerS,
      ratio: (servicePerS / rawPerS).toFixed(2),
      audited_per_s: perSecond(audited, auditedMs),
      persons,
      seed_rows_per_s: perSecond(persons, seedMs),
      engine: runtime.engine,
    });
  } finally {
    await runtime.dispose();
  }
}
