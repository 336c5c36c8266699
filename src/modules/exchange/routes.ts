import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ExchangeService } from './service.ts';
import { AcknowledgeBodySchema, AcknowledgeResultSchema, ChangeListQuerySchema, ChangeListSchema } from './schema.ts';

export async function exchangeRoutes(app: FastifyInstance, opts: { exchange: ExchangeService }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { exchange } = opts;
  const tags = ['exchange'];

  r.get(
    '/api/v1/exchange/changes',
    {
      config: { permission: 'exchange:read' },
      schema: { tags, summary: 'Changes for the upstream platform (repairs, corrections, revocations) / 待报送上级平台的变更', querystring: ChangeListQuerySchema, response: { 200: ChangeListSchema } },
    },
    async (request) => exchange.list(request.context({ purpose: '信用信息共享交换（修复、更正结果报送）' }), request.query),
  );
  r.post(
    '/api/v1/exchange/changes/acknowledge',
    {
      config: { permission: 'exchange:acknowledge' },
      schema: {
        tags,
        summary: 'Mark changes received upstream, with its receipt / 确认上级平台已接收',
        description: 'Unknown ids: 400 `exchange.unknown_change`, located at `ids[i]`, nothing marked. Already acknowledged ones are counted, not changed.',
        body: AcknowledgeBodySchema,
        response: { 200: AcknowledgeResultSchema },
      },
    },
    async (request) => exchange.acknowledge(request.context(), request.body),
  );
}
