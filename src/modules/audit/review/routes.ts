import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ReviewService, StoredFinding } from './service.ts';
import {
  FindingListQuerySchema,
  FindingListSchema,
  FindingReviewBodySchema,
  FindingReviewSchema,
  FindingSchema,
  ReviewRunBodySchema,
  ReviewRunListQuerySchema,
  ReviewRuleSchema,
  ReviewRunSchema,
} from './schema.ts';

/** Resolves user ids to login names in one call; unknown ids are left out of the map. */
export type UsernameResolver = (userIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface AuditReviewRouteOptions {
  review: ReviewService;
  /**
   * Login names for the finding list (the accounts module owns users; this module does not read
   * its tables). Without it the names are null and a client resolves the ids itself.
   */
  usernames?: UsernameResolver;
}

export async function auditReviewRoutes(app: FastifyInstance, opts: AuditReviewRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { review } = opts;

  const namesFor = async (ids: (string | null)[]): Promise<ReadonlyMap<string, string>> => {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    return opts.usernames && unique.length > 0 ? opts.usernames(unique) : new Map();
  };
  const withNames = (f: StoredFinding, names: ReadonlyMap<string, string>) => ({
    ...f,
    actorUsername: names.get(f.actorUserId) ?? null,
    reviewedByUsername: f.reviewedBy ? (names.get(f.reviewedBy) ?? null) : null,
  });

  r.get(
    '/api/v1/audit/findings',
    {
      config: { permission: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'Findings of the access-log review / 查询使用审查发现',
        querystring: FindingListQuerySchema,
        response: { 200: FindingListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await review.listFindings({ status: q.status, rule: q.rule, day: q.day, actorUserId: q.actorUserId, limit: q.limit ?? 100, offset: q.offset ?? 0 });
      const names = await namesFor(items.flatMap((f) => [f.actorUserId, f.reviewedBy]));
      return { items: items.map((f) => withNames(f, names)), total };
    },
  );

  r.post(
    '/api/v1/audit/findings/:id/review',
    {
      config: { permission: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'Confirm or dismiss a finding, with a note (logged) / 审查结论：确认或排除（留痕）',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: FindingReviewBodySchema,
        response: { 200: FindingSchema },
      },
    },
    async (request) => {
      const finding = await review.markFinding(request.context(), request.params.id, request.body.status, request.body.note);
      return withNames(finding, await namesFor([finding.actorUserId, finding.reviewedBy]));
    },
  );

  r.get(
    '/api/v1/audit/findings/:id/reviews',
    {
      config: { permission: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'Every conclusion recorded on a finding, oldest first / 审查发现的历次结论',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Object({ items: Type.Array(FindingReviewSchema) }) },
      },
    },
    async (request) => {
      const reviews = await review.findingReviews(request.params.id);
      const names = await namesFor(reviews.map((v) => v.reviewedBy));
      return { items: reviews.map((v) => ({ ...v, reviewedByUsername: names.get(v.reviewedBy) ?? null })) };
    },
  );

  r.post(
    '/api/v1/audit/review-runs',
    {
      config: { permission: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'Review a finished day now (default: yesterday, Asia/Shanghai) / 立即审查指定日期（默认昨天）',
        body: ReviewRunBodySchema,
        response: { 201: ReviewRunSchema },
      },
    },
    async (request, reply) => {
      const run = await review.runReview(request.context(), request.body.day ?? review.previousDay(), 'on_demand');
      return reply.code(201).send(run);
    },
  );

  r.get(
    '/api/v1/audit/review-rules',
    {
      config: { permission: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'The rules and numbers the review applies, with their legal basis / 审查规则及阈值',
        response: { 200: Type.Object({ items: Type.Array(ReviewRuleSchema) }) },
      },
    },
    async () => ({ items: await review.listRules() }),
  );

  r.get(
    '/api/v1/audit/review-runs',
    {
      config: { permission: 'audit:review' },
      schema: {
        tags: ['audit'],
        summary: 'Review runs, newest first / 审查批次',
        querystring: ReviewRunListQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(ReviewRunSchema) }) },
      },
    },
    async (request) => ({ items: await review.listRuns(request.query.limit ?? 50, request.query.offset ?? 0) }),
  );
}
