import { PassThrough, type Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../shared/errors.ts';
import type { RecordsService } from './service.ts';
import {
  BatchBodySchema,
  DueSchema,
  ImportJobSchema,
  PageQuerySchema,
  RecordQuerySchema,
  RecordSummarySchema,
  RecordVersionSchema,
  RowErrorSchema,
  StatsSchema,
} from './schema.ts';

export interface RecordsRouteOptions {
  records: RecordsService;
  /** CHENGXIN_UPLOAD_LIMIT_BYTES. */
  uploadLimitBytes: number;
}

/** The MIME types an upload may be sent as; the content itself decides what the file is. */
export const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Id / 标识' }) }, { additionalProperties: false });

const UploadQuerySchema = Type.Object(
  {
    item: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Catalog item; inferred from a 双公示 header when absent / 信息项代码（双公示文件可省略）' })),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Original file name, for the job list / 原文件名' })),
  },
  { additionalProperties: false },
);

const ErrorsQuerySchema = Type.Object(
  {
    format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'], { default: 'json', description: 'json | csv | xlsx / 格式' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

const JobListSchema = Type.Object({ items: Type.Array(ImportJobSchema), total: Type.Integer() });

/** JSON batches may be larger than the default JSON body limit: 1,000 records of a few KiB each. */
const BATCH_BODY_LIMIT = 16 * 1_048_576;

export async function recordsRoutes(app: FastifyInstance, opts: RecordsRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { records } = opts;

  r.post(
    '/api/v1/records/batches',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      config: { permission: 'records:submit' },
      schema: {
        tags: ['records'],
        summary: 'Submit up to 1,000 records of one item (synchronous) / 批量报送记录（同步）',
        description:
          'Keys are the item’s field names. Good rows are stored idempotently by (department, item, source record id); refused rows come back in `errors`. 403 `records.no_department` for an account without a department. / 合格记录入库，不合格的逐行退回。',
        body: BatchBodySchema,
        response: { 200: Type.Intersect([ImportJobSchema, Type.Object({ errors: Type.Array(RowErrorSchema) })]) },
      },
    },
    async (request) => records.submitBatch(request.context({ purpose: '信用信息归集（接口报送）' }), request.body.item, request.body.records),
  );

  // Uploads: the raw body is streamed to DATA_DIR/uploads, never buffered. The parsers are
  // scoped to this plugin, so no other route accepts these types.
  await app.register(async (scope) => {
    for (const type of UPLOAD_TYPES) scope.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/records/uploads',
      {
        config: { permission: 'records:submit' },
        schema: {
          tags: ['records'],
          summary: 'Upload a CSV or XLSX file (双公示 or the item’s layout); processed in the background / 上传文件（后台处理）',
          description: `Send the file as the raw body (${UPLOAD_TYPES.join(', ')}). 413 \`records.upload_too_large\` past the limit; 415 \`records.file_*\` when the content is not CSV/XLSX. / 超过大小上限返回 413，内容不是 CSV/XLSX 返回 415。`,
          querystring: UploadQuerySchema,
          response: { 202: ImportJobSchema },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown;
        if (body === null || typeof body !== 'object' || typeof (body as Readable).pipe !== 'function') {
          throw new DomainError('records.upload_unsupported_type', 415, { contentType: request.headers['content-type'] ?? '' });
        }
        const declared = request.headers['content-length'];
        const job = await records.receiveUpload(request.context({ purpose: '信用信息归集（文件上传）' }), {
          itemCode: request.query.item,
          fileName: request.query.fileName,
          body: body as Readable,
          declaredBytes: declared === undefined ? undefined : Number(declared),
          limitBytes: opts.uploadLimitBytes,
        });
        return reply.code(202).send(job);
      },
    );
  });

  r.get(
    '/api/v1/records/jobs',
    {
      config: { permission: 'records:read' },
      schema: { tags: ['records'], summary: 'The department’s import jobs, newest first / 本部门归集作业', querystring: PageQuerySchema, response: { 200: JobListSchema } },
    },
    async (request) => records.listJobs(request.context(), request.query.limit, request.query.offset),
  );

  r.get(
    '/api/v1/records/jobs/:id',
    {
      config: { permission: 'records:read' },
      schema: { tags: ['records'], summary: 'One import job (live progress) / 归集作业（含进度）', params: IdParamsSchema, response: { 200: ImportJobSchema } },
    },
    async (request) => records.getJob(request.context(), request.params.id),
  );

  r.get(
    '/api/v1/records/jobs/:id/errors',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'The rows a job refused: JSON page, or the whole report as CSV/XLSX / 错误报告',
        description: '`format=csv|xlsx` downloads every refused row; text cells are escaped against formula injection. / 下载的文件已防范公式注入。',
        params: IdParamsSchema,
        querystring: ErrorsQuerySchema,
      },
    },
    async (request, reply) => {
      const ctx = request.context();
      const format = request.query.format ?? 'json';
      if (format === 'json') return records.listJobErrors(ctx, request.params.id, request.query.limit, request.query.offset);
      await records.getJob(ctx, request.params.id); // 404 before any byte is sent
      const out = new PassThrough();
      records.writeJobErrors(ctx, request.params.id, format, out).catch((err: unknown) => out.destroy(err as Error));
      const name = `errors-${request.params.id}.${format}`;
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(out);
    },
  );

  r.get(
    '/api/v1/records/stats',
    {
      config: { permission: 'records:stats' },
      schema: { tags: ['records'], summary: 'Ingestion statistics per department / 各部门归集统计', response: { 200: StatsSchema } },
    },
    async () => records.stats(),
  );

  r.get(
    '/api/v1/records/stats/due',
    {
      config: { permission: 'records:stats' },
      schema: {
        tags: ['records'],
        summary: 'Submissions of every department waiting or overdue (Art. 17, 5 working days) / 全部待核查与逾期报送',
        response: { 200: DueSchema },
      },
    },
    async (request) => records.dueSubmissions(request.context(), true),
  );

  r.get(
    '/api/v1/records/submissions/due',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'The department’s submissions waiting or overdue (Art. 17, 5 working days) / 本部门待核查与逾期报送',
        response: { 200: DueSchema },
      },
    },
    async (request) => records.dueSubmissions(request.context(), false),
  );

  r.get(
    '/api/v1/records',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'The department’s records (logged read) / 本部门信用记录',
        querystring: RecordQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(RecordSummarySchema), total: Type.Integer() }) },
      },
    },
    async (request) => records.listRecords(request.context({ purpose: '归集记录核查' }), request.query),
  );

  r.get(
    '/api/v1/records/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'One record with its version history (logged read) / 信用记录及其版本',
        params: IdParamsSchema,
        response: { 200: Type.Object({ record: RecordSummarySchema, versions: Type.Array(RecordVersionSchema), linked: Type.Array(RecordSummarySchema, { description: 'For an organization record: the personal records derived from it (legal representative, responsible persons) / 关联的个人记录' }) }) },
      },
    },
    async (request) => records.getRecord(request.context({ purpose: '归集记录核查' }), request.params.id),
  );
}
