import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { TEST_APP_CONFIG } from './helpers/server.ts';

/** Property-based probing of the HTTP edge: whatever arrives, the answer is never a 500. */
const RUNS = 300;

const anyJson = fc.jsonValue({ maxDepth: 3 });
const queryValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer().map(String), fc.double().map(String), fc.constant(''), fc.constant('1e309'));
const query = fc.dictionary(fc.oneof(fc.constantFrom('limit', 'offset', 'from', 'to', 'fromSize', 'status', 'rule', 'day'), fc.string({ maxLength: 8 })), queryValue, { maxKeys: 4 });

describeEachDatabase('HTTP edge under random input', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: TEST_APP_CONFIG, services: get().services, logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  function expectHandled(res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) {
    expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400) expect(String(res.headers['content-type'])).toContain('application/problem+json');
  }

  it(`public JSON endpoints answer ${RUNS} random bodies without a server error`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/v1/identity/check', '/api/v1/auth/login'), anyJson, async (url, body) => {
        const res = await app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expectHandled(res, `POST ${url} ${JSON.stringify(body).slice(0, 100)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it(`code checking answers ${RUNS} random strings with a verdict, never an error`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), fc.stringMatching(/^[0-9X]{15,18}$/)), async (code) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/identity/check', payload: { code } });
        expectHandled(res, `check ${JSON.stringify(code)}`);
        if (res.statusCode === 200) expect(typeof res.json().valid).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it(`query parameters: ${RUNS} random query strings on every GET route`, async () => {
    const getRoutes = [...app.routePermissions.keys()].filter((k) => k.startsWith('GET /api/')).map((k) => k.slice(4).replace(/:(\w+)/g, 'X1'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...getRoutes), query, async (url, q) => {
        const res = await app.inject({ method: 'GET', url, query: q });
        expectHandled(res, `GET ${url}?${new URLSearchParams(q).toString()}`);
      }),
      { numRuns: RUNS },
    );
  });
});
