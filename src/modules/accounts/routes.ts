import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SESSION_COOKIE, tokenOf } from '../../http/auth.ts';
import type { AccountsService } from './service.ts';
import { Unauthenticated } from '../../shared/errors.ts';
import {
  DepartmentSchema,
  LoginBodySchema,
  LoginReplySchema,
  NewUserSchema,
  PasswordChangeBodySchema,
  SessionUserSchema,
  TwoFactorConfirmBodySchema,
  TwoFactorSetupReplySchema,
  UserSchema,
} from './schema.ts';

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
      schema: {
        tags: ['auth'],
        summary: 'Sign in / 登录',
        description:
          'With two-factor authentication enabled, a right password without `otp` is answered 401 `auth.otp_required`; a wrong code 401 `auth.otp_invalid` (counts toward the lockout). / 已启用双因素认证的账号须同时提交动态验证码。',
        body: LoginBodySchema,
        response: { 200: LoginReplySchema },
      },
    },
    async (request, reply) => {
      const { user, token, idleMinutes } = await accounts.login(
        request.body.username,
        request.body.password,
        {
          clientAddress: request.ip,
          requestId: request.id,
          ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
        },
        request.body.otp,
      );
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

  r.post(
    '/api/v1/auth/two-factor/setup',
    {
      config: { permission: 'account:two-factor-setup' },
      schema: {
        tags: ['auth'],
        summary: 'Start setting up two-factor authentication / 开始设置双因素认证',
        description: 'A new TOTP secret, shown this once; 409 `auth.two_factor_already_enabled` once it is on. / 返回新的 TOTP 密钥（仅显示一次）。',
        response: { 200: TwoFactorSetupReplySchema },
      },
    },
    async (request) => accounts.startTwoFactorSetup(request.context()),
  );

  r.post(
    '/api/v1/auth/two-factor/confirm',
    {
      config: { permission: 'account:two-factor-setup' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm two-factor authentication with a code / 确认启用双因素认证',
        description: 'Turns two-factor authentication on and gives this session its full permissions; answers the updated user. / 启用后当前会话获得完整权限。',
        body: TwoFactorConfirmBodySchema,
        response: { 200: SessionUserSchema },
      },
    },
    async (request) => accounts.confirmTwoFactor(request.context(), sessionTokenOf(request.sessionToken), request.body.code),
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { permission: 'account:password' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password / 修改密码',
        description: 'Checks the current password and the password policy; signs out every other session of the user. / 修改后本人其他会话全部退出。',
        body: PasswordChangeBodySchema,
        response: { 200: Type.Object({ revokedSessions: Type.Integer({ description: 'Other sessions signed out / 被退出的其他会话数' }) }) },
      },
    },
    async (request) => accounts.changePassword(request.context(), sessionTokenOf(request.sessionToken), request.body),
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
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
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

/** The token the auth hook resolved the actor from; always set on routes that need a session. */
function sessionTokenOf(token: string | null): string {
  if (!token) throw new Unauthenticated();
  return token;
}
