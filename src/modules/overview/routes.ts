import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { OverdueOverviewSchema, OverviewCountsSchema } from './schema.ts';
import { countOverview, overdueOverview, type OverdueSources, type OverviewSources } from './service.ts';

export type OverviewRouteOptions = OverviewSources & OverdueSources;

export async function overviewRoutes(app: FastifyInstance, opts: OverviewRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/overview/counts',
    {
      config: { permission: 'overview:read' },
      schema: { tags: ['overview'], summary: 'Live platform counts / 平台概况', response: { 200: OverviewCountsSchema } },
    },
    async () => countOverview(opts),
  );
  r.get(
    '/api/v1/overview/overdue',
    {
      config: { permission: 'overview:overdue' },
      schema: {
        tags: ['overview'],
        summary: 'Overdue objections and repair applications with their escalation / 逾期督办',
        description: 'Level 1: past the deadline, the department is reminded; level 2: still open after further working days, the credit office supervises (src/shared/seed/escalation.json). A department user sees only its own department’s cases.',
        response: { 200: OverdueOverviewSchema },
      },
    },
    async (request) => overdueOverview(request.context({ purpose: '逾期督办' }), opts),
  );
}
