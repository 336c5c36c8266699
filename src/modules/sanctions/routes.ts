import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SanctionsService } from './service.ts';
import {
  CheckBodySchema,
  CheckReplySchema,
  CreateMeasureBodySchema,
  CreateMemorandumBodySchema,
  DashboardSchema,
  DefinitionVersionSchema,
  FeedbackBodySchema,
  FeedbackReplySchema,
  MeasureSchema,
  MemorandumSchema,
  ScenarioSchema,
  TaskActionBodySchema,
  TaskApplicationBodySchema,
  TaskFeedbackBodySchema,
  TaskFilterSchema,
  TaskSchema,
  UpdateMeasureBodySchema,
  UpdateMemorandumBodySchema,
} from './schema.ts';

export interface SanctionsRouteOptions {
  sanctions: SanctionsService;
}

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64, description: 'Code / 代码' }) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'Task id / 任务编号' }) }, { additionalProperties: false });
const MeasureFilter = Type.Object(
  {
    memorandum: Type.Optional(Type.String({ maxLength: 64, description: 'Memorandum code / 备忘录' })),
    scenario: Type.Optional(Type.String({ maxLength: 64, description: 'Scenario code / 场景' })),
    kind: Type.Optional(Type.Enum(['reward', 'punishment'] as const)),
  },
  { additionalProperties: false },
);
const tags = ['sanctions'];
/** Why a check reads a subject's standing: logged with the read (DESIGN.md decision 5). */
const CHECK_PURPOSE = { purpose: '联合奖惩核查 joint reward and punishment check', legalBasis: '国发〔2016〕33号；《河南省社会信用条例》第二十九条' };

