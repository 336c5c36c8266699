import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { seedDemo } from '../../src/demo/index.ts';
import { countOverview } from '../../src/modules/overview/index.ts';
import type { Dialect } from '../../src/db/index.ts';
import { createTestDb, type TestDb } from './db.ts';

export const TEST_ADMIN_PASSWORD = 'Admin-Test-Password-1';

export const TEST_APP_CONFIG = { bodyLimitBytes: 1_048_576, cookieSecure: false, loginRateLimitPerMinute: 1000 };

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: TestDb;
  admin: { username: string; password: string };
  counts(): Promise<{ persons: number; organizations: number; departments: number; users: number }>;
  close(): Promise<void>;
}

/** The real app on a fresh database with reference data, an admin and a small demo city, listening on loopback. */
export async function startTestServer(options: { dialect?: Dialect; demoPersons?: number; webRoot?: string } = {}): Promise<TestServer> {
  const db = await createTestDb(options.dialect ?? 'sqlite');
  await db.services.accounts.ensureFirstAdmin(TEST_ADMIN_PASSWORD);
  await seedDemo(db.services, { persons: options.demoPersons ?? 120, seed: 7 });
  const app = await buildApp({ config: TEST_APP_CONFIG, services: db.services, logger: false, ...(options.webRoot ? { webRoot: options.webRoot } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    admin: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    async counts() {
      const { persons, organizations, departments, users } = await countOverview(db.services);
      return { persons, organizations, departments, users };
    },
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
