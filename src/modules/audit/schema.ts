import { Type } from 'typebox';

export const SignedTreeHeadSchema = Type.Object({
  treeSize: Type.Integer({ description: 'Entries covered / 覆盖的日志条数' }),
  rootHash: Type.String({ description: 'SM3 Merkle root (RFC 9162 structure), hex / 默克尔根' }),
  signedAt: Type.String({ description: 'ISO 8601 instant / 签名时间' }),
  keyId: Type.String({ description: 'Signing key id / 签名密钥标识' }),
  signature: Type.String({ description: 'SM2 signature (DER, hex, SM3, ID 1234567812345678) over the canonical head / SM2 签名' }),
});

export const PublicKeySchema = Type.Object({
  keyId: Type.String(),
  publicKey: Type.String({ description: 'SM2 public key, uncompressed hex / SM2 公钥' }),
  algorithm: Type.String(),
});

const EntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actorDepartmentId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectKind: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.Union([Type.String(), Type.Null()]),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  result: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
});

const InclusionProofSchema = Type.Object({
  seq: Type.Integer(),
  leafHash: Type.String(),
  treeSize: Type.Integer(),
  proof: Type.Array(Type.String()),
});

export const AccessLogDownloadSchema = Type.Object({
  format: Type.Literal('chengxin.access-log.v1'),
  subject: Type.Object({ kind: Type.Union([Type.Literal('person'), Type.Literal('organization')]), id: Type.String() }),
  generatedAt: Type.String(),
  publicKey: Type.String(),
  keyId: Type.String(),
  treeHead: Type.Union([SignedTreeHeadSchema, Type.Null()]),
  entries: Type.Array(Type.Object({ entry: EntrySchema, proof: Type.Union([InclusionProofSchema, Type.Null()]) })),
  /** Names of the departments the entries mention, by id, so a person can read who looked (not part of any proof). */
  departments: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Department names by id / 查询单位名称' })),
});

export const LedgerReportSchema = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  headsChecked: Type.Integer(),
  pending: Type.Integer(),
  latestHead: Type.Union([SignedTreeHeadSchema, Type.Null()]),
  problems: Type.Array(
    Type.Object({
      kind: Type.String(),
      seq: Type.Optional(Type.Integer()),
      id: Type.Optional(Type.String()),
      range: Type.Optional(Type.Array(Type.Integer())),
      treeSize: Type.Optional(Type.Integer()),
      detail: Type.String(),
    }),
  ),
});