export async function sanctionsRoutes(app: FastifyInstance, opts: SanctionsRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { sanctions } = opts;
  const { workflow } = sanctions;

  r.get(
    '/api/v1/sanctions/scenarios',
    { config: { permission: 'sanctions:check' }, schema: { tags, summary: 'Business scenarios / 业务场景', response: { 200: Type.Array(ScenarioSchema) } } },
    async () => sanctions.scenarios(),
  );

  r.post(
    '/api/v1/sanctions/check',
    {
      config: { permission: 'sanctions:check' },
      schema: {
        tags,
        summary: 'Which reward and punishment measures apply to a subject in a scenario / 联合奖惩核查',
        description:
          'Answers every matching measure with its memorandum, basis and trigger, and a `decisionId` for the feedback. Logged in the access log. 400 `sanctions.unknown_scenario` or `sanctions.invalid_code`, nothing written. / 返回命中的激励和惩戒措施。',
        body: CheckBodySchema,
        response: { 200: CheckReplySchema },
      },
    },
    async (request) => sanctions.check(request.context(CHECK_PURPOSE), request.body),
  );

  r.post(
    '/api/v1/sanctions/feedback',
    {
      config: { permission: 'sanctions:feedback' },
      schema: {
        tags,
        summary: 'What the business system did after a check / 联合奖惩实施情况反馈',
        description: '404 `sanctions.decision_not_found` for an unknown check or another caller’s; 400 when a measure was not hit; 409 when feedback was already given.',
        body: FeedbackBodySchema,
        response: { 201: FeedbackReplySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await sanctions.feedback(request.context(), request.body)),
  );

  // Definitions ----------------------------------------------------------------------------------
  r.get(
    '/api/v1/sanctions/memoranda',
    { config: { permission: 'sanctions:read' }, schema: { tags, summary: 'Memoranda / 合作备忘录', response: { 200: Type.Object({ items: Type.Array(MemorandumSchema) }) } } },
    async () => ({ items: await sanctions.listMemoranda() }),
  );
  r.get(
    '/api/v1/sanctions/memoranda/:code',
    { config: { permission: 'sanctions:read' }, schema: { tags, summary: 'One memorandum / 合作备忘录', params: CodeParams, response: { 200: MemorandumSchema } } },
    async (request) => sanctions.getMemorandum(request.params.code),
  );
  r.get(
    '/api/v1/sanctions/memoranda/:code/versions',
    {
      config: { permission: 'sanctions:read' },
      schema: { tags, summary: 'Every version of a memorandum / 备忘录的全部版本', params: CodeParams, response: { 200: Type.Object({ versions: Type.Array(DefinitionVersionSchema) }) } },
    },
    async (request) => ({ versions: await sanctions.history('memorandum', request.params.code) }),
  );
  r.post(
    '/api/v1/sanctions/memoranda',
    { config: { permission: 'sanctions:manage' }, schema: { tags, summary: 'Add a memorandum / 新增备忘录', body: CreateMemorandumBodySchema, response: { 201: MemorandumSchema } } },
    async (request, reply) => reply.code(201).send(await sanctions.createMemorandum(request.context(), request.body.memorandum, request.body.reason)),
  );
  r.put(
    '/api/v1/sanctions/memoranda/:code',
    {
      config: { permission: 'sanctions:manage' },
      schema: { tags, summary: 'Change a memorandum as a new version / 修改备忘录（生成新版本）', params: CodeParams, body: UpdateMemorandumBodySchema, response: { 200: MemorandumSchema } },
    },
    async (request) => sanctions.updateMemorandum(request.context(), request.params.code, request.body.memorandum, request.body.reason, request.body.expectedVersion),
  );

  r.get(
    '/api/v1/sanctions/measures',
    { config: { permission: 'sanctions:read' }, schema: { tags, summary: 'Measures / 奖惩措施', querystring: MeasureFilter, response: { 200: Type.Object({ items: Type.Array(MeasureSchema) }) } } },
    async (request) => ({ items: await sanctions.listMeasures(request.query) }),
  );
  r.get(
    '/api/v1/sanctions/measures/:code',
    { config: { permission: 'sanctions:read' }, schema: { tags, summary: 'One measure / 奖惩措施', params: CodeParams, response: { 200: MeasureSchema } } },
    async (request) => sanctions.getMeasure(request.params.code),
  );
  r.get(
    '/api/v1/sanctions/measures/:code/versions',
    {
      config: { permission: 'sanctions:read' },
      schema: { tags, summary: 'Every version of a measure / 措施的全部版本', params: CodeParams, response: { 200: Type.Object({ versions: Type.Array(DefinitionVersionSchema) }) } },
    },
    async (request) => ({ versions: await sanctions.history('measure', request.params.code) }),
  );
  r.post(
    '/api/v1/sanctions/measures',
    {
      config: { permission: 'sanctions:manage' },
      schema: {
        tags,
        summary: 'Add a measure (validated, versioned, logged) / 新增奖惩措施',
        description: 'Every problem is returned located (`triggers[1].itemCodes[0]` …) in `problems`; nothing is written.',
        body: CreateMeasureBodySchema,
        response: { 201: MeasureSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await sanctions.createMeasure(request.context(), request.body.measure, request.body.reason)),
  );
  r.put(
    '/api/v1/sanctions/measures/:code',
    {
      config: { permission: 'sanctions:manage' },
      schema: { tags, summary: 'Change a measure as a new version / 修改奖惩措施（生成新版本）', params: CodeParams, body: UpdateMeasureBodySchema, response: { 200: MeasureSchema } },
    },
    async (request) => sanctions.updateMeasure(request.context(), request.params.code, request.body.measure, request.body.reason, request.body.expectedVersion),
  );

  // Workflow ---------------------------------------------------------------------------------------
  r.get(
    '/api/v1/sanctions/tasks',
    {
      config: { permission: 'sanctions:tasks' },
      schema: { tags, summary: 'The department’s tasks / 本部门的联合奖惩任务', querystring: TaskFilterSchema, response: { 200: Type.Object({ items: Type.Array(TaskSchema), total: Type.Integer() }) } },
    },
    async (request) => workflow.listTasks(request.context(), request.query),
  );
  r.get(
    '/api/v1/sanctions/tasks/:id',
    { config: { permission: 'sanctions:tasks' }, schema: { tags, summary: 'One task / 任务', params: IdParams, response: { 200: TaskSchema } } },
    async (request) => workflow.getTask(request.context(), request.params.id),
  );
  r.post(
    '/api/v1/sanctions/tasks/:id/acknowledge',
    { config: { permission: 'sanctions:tasks' }, schema: { tags, summary: 'Acknowledge (响应) / 响应任务', params: IdParams, body: TaskActionBodySchema, response: { 200: TaskSchema } } },
    async (request) => workflow.acknowledge(request.context(), request.params.id, request.body),
  );
  r.post(
    '/api/v1/sanctions/tasks/:id/applications',
    {
      config: { permission: 'sanctions:tasks' },
      schema: { tags, summary: 'Record a measure applied (惩戒/激励) / 登记措施实施情况', params: IdParams, body: TaskApplicationBodySchema, response: { 200: TaskSchema } },
    },
    async (request) => workflow.recordApplication(request.context(), request.params.id, request.body),
  );
  r.post(
    '/api/v1/sanctions/tasks/:id/feedback',
    { config: { permission: 'sanctions:tasks' }, schema: { tags, summary: 'Close with feedback (反馈) / 反馈并办结', params: IdParams, body: TaskFeedbackBodySchema, response: { 200: TaskSchema } } },
    async (request) => workflow.close(request.context(), request.params.id, request.body),
  );

  r.get(
    '/api/v1/sanctions/dashboard',
    { config: { permission: 'sanctions:stats' }, schema: { tags, summary: 'Per memorandum and department: entries, checks, hits, applied, feedback rate, overdue / 联合奖惩统计', response: { 200: DashboardSchema } } },
    async () => workflow.dashboard(),
  );
}
