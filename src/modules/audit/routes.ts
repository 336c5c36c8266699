import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Clock } from '../../shared/clock.ts';
import { NotFound } from '../../shared/errors.ts';
import type { AuditLog } from './service.ts';
import type { AuditLedger } from './ledger.ts';
import { buildAccessLogDownload } from './download.ts';
import { AccessLogDownloadSchema, LedgerReportSchema, PublicKeySchema, SignedTreeHeadSchema } from './schema.ts';

export interface AuditRouteOptions {
  audit: AuditLog;
  ledger: AuditLedger;
  clock: Clock;
  /**
   * Department names by id (the accounts module owns departments), so a person's own log says which
   * department read them. Without it the download carries ids only.
   */
  departmentNames?: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
}

export async function auditRoutes(app: FastifyInstance, opts: AuditRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { ledger } = opts;

  // Signed heads and the public key reveal nothing about anyone; publishing them lets outside
  // witnesses hold the platform to its log (Certificate Transparency style).
  r.get(
    '/api/v1/audit/public-key',
    { config: { permission: 'public' }, schema: { tags: ['audit'], summary: 'Key that signs access-log tree heads / 访问日志签名公钥', response: { 200: PublicKeySchema } } },
    async () => ({ ...ledger.publicKey(), algorithm: 'SM2 (GB/T 32918) with SM3, user ID 1234567812345678; tree per RFC 9162 with SM3' }),
  );

  r.get(
    '/api/v1/audit/tree-heads',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'Signed tree heads of the access log / 访问日志签名树头',
        querystring: Type.Object({ fromSize: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })) }, { additionalProperties: false }),
        response: { 200: Type.Array(SignedTreeHeadSchema) },
      },
    },
    async (request) => (await ledger.heads()).filter((h) => h.treeSize >= (request.query.fromSize ?? 0)),
  );

  r.get(
    '/api/v1/audit/consistency',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['audit'],
        summary: 'Consistency proof between two signed heads / 两个树头之间的一致性证明',
        querystring: Type.Object({ from: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), to: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ from: Type.Integer(), to: Type.Integer(), proof: Type.Array(Type.String()) }) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const heads = new Set((await ledger.heads()).map((h) => h.treeSize));
      if (!heads.has(from) || !heads.has(to) || from > to) throw new NotFound('audit.no_such_heads', { from, to });
      return { from, to, proof: await ledger.consistency(from, to) };
    },
  );

  r.get(
    '/api/v1/me/access-log',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['audit'],
        summary: 'My access log with inclusion proofs, to keep and check offline / 我的信息被查询记录（含包含性证明）',
        // Always the caller's own log: no parameter can name another subject.
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: AccessLogDownloadSchema },
      },
    },
    async (request, reply) => {
      const personId = request.actor?.personId;
      // Only a citizen linked to a person has an access log of their own.
      if (!personId) throw new NotFound('audit.no_own_log');
      const doc = await buildAccessLogDownload(opts, { kind: 'person', id: personId });
      const departmentIds = [...new Set(doc.entries.map((e) => e.entry.actorDepartmentId).filter((id): id is string => id !== null))];
      const departments = opts.departmentNames && departmentIds.length > 0 ? Object.fromEntries(await opts.departmentNames(departmentIds)) : undefined;
      await opts.audit.record(request.context({ purpose: 'own access log (本人查询)' }), {
        action: 'audit.own_log_read',
        subject: { kind: 'person', id: personId },
        data: { entries: doc.entries.length },
        result: 'ok',
      });
      reply.header('content-disposition', `attachment; filename="access-log-${doc.generatedAt.slice(0, 10)}.json"`);
      return departments ? { ...doc, departments } : doc;
    },
  );

  r.post(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit:verify' },
      schema: { tags: ['audit'], summary: 'Verify the whole access log against the signed heads / 校验访问日志完整性', response: { 200: LedgerReportSchema } },
    },
    async (request) => {
      const report = await ledger.verify();
      await opts.audit.record(request.context(), { action: 'audit.verify', data: { ok: report.ok, entries: report.entries, problems: report.problems.length }, result: 'ok' });
      return report;
    },
  );
}
