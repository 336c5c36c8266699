import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { OverviewCountsSchema } from './schema.ts';
import { countOverview, type OverviewSources } from './service.ts';

export async function overviewRoutes(app: FastifyInstance, opts: OverviewSources): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/overview/counts',
    {
      config: { permission: 'overview:read' },
      schema: { tags: ['overview'], summary: 'Live platform counts / 平台概况', response: { 200: OverviewCountsSchema } },
    },
    async () => countOverview(opts),
  );
}
