/**
 * `npm run bench -- NAME [options]` runs one benchmark; with no name, all of them. Each measures
 * its baseline in the same run and ends with one line `BENCH <name> key=value …`.
 */
import { check } from './check.ts';
import { ingest } from './ingest.ts';
import { personLookup } from './person-lookup.ts';
import { report } from './report.ts';

const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  'person-lookup': personLookup,
  ingest,
  check,
  report,
};

const [name, ...args] = process.argv.slice(2);
const selected = name ? [name] : Object.keys(BENCHMARKS);
for (const bench of selected) {
  const run = BENCHMARKS[bench];
  if (!run) {
    process.stderr.write(`unknown benchmark "${bench}"; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exit(2);
  }
  await run(args);
}
