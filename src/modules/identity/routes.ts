import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { shanghaiDate } from '../../shared/clock.ts';
import { languageOf } from '../../http/messages.ts';
import type { IdentityService } from './service.ts';
import { classifySubjectCode, codeRejectionMessages } from './codes/index.ts';
import { OrganizationSchema, PersonLookupBodySchema, PersonSchema, SubjectCodeCheckBodySchema, SubjectCodeCheckReplySchema } from './schema.ts';

export interface IdentityRouteOptions {
  identity: IdentityService;
  now: () => Date;
}

export async function identityRoutes(app: FastifyInstance, opts: IdentityRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { identity } = opts;

  // Checking a code's form reveals nothing about any person, so it is public (like the CLI's `id check`).
  r.post(
    '/api/v1/identity/check',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Check a citizen or organization code / 校验公民身份号码或统一社会信用代码',
        body: SubjectCodeCheckBodySchema,
        response: { 200: SubjectCodeCheckReplySchema },
      },
    },
    async (request) => {
      const check = classifySubjectCode(request.body.code, shanghaiDate(opts.now()));
      if (check.ok) return { valid: true, ...check.facts };
      const lang = languageOf(request.headers['accept-language']);
      return { valid: false, reason: check.reason, message: codeRejectionMessages[check.reason][lang] };
    },
  );

  r.post(
    '/api/v1/persons/lookup',
    {
      config: { permission: 'persons:read' },
      schema: {
        tags: ['identity'],
        summary: 'Look a person up by citizen code (logged with its purpose) / 按公民身份号码查询自然人（登记查询用途）',
        body: PersonLookupBodySchema,
        response: { 200: PersonSchema },
      },
    },
    async (request) => identity.findPersonByCode(request.context({ purpose: request.body.purpose }), request.body.code),
  );

  r.get(
    '/api/v1/organizations/:orgCode',
    {
      config: { permission: 'organizations:read' },
      schema: {
        tags: ['identity'],
        summary: 'An organization by unified social credit code / 按统一社会信用代码查询组织',
        params: Type.Object({ orgCode: Type.String({ minLength: 1, maxLength: 32 }) }),
        response: { 200: OrganizationSchema },
      },
    },
    async (request) => identity.findOrganizationByCode(request.context(), request.params.orgCode),
  );
}
