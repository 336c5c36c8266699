import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadOptions {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** JSON bodies sent in turn (empty: no body). */
  bodies?: string[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** HTTP load with autocannon from a child process; refuses a run where any answer was not 2xx (a fast error is no result). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./load-worker.mjs', import.meta.url)), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) before reporting`)));
  });
  child.send({ method: 'GET', headers: {}, bodies: [], ...options });
  const finished = await result;
  if (finished.non2xx > 0 || finished.errors > 0) throw new Error(`load on ${options.path}: ${finished.non2xx} non-2xx answers, ${finished.errors} errors of ${finished.total}`);
  return finished;
}
