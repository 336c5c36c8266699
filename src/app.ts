import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import type { Logger } from 'pino';
import { DEFAULT_UPLOAD_LIMIT_BYTES, type Config } from './config/index.ts';
import { DomainError } from './shared/errors.ts';
import { newId } from './shared/ids.ts';
import { isReachable } from './db/index.ts';
import type { Services } from './services.ts';
import { registerAuth } from './http/auth.ts';
import { problemFromError, sendProblem } from './http/problem.ts';
import { validatorCompiler } from './http/validation.ts';
import { accountsRoutes } from './modules/accounts/routes.ts';
import { associationRoutes } from './modules/accounts/association-routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { overviewRoutes } from './modules/overview/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { auditReviewRoutes } from './modules/audit/review/routes.ts';
import { auditRetentionRoutes } from './modules/audit/retention/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { recordsRoutes } from './modules/records/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { listsRoutes } from './modules/lists/routes.ts';
import { sanctionsRoutes } from './modules/sanctions/routes.ts';
import { reportRoutes } from './modules/queries/routes.ts';
import { disclosureRoutes } from './modules/disclosure/routes.ts';
import { repairRoutes } from './modules/repair/routes.ts';
import { objectionsRoutes } from './modules/objections/routes.ts';
import { challengesRoutes } from './modules/challenges/routes.ts';
import { exchangeRoutes } from './modules/exchange/routes.ts';
import { citizenRoutes } from './modules/queries/citizen-routes.ts';

export type AppConfig = Pick<Config, 'bodyLimitBytes' | 'cookieSecure' | 'loginRateLimitPerMinute'> & Partial<Pick<Config, 'uploadLimitBytes' | 'oidc'>>;

export interface BuildAppOptions {
  config: AppConfig;
  services: Services;
  logger: Logger | false;
  /** The built web app (`web/dist`); served at `/` when present. */
  webRoot?: string;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the Fastify app from config and services; listening is the caller's business (STYLE.md). */
export async function buildApp({ config, services, logger, webRoot = DEFAULT_WEB_ROOT }: BuildAppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    trustProxy: false,
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  // JSON only: Fastify would otherwise accept text/plain bodies and fail them as a schema error.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((err, request, reply) => {
    const problem = problemFromError(err, request);
    if (problem.status >= 500) request.log.error({ err }, 'request failed');
    else if (!(err instanceof DomainError)) request.log.info({ code: problem.code }, 'client error');
    return sendProblem(reply, problem);
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new DomainError('http.rate_limited', 429, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '诚信 Chengxin API', version: '1', description: '个人公共信用信息平台 · Personal public credit information platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cx_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  registerAuth(app, services.accounts);

  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/healthz',
    { config: { permission: 'public' }, schema: { tags: ['ops'], summary: 'Process is alive / 存活检查', response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { config: { permission: 'public' }, schema: { tags: ['ops'], summary: 'Database reachable / 就绪检查' } },
    async (_request, reply) => {
      const ok = await isReachable(services.database.db);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable', database: services.database.dialect });
    },
  );

  await app.register(accountsRoutes, { accounts: services.accounts, cookieSecure: config.cookieSecure, loginRateLimitPerMinute: config.loginRateLimitPerMinute });
  await app.register(associationRoutes, { associations: services.associations });
  await app.register(identityRoutes, { identity: services.identity, now: () => services.clock.now() });
  await app.register(overviewRoutes, { identity: services.identity, accounts: services.accounts, clock: services.clock, objections: services.objections, repair: services.repair });
  await app.register(auditRoutes, {
    audit: services.audit,
    ledger: services.ledger,
    clock: services.clock,
    departmentNames: async (ids) => new Map((await services.accounts.listDepartments()).filter((d) => ids.includes(d.id)).map((d) => [d.id, d.name])),
  });
  await app.register(auditReviewRoutes, { review: services.review, usernames: (ids) => services.accounts.usernamesOf(ids) });
  await app.register(auditRetentionRoutes, { retention: services.retention });
  await app.register(catalogRoutes, { catalog: services.catalog });
  await app.register(recordsRoutes, { records: services.records, uploadLimitBytes: config.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES });
  await app.register(calendarRoutes, { calendar: services.calendar, usernames: (ids) => services.accounts.usernamesOf(ids) });
  await app.register(listsRoutes, { lists: services.lists });
  await app.register(sanctionsRoutes, { sanctions: services.sanctions });
  await app.register(reportRoutes, { reports: services.reports });
  await app.register(disclosureRoutes, { disclosure: services.disclosure, publicRateLimitPerMinute: config.loginRateLimitPerMinute });
  await app.register(repairRoutes, { repair: services.repair });
  await app.register(objectionsRoutes, { objections: services.objections });
  await app.register(challengesRoutes, { challenges: services.challenges });
  await app.register(exchangeRoutes, { exchange: services.exchange });
  await app.register(citizenRoutes, {
    authorizations: services.authorizations,
    citizenLogin: services.citizenLogin,
    records: services.records,
    oidc: config.oidc ?? null,
    cookieSecure: config.cookieSecure,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });

  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: 'index.html' });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: unknown page paths get its index.html.
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return sendProblem(reply, problemFromError(new DomainError('common.not_found', 404), request));
  });

  return app;
}
