import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * A CPU profile of the measured phase only (not the setup): `BENCH_CPU_PROFILE=check.cpuprofile`
 * writes a file Chrome DevTools or speedscope opens. Without a file name it does nothing.
 */
export async function startProfiler(file: string | undefined): Promise<{ stop(): Promise<void> }> {
  if (!file) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      process.stderr.write(`CPU profile of the measured phase: ${file}\n`);
    },
  };
}
