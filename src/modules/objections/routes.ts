import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ObjectionsService } from './service.ts';
import { sendStoredFile } from '../../http/files.ts';
import { objectionRules } from './rules.ts';
import { DecideBodySchema, FileBodySchema, ObjectionListSchema, ObjectionSchema, OwnFileBodySchema, StatsSchema } from './schema.ts';

export interface ObjectionsRouteOptions {
  objections: ObjectionsService;
}

const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Objection id / 异议标识' }) }, { additionalProperties: false });
const FileParamsSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, description: 'Objection id / 异议标识' }), fileId: Type.String({ minLength: 1, maxLength: 64, description: 'File id / 文件标识' }) },
  { additionalProperties: false },
);
const QueueQuerySchema = Type.Object({ status: Type.Optional(Type.Enum(['pending', 'decided'])) }, { additionalProperties: false });

/** Why objection handling reads personal data (logged with each read). */
const PURPOSE = '异议处理与信息更正（《河南省社会信用条例》第四十一条）';

export async function objectionsRoutes(app: FastifyInstance, opts: ObjectionsRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { objections } = opts;
  const tags = ['objections'];
  // Room for the evidence files and a power of attorney as base64 (4/3 of their bytes), plus the text.
  const { maxFiles, maxFileBytes } = objectionRules.evidenceFiles;
  const bodyLimit = Math.ceil(((maxFiles + 1) * maxFileBytes * 4) / 3) + 256 * 1024;

  r.get(
    '/api/v1/objections/mine',
    { config: { permission: 'objections:own' }, schema: { tags, summary: 'My objections with their history and reasons / 我的异议', response: { 200: ObjectionListSchema } } },
    async (request) => objections.listMine(request.context({ purpose: '本人异议查询' })),
  );

  r.post(
    '/api/v1/objections/mine',
    {
      bodyLimit,
      config: { permission: 'objections:own' },
      schema: {
        tags,
        summary: 'Object to one of my records, list entries or report lines — or as an agent, to my principal’s / 提出异议（本人或委托代理）',
        description:
          'Marked 异议处理中 at once and, where the rules say so, withdrawn from public disclosure; routed to the source department. Evidence files as base64 (≤ 5, ≤ 10 MB, PDF/JPEG/PNG judged by content; a bad one is a 400 at `evidence[i]` and nothing is stored). As an agent: `principal` {citizenCode, name} and `powerOfAttorney` (400 `objections.power_of_attorney_required` without it). 404 `objections.target_not_found` for someone else’s item, an unknown report line, or a principal whose code and name do not match; 409 `objections.already_pending`.',
        body: OwnFileBodySchema,
        response: { 201: ObjectionSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await objections.file(request.context({ purpose: '本人提出异议' }), request.body)),
  );

  r.get(
    '/api/v1/objections/mine/:id/files/:fileId',
    {
      config: { permission: 'objections:own' },
      schema: { tags, summary: 'Download a file of my objection (or one I filed as agent) / 下载本人异议的材料', params: FileParamsSchema },
    },
    async (request, reply) => sendStoredFile(reply, await objections.ownFile(request.context({ purpose: '本人异议材料查阅' }), request.params.id, request.params.fileId)),
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
      bodyLimit,
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

  r.get(
    '/api/v1/objections/:id/files/:fileId',
    {
      config: { permission: 'objections:handle' },
      schema: { tags, summary: 'Download a file of a case: evidence or power of attorney / 下载异议材料', params: FileParamsSchema },
    },
    async (request, reply) => sendStoredFile(reply, await objections.caseFile(request.context({ purpose: PURPOSE }), request.params.id, request.params.fileId)),
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
