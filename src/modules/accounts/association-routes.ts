import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AssociationMembers } from './associations.ts';
import { AssociationMemberSchema, MemberInputSchema } from './schema.ts';

export interface AssociationRouteOptions {
  associations: AssociationMembers;
}

/** An industry association's member register (policy (二)3); other departments get 403 `associations.not_an_association`. */
export async function associationRoutes(app: FastifyInstance, opts: AssociationRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { associations } = opts;

  r.get(
    '/api/v1/associations/members',
    {
      config: { permission: 'associations:read' },
      schema: {
        tags: ['associations'],
        summary: "The caller's association's members / 本协会会员名册",
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AssociationMemberSchema), total: Type.Integer() }) },
      },
    },
    async (request) => associations.list(request.context({ purpose: '行业协会会员信用档案管理' }), request.query.limit, request.query.offset),
  );

  r.post(
    '/api/v1/associations/members',
    {
      config: { permission: 'associations:manage' },
      schema: {
        tags: ['associations'],
        summary: 'Add or update members (set leftOn when one leaves) / 登记或更新会员（退会填写退会日期）',
        description:
          'Only current members can be the subject of the association’s records (`records.not_a_member` per row otherwise). A bad code is located as `members/N/code`; nothing is written then. / 协会只能报送本会会员的信用信息。',
        body: Type.Object({ members: Type.Array(MemberInputSchema, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ added: Type.Integer(), updated: Type.Integer() }) },
      },
    },
    async (request) => associations.register(request.context({ purpose: '行业协会会员信用档案管理' }), request.body.members),
  );
}
