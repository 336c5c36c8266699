import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { sendStoredFile } from '../../http/files.ts';
import { repairFileLimits } from './rules.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RepairService } from './service.ts';
import { ApplicationSchema, ApplyRequestSchema, DecisionBodySchema, EligibilitySchema, IdParamsSchema, RepairRequestSchema, ReviewBodySchema, StatsSchema, GrantsByMonthSchema } from './schema.ts';

export async function repairRoutes(app: FastifyInstance, opts: { repair: RepairService }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { repair } = opts;
  const tags = ['repair'];
  const List = Type.Object({ items: Type.Array(ApplicationSchema) });
  // Room for the evidence files as base64 (4/3 of their bytes), plus the declaration.
  const bodyLimit = Math.ceil((repairFileLimits.maxFiles * repairFileLimits.maxFileBytes * 4) / 3) + 256 * 1024;
  const FileParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), fileId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

  r.get(
    '/api/v1/repair/own',
    { config: { permission: 'repair:own' }, schema: { tags, summary: 'My repair applications / 我的信用修复申请', response: { 200: List } } },
    async (request) => ({ items: await repair.listOwn(request.context()) }),
  );
  r.post(
    '/api/v1/repair/own/check',
    {
      config: { permission: 'repair:own' },
      schema: { tags, summary: 'Checklist for repairing one of my records; nothing is written / 修复条件自查', body: RepairRequestSchema, response: { 200: EligibilitySchema } },
    },
    async (request) => repair.check(request.context(), request.body),
  );
  r.post(
    '/api/v1/repair/own/applications',
    {
      bodyLimit,
      config: { permission: 'repair:own' },
      schema: {
        tags,
        summary: 'Apply for repair of one of my bad records / 申请信用修复',
        description:
          'An application the rules refuse is stored as refused with its reasons (201 either way). Evidence files as base64, each with its purpose (≤ 5, ≤ 10 MB, PDF/JPEG/PNG judged by content; a bad one is a 400 at `files[i]` and nothing is stored). 409 `repair.already_applied`.',
        body: ApplyRequestSchema,
        response: { 201: ApplicationSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await repair.apply(request.context(), request.body)),
  );
  r.get(
    '/api/v1/repair/own/applications/:id/files/:fileId',
    { config: { permission: 'repair:own' }, schema: { tags, summary: 'Download an evidence file of my application / 下载本人修复申请材料', params: FileParams } },
    async (request, reply) => sendStoredFile(reply, await repair.file(request.context(), request.params.id, request.params.fileId, 'own')),
  );
  r.get(
    '/api/v1/repair/reviews/:id/files/:fileId',
    {
      config: { permission: 'repair:review' },
      schema: { tags, summary: 'Download an evidence file of an application to review / 下载修复申请材料', params: FileParams },
    },
    async (request, reply) => sendStoredFile(reply, await repair.file(request.context({ purpose: '信用修复申请审核（《信用修复管理办法》）' }), request.params.id, request.params.fileId, 'department')),
  );
  r.get(
    '/api/v1/repair/applications/:id/files/:fileId',
    {
      config: { permission: 'repair:decide' },
      schema: { tags, summary: 'Download an evidence file of an application to decide / 下载待决定的修复申请材料', params: FileParams },
    },
    async (request, reply) => sendStoredFile(reply, await repair.file(request.context({ purpose: '信用修复决定（《河南省社会信用条例》第四十三条）' }), request.params.id, request.params.fileId, 'platform')),
  );
  r.get(
    '/api/v1/repair/reviews',
    { config: { permission: 'repair:review' }, schema: { tags, summary: "My department's open applications / 本部门待审核的修复申请", response: { 200: List } } },
    async (request) => ({ items: await repair.listOpen(request.context(), 'department') }),
  );
  r.post(
    '/api/v1/repair/applications/:id/review',
    {
      config: { permission: 'repair:review' },
      schema: { tags, summary: 'Source department review / 认定单位审核', params: IdParamsSchema, body: ReviewBodySchema, response: { 200: ApplicationSchema } },
    },
    async (request) => repair.review(request.context(), request.params.id, request.body),
  );
  r.get(
    '/api/v1/repair/applications',
    { config: { permission: 'repair:decide' }, schema: { tags, summary: 'All open applications / 全部在办修复申请', response: { 200: List } } },
    async (request) => ({ items: await repair.listOpen(request.context(), 'platform') }),
  );
  r.post(
    '/api/v1/repair/applications/:id/decision',
    {
      config: { permission: 'repair:decide' },
      schema: {
        tags,
        summary: 'Platform decision / 平台决定',
        description: 'A grant stops disclosure, removes list entries resting on the record and stops measures. 409 `repair.not_eligible` when the rules no longer allow it.',
        params: IdParamsSchema,
        body: DecisionBodySchema,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => repair.decide(request.context(), request.params.id, request.body),
  );
  r.get(
    '/api/v1/repair/stats',
    { config: { permission: 'repair:stats' }, schema: { tags, summary: 'Applications by status, overdue / 修复统计', response: { 200: StatsSchema } } },
    async () => repair.stats(),
  );
  r.get(
    '/api/v1/repair/stats/grants',
    { config: { permission: 'repair:stats' }, schema: { tags, summary: 'Repairs granted per month, the last 12 months / 每月准予修复数', response: { 200: GrantsByMonthSchema } } },
    async () => ({ months: await repair.grantsByMonth() }),
  );
}
