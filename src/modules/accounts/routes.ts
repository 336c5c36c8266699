import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SESSION_COOKIE, tokenOf } from '../../http/auth.ts';
import type { AccountsService } from './service.ts';
import { DepartmentSchema, LoginBodySchema, LoginReplySchema, NewUserSchema, SessionUserSchema, UserSchema } from './schema.ts';

export interface AccountsRouteOptions {
  accounts: AccountsService;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
}

export async function accountsRoutes(app: FastifyInstance, opts: AccountsRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = opts;

  r.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: { tags: ['auth'], summary: 'Sign in / 登录', body: LoginBodySchema, response: { 200: LoginReplySchema } },
    },
    async (request, reply) => {
      const { user, token, idleMinutes } = await accounts.login(request.body.username, request.body.password, {
        clientAddress: request.ip,
        requestId: request.id,
        ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
      });
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: opts.cookieSecure, path: '/' });
      return { user, token, expiresAfterIdleMinutes: idleMinutes };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { permission: 'public' }, schema: { tags: ['auth'], summary: 'Sign out / 退出登录', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = tokenOf(request);
      if (token) await accounts.logout(token, request.context());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: 'The signed-in user / 当前用户', response: { 200: SessionUserSchema } } },
    async (request) => accounts.me(request.actor),
  );

  r.get(
    '/api/v1/departments',
    { config: { permission: 'departments:read' }, schema: { tags: ['accounts'], summary: 'Departments / 部门', response: { 200: Type.Array(DepartmentSchema) } } },
    async () => accounts.listDepartments(),
  );

  r.get(
    '/api/v1/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['accounts'],
        summary: 'User accounts / 用户',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
      },
    },
    async (request) => ({ items: await accounts.listUsers(request.query.limit ?? 100, request.query.offset ?? 0) }),
  );

  r.post(
    '/api/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: { tags: ['accounts'], summary: 'Add a user / 新增用户', body: NewUserSchema, response: { 201: UserSchema } },
    },
    async (request, reply) => {
      const user = await accounts.addUser(request.context(), request.body);
      return reply.code(201).send(user);
    },
  );
}
