import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { OidcConfig } from '../../config/index.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { DomainError } from '../../shared/errors.ts';
import { problemFromError } from '../../http/problem.ts';
import type { RecordsService } from '../records/index.ts';
import type { AuthorizationsService } from './authorizations.ts';
import type { CitizenLogin } from './citizen-login.ts';
import {
  AuthorizationSchema,
  BlacklistBodySchema,
  BlacklistEntrySchema,
  GrantBodySchema,
  LiftBodySchema,
  OidcStatusSchema,
  OwnRecordsReplySchema,
  QueryBodySchema,
  RevokeBodySchema,
} from './query-schema.ts';
import { sendReport } from './routes.ts';

export interface CitizenRouteOptions {
  authorizations: AuthorizationsService;
  citizenLogin: CitizenLogin;
  records: RecordsService;
  /** Real-name login; null when CHENGXIN_OIDC_* is not configured. */
  oidc: OidcConfig | null;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
}

/** The cookie holding a started real-name login (sealed state, nonce, PKCE verifier). */
export const OIDC_COOKIE = 'cx_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';
/** Where a citizen lands after real-name login. */
export const CITIZEN_CENTRE_PATH = '/account/citizen';

// What the person's own access log says about their own acts.
const LOGIN_PURPOSE = '本人实名登录';
const GRANT_PURPOSE = '本人授权机构查询（《征信业管理条例》第十八条）';
const REVOKE_PURPOSE = '本人撤销查询授权';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** Citizen centre (real-name login, my records, my authorizations), authorized queries and the credit-agency blacklist. */
export async function citizenRoutes(app: FastifyInstance, opts: CitizenRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { authorizations, citizenLogin, records } = opts;
  const oidcOrFail = () => {
    if (!opts.oidc) throw new DomainError('auth.oidc_not_configured', 404);
    return opts.oidc;
  };
  const loginRateLimit = { max: opts.loginRateLimitPerMinute, timeWindow: 60_000 };

  r.get(
    '/api/v1/auth/oidc/status',
    { config: { permission: 'public' }, schema: { tags: ['auth'], summary: 'Is real-name login available / 是否提供实名登录', response: { 200: OidcStatusSchema } } },
    async () => ({ enabled: opts.oidc !== null }),
  );

  r.get(
    '/api/v1/auth/oidc/start',
    {
      config: { permission: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Start real-name login at the government identity provider / 发起实名登录',
        description: 'Redirects (302) to the identity provider with state, nonce and PKCE; keeps them sealed in a short-lived cookie. 404 `auth.oidc_not_configured` when not configured. / 跳转到政务身份认证平台。',
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const started = await citizenLogin.start(oidcOrFail(), request.context());
      // Lax, not strict: the provider's redirect back is a cross-site top-level navigation.
      reply.setCookie(OIDC_COOKIE, started.sealed, { httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure, path: OIDC_COOKIE_PATH, maxAge: started.maxAgeSeconds });
      return reply.header('cache-control', 'no-store').redirect(started.url, 302);
    },
  );

  r.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { permission: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Real-name login callback / 实名登录回调',
        description:
          'Exchanges the code, validates the ID token, checks the verified citizen code (GB 11643), links or creates the citizen account, sets the session cookie and redirects to the citizen centre. 400 `auth.oidc_state_*`, 401 `auth.oidc_*` otherwise; a browser (Accept: text/html) is sent back to `/login?oidcError=<message>` instead. / 校验身份令牌后登录并跳转到个人中心；失败时浏览器回到登录页并显示原因。',
      },
    },
    async (request, reply) => {
      const oidc = oidcOrFail();
      // The URL the provider redirected to is the registered one: rebuilt from configuration, not from Host headers.
      const callbackUrl = new URL(oidc.redirectUri);
      callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      let token: string;
      try {
        ({ token } = await citizenLogin.finish(oidc, request.context({ purpose: LOGIN_PURPOSE }), callbackUrl, request.cookies[OIDC_COOKIE], {
          clientAddress: request.ip,
          requestId: request.id,
          ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
        }));
      } catch (err) {
        // A browser arrives here by the provider's redirect: back to the sign-in page with the reason, not a JSON body.
        if (!(err instanceof DomainError) || !(request.headers.accept ?? '').includes('text/html')) throw err;
        const problem = problemFromError(err, request);
        return reply.header('cache-control', 'no-store').redirect(`/login?${new URLSearchParams({ oidcError: problem.detail })}`, 302);
      }
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: opts.cookieSecure, path: '/' });
      return reply.header('cache-control', 'no-store').redirect(CITIZEN_CENTRE_PATH, 302);
    },
  );

  r.get(
    '/api/v1/me/records',
    {
      config: { permission: 'records:own' },
      schema: {
        tags: ['citizen'],
        summary: 'My records / 我的信用记录',
        description: 'Every current record about the signed-in citizen’s person; logged as a self-query. 404 `records.no_own_person` when the account is not linked. / 本人查询，记入日志。',
        response: { 200: OwnRecordsReplySchema },
      },
    },
    async (request) => ({ items: await records.listOwnRecords(request.context({ purpose: '本人查询信用记录', legalBasis: '《河南省社会信用条例》第四十条' })) }),
  );

  r.get(
    '/api/v1/me/authorizations',
    { config: { permission: 'authorizations:own' }, schema: { tags: ['citizen'], summary: 'My authorizations / 我的查询授权', response: { 200: Type.Object({ items: Type.Array(AuthorizationSchema) }) } } },
    async (request) => ({ items: await authorizations.listOwn(request.context()) }),
  );

  r.post(
    '/api/v1/me/authorizations',
    {
      config: { permission: 'authorizations:own' },
      schema: {
        tags: ['citizen'],
        summary: 'Grant an organization queries about me / 授权机构查询本人信用信息',
        description: 'Purpose, scope (categories and/or catalog items; none = all), validity and number of uses; limits in seed/query-rules.json. / 约定用途、范围、有效期和次数。',
        body: GrantBodySchema,
        response: { 201: AuthorizationSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await authorizations.grant(request.context({ purpose: GRANT_PURPOSE }), request.body)),
  );

  r.post(
    '/api/v1/me/authorizations/:id/revoke',
    {
      config: { permission: 'authorizations:own' },
      schema: { tags: ['citizen'], summary: 'Revoke an authorization / 撤销授权', params: IdParams, body: RevokeBodySchema, response: { 200: AuthorizationSchema } },
    },
    async (request) => authorizations.revoke(request.context({ purpose: REVOKE_PURPOSE }), request.params.id, request.body.reason),
  );

  r.post(
    '/api/v1/queries',
    {
      config: { permission: 'queries:authorized' },
      schema: {
        tags: ['queries'],
        summary: 'Query a person: under their authorization (organizations) or a legal basis (departments) / 授权查询、政务共享查询',
        description:
          'An external organization’s API client quotes the authorization (and its purpose); a department user states its legal basis and gets only items shared with government. Answers the signed, scoped report (`x-report-number`); each use counted and logged on the person. 403 `queries.agency_blacklisted`, `queries.authorization_expired|used_up|revoked|not_yet_valid`, `queries.purpose_mismatch`; 404 `queries.authorization_not_found`. / 每次查询计次并记入本人的查询记录。',
        body: QueryBodySchema,
      },
    },
    async (request, reply) => sendReport(reply, await authorizations.query(request.context(), request.body), false),
  );

  r.get(
    '/api/v1/queries/blacklist',
    { config: { permission: 'queries:blacklist' }, schema: { tags: ['queries'], summary: 'Credit-agency blacklist / 征信机构黑名单', response: { 200: Type.Object({ items: Type.Array(BlacklistEntrySchema) }) } } },
    async () => ({ items: await authorizations.listBlacklist() }),
  );

  r.post(
    '/api/v1/queries/blacklist',
    {
      config: { permission: 'queries:blacklist' },
      schema: {
        tags: ['queries'],
        summary: 'Keep a credit agency out (policy (四)8) / 列入征信机构黑名单',
        body: BlacklistBodySchema,
        response: { 201: BlacklistEntrySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await authorizations.addToBlacklist(request.context(), request.body)),
  );

  r.post(
    '/api/v1/queries/blacklist/:id/lift',
    {
      config: { permission: 'queries:blacklist' },
      schema: { tags: ['queries'], summary: 'Lift a blacklist entry / 解除黑名单', params: IdParams, body: LiftBodySchema, response: { 200: BlacklistEntrySchema } },
    },
    async (request) => authorizations.liftBlacklistEntry(request.context(), request.params.id, request.body.reason),
  );
}
