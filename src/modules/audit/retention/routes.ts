import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RetentionService } from './service.ts';
import { RetentionChangeBodySchema, RetentionReplySchema } from './schema.ts';

export interface AuditRetentionRouteOptions {
  retention: RetentionService;
}

export async function auditRetentionRoutes(app: FastifyInstance, opts: AuditRetentionRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { retention } = opts;

  const reply = async () => ({
    current: await retention.current(),
    history: await retention.history(),
    legalMinimumDays: retention.legalMinimumDays,
    entriesPastRetention: await retention.entriesPastRetention(),
  });

  r.get(
    '/api/v1/audit/retention',
    {
      config: { permission: 'audit:retention' },
      schema: { tags: ['audit'], summary: 'How long the access log is kept, with its history / 审计日志保存期限及变更记录', response: { 200: RetentionReplySchema } },
    },
    async () => reply(),
  );

  r.put(
    '/api/v1/audit/retention',
    {
      config: { permission: 'audit:retention' },
      schema: {
        tags: ['audit'],
        summary: 'Change the retention period (≥ legal minimum; a reason to shorten; logged) / 修改审计日志保存期限',
        body: RetentionChangeBodySchema,
        response: { 200: RetentionReplySchema },
      },
    },
    async (request) => {
      await retention.change(request.context(), request.body.days, request.body.reason);
      return reply();
    },
  );
}
