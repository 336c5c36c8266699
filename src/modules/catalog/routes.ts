import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CatalogService } from './service.ts';
import {
  CatalogFilterSchema,
  CatalogItemSchema,
  CatalogItemVersionSchema,
  CreateItemBodySchema,
  KeyProfessionSchema,
  UpdateItemBodySchema,
} from './schema.ts';

export interface CatalogRouteOptions {
  catalog: CatalogService;
}

const CodeParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32, description: 'Data code / 数据代码' }) }, { additionalProperties: false });

export async function catalogRoutes(app: FastifyInstance, opts: CatalogRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog } = opts;

  r.get(
    '/api/v1/catalog/items',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: 'Catalog items, filtered / 公共信用信息目录（可筛选）',
        querystring: CatalogFilterSchema,
        response: { 200: Type.Object({ items: Type.Array(CatalogItemSchema) }) },
      },
    },
    async (request) => ({ items: await catalog.list(request.query) }),
  );

  r.get(
    '/api/v1/catalog/items/:code',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: 'One catalog item / 目录信息项',
        params: CodeParamsSchema,
        response: { 200: CatalogItemSchema },
      },
    },
    async (request) => catalog.get(request.params.code),
  );

  r.get(
    '/api/v1/catalog/items/:code/versions',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: 'Every version of an item, oldest first, with who and why / 信息项的全部版本（含修改人与理由）',
        params: CodeParamsSchema,
        response: { 200: Type.Object({ versions: Type.Array(CatalogItemVersionSchema) }) },
      },
    },
    async (request) => ({ versions: await catalog.history(request.params.code) }),
  );

  r.post(
    '/api/v1/catalog/items',
    {
      config: { permission: 'catalog:manage' },
      schema: {
        tags: ['catalog'],
        summary: 'Add a catalog item (validated, versioned, logged) / 新增目录信息项',
        description:
          'Refused with located errors when the item breaks a catalog rule (400 `catalog.*`, every problem in `problems`); 409 `catalog.code_taken` when the code exists. / 不符合目录规则时返回定位到字段的错误。',
        body: CreateItemBodySchema,
        response: { 201: CatalogItemSchema },
      },
    },
    async (request, reply) => {
      const item = await catalog.create(request.context(), request.body.item, request.body.reason);
      return reply.code(201).send(item);
    },
  );

  r.put(
    '/api/v1/catalog/items/:code',
    {
      config: { permission: 'catalog:manage' },
      schema: {
        tags: ['catalog'],
        summary: 'Replace an item’s definition as a new version / 修改目录信息项（生成新版本）',
        description:
          '`expectedVersion` is the version the edit started from; a newer stored version answers 409 `catalog.version_conflict`. Nothing is written when the definition is unchanged. / 基于旧版本的修改返回 409。',
        params: CodeParamsSchema,
        body: UpdateItemBodySchema,
        response: { 200: CatalogItemSchema },
      },
    },
    async (request) => catalog.update(request.context(), request.params.code, request.body.item, request.body.reason, request.body.expectedVersion),
  );

  r.get(
    '/api/v1/catalog/key-professions',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: 'Key professions (济政办〔2017〕55号 (一)2) / 重点职业人群',
        response: { 200: Type.Object({ professions: Type.Array(KeyProfessionSchema) }) },
      },
    },
    async () => ({ professions: await catalog.listKeyProfessions() }),
  );
}
