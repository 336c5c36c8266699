import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ObjectionsService } from './service.ts';
import { DecideBodySchema, FileBodySchema, ObjectionListSchema, ObjectionSchema, StatsSchema } from './schema.ts';

export interface ObjectionsRouteOptions {
  objections: ObjectionsService;
}

const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Objection id / 异议标识' }) }, { additionalProperties: false });
const QueueQuerySchema = Type.Object({ status: Type.Optional(Type.Enum(['pending', 'decided'])) }, { additionalProperties: false });

/** Why objection handling reads personal data (logged with each read). */
const PURPOSE = '异议处理与信息更正（《河南省社会信用条例》第四十一条）';

export async function objectionsRoutes(app: FastifyInstance, opts: ObjectionsRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { objections } = opts;
  const tags = ['objections'];

  r.get(
    '/api/v1/objections/mine',
    { config: { permission: 'objections:own' }, schema: { tags, summary: 'My objections with their history and reasons / 我的异议', response: { 200: ObjectionListSchema } } },
    async (request) => objections.listMine(request.context({ purpose: '本人异议查询' })),
  );

  r.post(
    '/api/v1/objections/mine',
    {
      config: { permission: 'objections:own' },
      schema: {
        tags,
        summary: 'Object to one of my records or list entries / 提出异议',
        description: 'Marked 异议处理中 at once and, where the rules say so, withdrawn from public disclosure; routed to the source department. 404 `objections.target_not_found` for someone else’s item, 409 `objections.already_pending`.',
        body: FileBodySchema,
        response: { 201: ObjectionSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await objections.file(request.context({ purpose: '本人提出异议' }), request.body)),
  );

  r.get(
    '/api/v1/objections/stats',
    { config: { permission: 'objections:stats' }, schema: { tags, summary: 'Cases and wrong information per department / 各部门异议与错误信息统计', response: { 200: StatsSchema } } },
    async () => objections.stats(),
  );

  r.get(
    '/api/v1/objections',
    {
      config: { permission: 'objections:handle' },
      schema: { tags, summary: 'The department’s cases (platform: all), overdue flagged / 异议处理队列', querystring: QueueQuerySchema, response: { 200: ObjectionListSchema } },
    },
    async (request) => objections.queue(request.context({ purpose: PURPOSE }), request.query),
  );

  r.post(
    '/api/v1/objections',
    {
      config: { permission: 'objections:handle' },
      schema: { tags, summary: 'Open a correction on the department’s own record or entry / 主动纠错立案', body: FileBodySchema, response: { 201: ObjectionSchema } },
    },
    async (request, reply) => reply.code(201).send(await objections.open(request.context({ purpose: PURPOSE }), request.body)),
  );

  r.get(
    '/api/v1/objections/:id',
    { config: { permission: 'objections:handle' }, schema: { tags, summary: 'One case with its history / 异议详情', params: IdParamsSchema, response: { 200: ObjectionSchema } } },
    async (request) => objections.get(request.context({ purpose: PURPOSE }), request.params.id),
  );

  r.post(
    '/api/v1/objections/:id/decision',
    {
      config: { permission: 'objections:handle' },
      schema: {
        tags,
        summary: 'Decide: upheld, corrected (new record version) or revoked / 作出处理结论',
        body: DecideBodySchema,
        params: IdParamsSchema,
        response: { 200: ObjectionSchema },
      },
    },
    async (request) => objections.decide(request.context({ purpose: PURPOSE }), request.params.id, request.body),
  );
}
