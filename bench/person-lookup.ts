import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { Presets, SingleBar } from 'cli-progress';
import { shanghaiDate } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/context.ts';
import { demoPersons } from '../src/demo/index.ts';
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
  const audited = Math.min(lookups, numberOption(args, 'audited', 20_000));
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
    let seedMs = 0;
    let plainMs = 0;
    for (const chunk of demoPersons(1, persons, shanghaiDate(clock.now()))) {
      const rows = chunk.map(({ code, name }) => ({ code, name }));
      let t = performance.now();
      await identity.registerPersons(systemContext('cli', 'bench'), rows);
      seedMs += performance.now() - t;
      t = performance.now();
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('benchPlainPersons').values(rows.slice(i, i + 1000)).execute();
      });
      plainMs += performance.now() - t;
      for (const [i, row] of rows.entries()) if ((seeded + i) % every === 0 && sample.length < lookups) sample.push(row.code);
      seeded += rows.length;
      bar?.update(seeded);
    }
    bar?.stop();
    // Shuffle deterministically so lookups do not walk the index in insertion order.
    for (let i = sample.length - 1; i > 0; i--) {
      const j = (i * 2654435761) % (i + 1);
      [sample[i], sample[j]] = [sample[j]!, sample[i]!];
    }

    let t = performance.now();
    let found = 0;
    for (const code of sample) if ((await db.selectFrom('benchPlainPersons').select('name').where('code', '=', code).executeTakeFirst()) !== undefined) found += 1;
    const rawMs = performance.now() - t;
    if (found !== sample.length) throw new Error(`raw lookups found ${found} of ${sample.length}`);

    t = performance.now();
    found = 0;
    for (const code of sample) if ((await identity.resolvePersonId(code)) !== null) found += 1;
    const serviceMs = performance.now() - t;
    if (found !== sample.length) throw new Error(`service lookups found ${found} of ${sample.length}`);

    t = performance.now();
    let next = 0;
    const ctx = { actor: null, purpose: 'benchmark', channel: 'cli' as const };
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < audited) await identity.findPersonByCode(ctx, sample[next++ % sample.length]!);
      }),
    );
    const auditedMs = performance.now() - t;

    const servicePerS = perSecond(sample.length, serviceMs);
    const rawPerS = perSecond(sample.length, rawMs);
    process.stdout.write(
      [
        `engine                 ${runtime.engine}`,
        `persons                ${persons}  (seeded through the service at ${perSecond(persons, seedMs)}/s; plain table at ${perSecond(persons, plainMs)}/s)`,
        `service lookups        ${servicePerS}/s  (${sample.length} by citizen code: validate, HMAC-SM3 blind index, indexed select)`,
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
