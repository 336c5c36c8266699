import { Type, type Static } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ReportsService, RenderedReport } from './service.ts';
import { IssueBodySchema, OwnReportQuerySchema, VerifyCodeBodySchema, VerifyReplySchema } from './schema.ts';

export interface ReportRouteOptions {
  reports: ReportsService;
}

/** Uploaded reports for verification: the PDF or the JSON download, sent as the raw body. */
export const REPORT_UPLOAD_TYPES = ['application/pdf', 'application/octet-stream'];
/** A 200-record PDF is about 100 KB; a report far past this is not one of ours. */
const UPLOAD_LIMIT = 10 * 1_048_576;

// 《河南省社会信用条例》第四十条: the person may obtain their own credit report.
const COUNTER_PURPOSE = '本人到窗口申请出具信用报告（《河南省社会信用条例》第四十条）';
const SELF_PURPOSE = '本人在线查询信用报告（《河南省社会信用条例》第四十条）';
const LEGAL_BASIS = '《河南省社会信用条例》第四十条';

export function sendReport(reply: FastifyReply, file: RenderedReport, inline: boolean) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`)
    .header('x-report-number', file.report.content.number)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export async function reportRoutes(app: FastifyInstance, opts: ReportRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { reports } = opts;

  r.post(
    '/api/v1/reports',
    {
      config: { permission: 'reports:issue' },
      schema: {
        tags: ['reports'],
        summary: 'Issue a signed credit report for the person present at the counter / 窗口出具信用报告',
        description:
          'The body names the person by citizen code; the answer is the file (PDF, HTML or JSON) with `x-report-number`. Logged as a read of the person with its purpose. 404 `reports.person_not_found`. / 按公民身份号码出具，记录查询日志。',
        body: IssueBodySchema,
      },
    },
    async (request, reply) => {
      const { subjectCode, type = 'personal', profession, format = 'pdf', purpose } = request.body;
      const ctx = request.context({ purpose: purpose ?? COUNTER_PURPOSE, legalBasis: LEGAL_BASIS });
      const personId = await reports.personIdForCode(ctx, subjectCode);
      return sendReport(reply, await reports.issueFile(ctx, personId, 'counter', { type, profession, format }), false);
    },
  );

  r.get(
    '/api/v1/me/report',
    {
      config: { permission: 'reports:own' },
      schema: {
        tags: ['reports'],
        summary: 'My own signed credit report / 本人信用报告',
        description: 'For a citizen account linked to a person; 404 `reports.no_own_person` otherwise. / 仅限已关联本人身份的账号。',
        querystring: OwnReportQuerySchema,
      },
    },
    async (request, reply) => {
      const { type = 'personal', profession, format = 'pdf' } = request.query;
      const ctx = request.context({ purpose: SELF_PURPOSE, legalBasis: LEGAL_BASIS });
      const personId = reports.ownPersonId(ctx);
      return sendReport(reply, await reports.issueFile(ctx, personId, 'self', { type, profession, format }), format === 'html');
    },
  );

  // The verification page's API: by number and code (JSON), or the presented file itself (raw
  // body). The raw types are parsed only inside this plugin, so no other route accepts them.
  await app.register(async (scope) => {
    for (const type of REPORT_UPLOAD_TYPES) scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/public/reports/verify',
      {
        bodyLimit: UPLOAD_LIMIT,
        config: { permission: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
        schema: {
          tags: ['reports'],
          summary: 'Verify a credit report: number and verification code, or the PDF / JSON file / 信用报告核验',
          description: `JSON \`{number, code}\`, or the file as the raw body (${REPORT_UPLOAD_TYPES.join(', ')}). Answers valid/invalid with the issue time and the masked subject. / 输入编号和验证码，或上传 PDF/JSON 文件。`,
          body: {
            content: {
              'application/json': { schema: VerifyCodeBodySchema },
              ...Object.fromEntries(REPORT_UPLOAD_TYPES.map((type) => [type, { schema: Type.Any() }])),
            },
          },
          response: { 200: VerifyReplySchema },
        },
      },
      async (request) => {
        const ctx = request.context({ purpose: '信用报告真实性核验（公共服务）' });
        const body = request.body as unknown;
        if (Buffer.isBuffer(body)) return reports.verifyFile(ctx, body);
        const { number, code } = body as Static<typeof VerifyCodeBodySchema>;
        return reports.verifyByCode(ctx, number, code);
      },
    );
  });
}
