import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ChallengesService } from './service.ts';
import { ChallengeListSchema, ChallengeSchema, ConcludeBodySchema, RecordChallengeBodySchema } from './schema.ts';

export interface ChallengesRouteOptions {
  challenges: ChallengesService;
}

const RecordParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Credit record id / 信用记录标识' }) }, { additionalProperties: false });
const ChallengeParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Challenge id / 复议诉讼标识' }) }, { additionalProperties: false });
const QueueQuerySchema = Type.Object({ status: Type.Optional(Type.Enum(['pending', 'concluded'])) }, { additionalProperties: false });

/** Why reading challenges reads personal data (logged with each read). */
const PURPOSE = '行政复议、行政诉讼标注（《河南省社会信用条例》第二十条、第四十二条）';

export async function challengesRoutes(app: FastifyInstance, opts: ChallengesRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { challenges } = opts;
  const tags = ['challenges'];

  r.get(
    '/api/v1/records/:id/challenges',
    {
      config: { permission: 'challenges:handle' },
      schema: { tags, summary: 'A record’s reconsiderations and litigation (logged read) / 记录的行政复议、行政诉讼', params: RecordParamsSchema, response: { 200: ChallengeListSchema } },
    },
    async (request) => challenges.listForRecord(request.context({ purpose: PURPOSE }), request.params.id),
  );

  r.post(
    '/api/v1/records/:id/challenges',
    {
      config: { permission: 'challenges:handle' },
      schema: {
        tags,
        summary: 'Record a reconsideration or litigation on a record / 登记行政复议、行政诉讼',
        description:
          'The record’s source department (its own records) or the platform (any). The record is marked 行政复议中 / 行政诉讼中 at once. 404 `challenges.record_not_found` for another department’s record, 409 `challenges.already_pending`.',
        params: RecordParamsSchema,
        body: RecordChallengeBodySchema,
        response: { 201: ChallengeSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await challenges.record(request.context({ purpose: PURPOSE }), request.params.id, request.body)),
  );

  r.get(
    '/api/v1/challenges',
    {
      config: { permission: 'challenges:handle' },
      schema: { tags, summary: 'The department’s reconsiderations and litigation (platform: all), pending first / 行政复议诉讼台账', querystring: QueueQuerySchema, response: { 200: ChallengeListSchema } },
    },
    async (request) => challenges.queue(request.context({ purpose: PURPOSE }), request.query),
  );

  // A citizen's own records' challenges belong to reading their own records (the same permission as /api/v1/me/records).
  r.get(
    '/api/v1/challenges/mine',
    { config: { permission: 'records:own' }, schema: { tags, summary: 'Reconsiderations and litigation on my records / 本人记录的行政复议、行政诉讼', response: { 200: ChallengeListSchema } } },
    async (request) => challenges.listMine(request.context({ purpose: '本人信用记录查询' })),
  );

  r.post(
    '/api/v1/challenges/:id/conclude',
    {
      config: { permission: 'challenges:handle' },
      schema: {
        tags,
        summary: 'Record the conclusion: upheld, revoked, changed or withdrawn / 登记复议决定或裁判结果',
        description:
          'revoked 撤销: the record leaves public disclosure at once (Art. 42) and `followUp` is `revoke_record` — the source department revokes it through objections (纠错); changed 变更: `correct_record`, it corrects it there. 409 `challenges.already_concluded`, `challenges.changed`.',
        params: ChallengeParamsSchema,
        body: ConcludeBodySchema,
        response: { 200: ChallengeSchema },
      },
    },
    async (request) => challenges.conclude(request.context({ purpose: PURPOSE }), request.params.id, request.body),
  );
}
