import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ListsService } from './service.ts';
import {
  CandidateQuerySchema,
  CandidatesSchema,
  DecisionBodySchema,
  EntryDetailSchema,
  EntryPageSchema,
  EntryQuerySchema,
  ListOptionsSchema,
  ProposeBodySchema,
  PublicNoticePageSchema,
  RemovalBodySchema,
  StatementBodySchema,
} from './schema.ts';

export interface ListsRouteOptions {
  lists: ListsService;
}

const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Entry id / 名单条目标识' }) }, { additionalProperties: false });
const PageSchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** Why list work reads personal data (logged with each read). */
const PURPOSE = '信用名单认定与管理（《河南省社会信用条例》第二十八条）';

export async function listsRoutes(app: FastifyInstance, opts: ListsRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { lists } = opts;
  const tags = ['lists'];

  r.get(
    '/api/v1/lists/options',
    { config: { permission: 'lists:read' }, schema: { tags, summary: 'Categories, validity bounds and periods from the rule file / 名单类别、有效期与期限', response: { 200: ListOptionsSchema } } },
    async () => lists.options(),
  );

  r.get(
    '/api/v1/lists/entries',
    {
      config: { permission: 'lists:read' },
      schema: { tags, summary: 'List entries: the department’s (admin and auditor: all), newest change first / 名单条目', querystring: EntryQuerySchema, response: { 200: EntryPageSchema } },
    },
    async (request) => lists.listEntries(request.context({ purpose: PURPOSE }), request.query),
  );

  r.get(
    '/api/v1/lists/entries/:id',
    {
      config: { permission: 'lists:read' },
      schema: { tags, summary: 'One entry with its history and notices; another department’s answers 404 / 名单条目详情', params: IdParamsSchema, response: { 200: EntryDetailSchema } },
    },
    async (request) => lists.getEntry(request.context({ purpose: PURPOSE }), request.params.id),
  );

  r.get(
    '/api/v1/lists/candidates',
    {
      config: { permission: 'lists:propose' },
      schema: {
        tags,
        summary: 'A subject’s records and whether each may be cited for the list / 主体的信用记录及可否作为认定依据',
        querystring: CandidateQuerySchema,
        response: { 200: CandidatesSchema },
      },
    },
    async (request) => lists.candidates(request.context({ purpose: PURPOSE }), request.query),
  );

  r.post(
    '/api/v1/lists/entries',
    {
      config: { permission: 'lists:propose' },
      schema: {
        tags,
        summary: 'Propose an entry citing the subject’s records and the legal basis / 提出列入名单',
        description:
          'Red: publicly announced at once; serious dishonesty: the written prior notice goes to the person and the defence period starts; watch: awaits the reviewer. 400 `lists.utility_arrears_not_a_basis` for unconfirmed utility arrears (Henan Art. 27), `lists.not_serious`, `lists.not_a_punishment_basis`, `lists.record_not_subjects` … located at `recordIds/<i>`. / 红名单即时公示；严重失信名单书面事前告知并进入陈述申辩期。',
        body: ProposeBodySchema,
        response: { 201: EntryDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await lists.propose(request.context({ purpose: PURPOSE }), request.body)),
  );

  r.post(
    '/api/v1/lists/entries/:id/decision',
    {
      config: { permission: 'lists:decide' },
      schema: {
        tags,
        summary: 'Decide a pending entry: list it (after the announcement or defence period) or withdraw it / 认定或撤回',
        description: '409 `lists.announcement_running` / `lists.defence_period_running` before the period ends; 409 `lists.version_conflict` when it changed since `version`. / 期满前不能认定。',
        params: IdParamsSchema,
        body: DecisionBodySchema,
        response: { 200: EntryDetailSchema },
      },
    },
    async (request) => lists.decide(request.context({ purpose: PURPOSE }), request.params.id, request.body),
  );

  r.post(
    '/api/v1/lists/entries/:id/removal',
    {
      config: { permission: 'lists:decide' },
      schema: {
        tags,
        summary: 'Take a listed entry off its list (repair, correction, revocation); the exit notice goes out through the original channel / 移出名单',
        params: IdParamsSchema,
        body: RemovalBodySchema,
        response: { 200: EntryDetailSchema },
      },
    },
    async (request) => lists.removeEntry(request.context({ purpose: PURPOSE }), request.params.id, request.body),
  );

  r.get(
    '/api/v1/lists/mine',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'My own list entries (citizen accounts) / 本人名单信息', response: { 200: EntryPageSchema } } },
    async (request) => lists.listMine(request.context({ purpose: '本人查询' })),
  );

  r.get(
    '/api/v1/lists/mine/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'One of my entries with its notices; anyone else’s answers 404 / 本人名单条目详情', params: IdParamsSchema, response: { 200: EntryDetailSchema } },
    },
    async (request) => lists.getMine(request.context({ purpose: '本人查询' }), request.params.id),
  );

  r.post(
    '/api/v1/lists/mine/:id/statements',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'State a defence or ask for review within the defence period / 陈述申辩或申请复核',
        description: '409 `lists.defence_period_over` after the period. / 陈述申辩期届满后不能提交。',
        params: IdParamsSchema,
        body: StatementBodySchema,
        response: { 200: EntryDetailSchema },
      },
    },
    async (request) => lists.fileStatement(request.context({ purpose: '本人陈述申辩' }), request.params.id, request.body),
  );

  r.get(
    '/api/v1/lists/announcements',
    {
      config: { permission: 'public' },
      schema: { tags, summary: 'Red-list candidates under announcement and exit notices, names masked / 红名单公示与名单退出公告', querystring: PageSchema, response: { 200: PublicNoticePageSchema } },
    },
    async (request) => lists.publicNotices(request.query.limit, request.query.offset),
  );
}
