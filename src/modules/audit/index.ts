export { AuditLog, type AuditEntry, type AuditEvent, type AuditResult } from './service.ts';
export {
  AuditLedger,
  canonicalLeaf,
  entryLeafHash,
  treeHeadMessage,
  verifyEntryInclusion,
  verifyTreeHeadSignature,
  type InclusionProof,
  type LedgerProblem,
  type LedgerReport,
  type SignedTreeHead,
} from './ledger.ts';
export type { AuditEntryRow } from './repo.ts';
