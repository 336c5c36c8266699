import { Type, type Static } from 'typebox';

export const CHANGE_KINDS = ['repair_granted', 'record_corrected', 'record_revoked', 'entry_revoked'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ChangeSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...CHANGE_KINDS], { description: 'repair_granted 信用修复 | record_corrected 更正 | record_revoked / entry_revoked 撤销' }),
  target: Type.Object({ kind: Type.Enum(['record', 'entry']), id: Type.String() }),
  subjectKind: Type.Enum(['person', 'organization']),
  subjectId: Type.String(),
  departmentId: Type.String({ description: 'The source department / 信息提供单位' }),
  basis: Type.String({ description: '`repair:<application id>` or `objection:<id>`' }),
  details: Type.Record(Type.String(), Type.Unknown()),
  occurredOn: Type.String({ format: 'date' }),
  createdAt: Type.String(),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  receipt: Type.Union([Type.String(), Type.Null()]),
});
export type Change = Static<typeof ChangeSchema>;

export const ChangeListQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(['pending', 'acknowledged'], { default: 'pending' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const ChangeListSchema = Type.Object({ items: Type.Array(ChangeSchema), total: Type.Integer() });

export const AcknowledgeBodySchema = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500 }),
    receipt: Type.String({ minLength: 1, maxLength: 100, description: "The upstream platform's receipt number / 上级平台回执编号" }),
  },
  { additionalProperties: false },
);
export type AcknowledgeBody = Static<typeof AcknowledgeBodySchema>;

export const AcknowledgeResultSchema = Type.Object({ acknowledged: Type.Integer(), alreadyAcknowledged: Type.Integer() });
