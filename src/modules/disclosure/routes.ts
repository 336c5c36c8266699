import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sendStoredFile } from '../../http/files.ts';
import type { DisclosureService } from './service.ts';
import {
  AnswerTipBodySchema,
  CaseDetailSchema,
  CreateCaseBodySchema,
  IdParamsSchema,
  PageQuerySchema,
  PublicCaseSchema,
  ReviewCaseBodySchema,
  SearchQuerySchema,
  SearchReplySchema,
  SubmitCaseBodySchema,
  TipBodySchema,
  TipLookupBodySchema,
  TipReceiptSchema,
  TipSchema,
  TipStatusSchema,
  TypicalCaseSchema,
  UpdateCaseBodySchema,
} from './schema.ts';

export interface DisclosureRouteOptions {
  disclosure: DisclosureService;
  /** Public routes are limited like the login route (per client address, per minute). */
  publicRateLimitPerMinute: number;
}

const CASES_PURPOSE = '典型案例编辑与复核';
const TIPS_PURPOSE = '举报受理与答复（济政办〔2017〕55号（二）4）';

export async function disclosureRoutes(app: FastifyInstance, opts: DisclosureRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { disclosure } = opts;
  const { cases, tips } = disclosure;
  const rateLimit = { max: opts.publicRateLimitPerMinute, timeWindow: 60_000 };
  const publicTags = ['public'];
  const tags = ['disclosure'];
  // Base64 grows files by a third; room for the limit's files and the form's text.
  const { maxAttachments, maxAttachmentBytes } = disclosure.rules.tips;
  const tipBodyLimit = Math.ceil((maxAttachments * maxAttachmentBytes * 4) / 3) + 256 * 1024;

  // --- Public portal (no login) --------------------------------------------------------------

  r.get(
    '/api/v1/public/search',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags: publicTags,
        summary: 'Search the public lists and publicly disclosed records / 信用信息公示查询',
        description:
          'A full citizen code or unified social credit code (exact), or a name (organizations; persons only among public list entries). Persons masked; each person shown is written to their access log with purpose 公开查询. / 输入完整号码或名称。',
        querystring: SearchQuerySchema,
        response: { 200: SearchReplySchema },
      },
    },
    async (request) => disclosure.search(request.context({ purpose: '公开查询' }), request.query.q),
  );

  r.get(
    '/api/v1/public/departments',
    { config: { permission: 'public' }, schema: { tags: publicTags, summary: 'Departments a tip may be addressed to / 受理部门', response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) } } },
    async () => disclosure.departments(),
  );

  r.get(
    '/api/v1/public/cases',
    {
      config: { permission: 'public' },
      schema: { tags: publicTags, summary: 'Published typical cases / 典型案例', querystring: PageQuerySchema, response: { 200: Type.Object({ items: Type.Array(PublicCaseSchema), total: Type.Integer() }) } },
    },
    async (request) => cases.listPublished(request.query.limit, request.query.offset),
  );

  r.get(
    '/api/v1/public/cases/:id',
    { config: { permission: 'public' }, schema: { tags: publicTags, summary: 'One published typical case / 典型案例详情', params: IdParamsSchema, response: { 200: PublicCaseSchema } } },
    async (request) => cases.getPublished(request.params.id),
  );

  r.post(
    '/api/v1/public/tips',
    {
      bodyLimit: tipBodyLimit,
      config: { permission: 'public', rateLimit },
      schema: {
        tags: publicTags,
        summary: 'Report dishonest conduct (举报) / 提交举报',
        description:
          'Name and contact optional; attachments (≤ 5, ≤ 10 MB, PDF/JPEG/PNG judged by content) as base64. Answers 201 with the tracking number and the secret lookup code, shown only once. A bad attachment is refused (400, located at `attachments[i]`) and nothing is stored. / 返回受理编号与查询码（仅显示一次）。',
        body: TipBodySchema,
        response: { 201: TipReceiptSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await tips.submit(request.context({ purpose: '受理举报' }), request.body)),
  );

  r.post(
    '/api/v1/public/tips/lookup',
    {
      config: { permission: 'public', rateLimit },
      schema: {
        tags: publicTags,
        summary: 'Status and answer of a tip, by tracking number and lookup code / 举报查询',
        description: 'A wrong number or code answers 404 `disclosure.tip_not_found` alike. / 编号或查询码错误均返回 404。',
        body: TipLookupBodySchema,
        response: { 200: TipStatusSchema },
      },
    },
    async (request) => tips.lookup(request.body.number, request.body.code),
  );

  // --- Workbench: typical cases --------------------------------------------------------------

  const CasePage = Type.Object({ items: Type.Array(TypicalCaseSchema), total: Type.Integer() });

  r.get(
    '/api/v1/disclosure/cases',
    { config: { permission: 'disclosure:manage' }, schema: { tags, summary: 'Typical cases: the department’s (platform: all) / 典型案例（工作台）', querystring: PageQuerySchema, response: { 200: CasePage } } },
    async (request) => cases.list(request.context({ purpose: CASES_PURPOSE }), request.query),
  );

  r.post(
    '/api/v1/disclosure/cases',
    { config: { permission: 'disclosure:manage' }, schema: { tags, summary: 'Draft a typical case / 起草典型案例', body: CreateCaseBodySchema, response: { 201: CaseDetailSchema } } },
    async (request, reply) => reply.code(201).send(await cases.create(request.context({ purpose: CASES_PURPOSE }), request.body.content)),
  );

  r.get(
    '/api/v1/disclosure/cases/:id',
    { config: { permission: 'disclosure:manage' }, schema: { tags, summary: 'A case with its versions and review history / 案例详情与版本', params: IdParamsSchema, response: { 200: CaseDetailSchema } } },
    async (request) => cases.get(request.context({ purpose: CASES_PURPOSE }), request.params.id),
  );

  r.put(
    '/api/v1/disclosure/cases/:id',
    {
      config: { permission: 'disclosure:manage' },
      schema: { tags, summary: 'Edit a case: a new version with the reason (409 `disclosure.case_changed` when it moved on) / 修改案例', params: IdParamsSchema, body: UpdateCaseBodySchema, response: { 200: CaseDetailSchema } },
    },
    async (request) => cases.update(request.context({ purpose: CASES_PURPOSE }), request.params.id, request.body),
  );

  r.post(
    '/api/v1/disclosure/cases/:id/submit',
    { config: { permission: 'disclosure:manage' }, schema: { tags, summary: 'Submit a draft for review / 提交复核', params: IdParamsSchema, body: SubmitCaseBodySchema, response: { 200: CaseDetailSchema } } },
    async (request) => cases.submit(request.context({ purpose: CASES_PURPOSE }), request.params.id, request.body.expectedVersion),
  );

  r.post(
    '/api/v1/disclosure/cases/:id/review',
    {
      config: { permission: 'disclosure:review' },
      schema: { tags, summary: 'Publish or return a case; not by the user who submitted or last edited it / 复核（发布或退回）', params: IdParamsSchema, body: ReviewCaseBodySchema, response: { 200: CaseDetailSchema } },
    },
    async (request) => cases.review(request.context({ purpose: CASES_PURPOSE }), request.params.id, request.body),
  );

  // --- Workbench: tips -----------------------------------------------------------------------

  r.get(
    '/api/v1/disclosure/tips',
    {
      config: { permission: 'disclosure:tips' },
      schema: { tags, summary: 'Tips routed to my department, newest first / 本部门受理的举报', querystring: PageQuerySchema, response: { 200: Type.Object({ items: Type.Array(TipSchema), total: Type.Integer() }) } },
    },
    async (request) => tips.list(request.context({ purpose: TIPS_PURPOSE }), request.query),
  );

  r.get(
    '/api/v1/disclosure/tips/:id',
    { config: { permission: 'disclosure:tips' }, schema: { tags, summary: 'One tip with the reporter’s details (logged); another department’s answers 404 / 举报详情', params: IdParamsSchema, response: { 200: TipSchema } } },
    async (request) => tips.get(request.context({ purpose: TIPS_PURPOSE }), request.params.id),
  );

  r.post(
    '/api/v1/disclosure/tips/:id/answer',
    { config: { permission: 'disclosure:tips' }, schema: { tags, summary: 'Answer a tip (once) / 答复举报', params: IdParamsSchema, body: AnswerTipBodySchema, response: { 200: TipSchema } } },
    async (request) => tips.answer(request.context({ purpose: TIPS_PURPOSE }), request.params.id, request.body),
  );

  r.get(
    '/api/v1/disclosure/tips/:id/attachments/:attachmentId',
    {
      config: { permission: 'disclosure:tips' },
      schema: { tags, summary: 'Download an attachment of a tip / 下载举报附件', params: Type.Object({ id: Type.String({ maxLength: 64 }), attachmentId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      return sendStoredFile(reply, await tips.attachment(request.context({ purpose: TIPS_PURPOSE }), request.params.id, request.params.attachmentId));
    },
  );
}
