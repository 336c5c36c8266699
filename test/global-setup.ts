import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Decides once per run which engines the database tests use. SQLite always; PostgreSQL when
 * TEST_DATABASE_URL is set and answers. Locally a missing PostgreSQL prints a notice and those
 * suites skip; with CI=true its absence fails the run.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL?.trim() || null;
  const ci = process.env.CI === 'true';
  let postgresUrl: string | null = null;
  if (url) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
      postgresUrl = url;
    } catch (err) {
      if (ci) throw new Error(`CI=true but PostgreSQL at TEST_DATABASE_URL does not answer: ${(err as Error).message}`);
      process.stderr.write(`[postgres tests skipped: ${(err as Error).message}]\n`);
    } finally {
      await client.end().catch(() => undefined);
    }
  } else if (ci) {
    process.stderr.write('[CI=true without TEST_DATABASE_URL: this run covers SQLite; .ci/run runs the PostgreSQL pass separately]\n');
  } else {
    process.stderr.write('[postgres tests skipped: set TEST_DATABASE_URL=postgres://… to run them too]\n');
  }
  project.provide('postgresUrl', postgresUrl);
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}
