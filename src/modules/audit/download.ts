import type { Clock } from '../../shared/clock.ts';
import type { AuditLog } from './service.ts';
import { verifyEntryInclusion, type AuditLedger, type InclusionProof, type SignedTreeHead } from './ledger.ts';
import type { AuditEntryRow } from './repo.ts';

export const ACCESS_LOG_FORMAT = 'chengxin.access-log.v1';

type LoggedEntry = Omit<AuditEntryRow, 'seq' | 'leafHash'>;

/**
 * A person's own access log as a file they can keep and check offline: every entry about them,
 * each with an inclusion proof against one SM2-signed tree head, and the platform's public key.
 */
export interface AccessLogDownload {
  format: typeof ACCESS_LOG_FORMAT;
  subject: { kind: 'person' | 'organization'; id: string };
  generatedAt: string;
  publicKey: string;
  keyId: string;
  treeHead: SignedTreeHead | null;
  entries: { entry: LoggedEntry; proof: InclusionProof | null }[];
}

export async function buildAccessLogDownload(
  deps: { audit: AuditLog; ledger: AuditLedger; clock: Clock },
  subject: { kind: 'person' | 'organization'; id: string },
): Promise<AccessLogDownload> {
  // Sign first so the newest reads are covered rather than left pending.
  await deps.ledger.signTreeHead();
  const head = (await deps.ledger.latestHead()) ?? null;
  const rows = await deps.audit.rowsForSubject(subject.kind, subject.id);
  const provable = head ? rows.filter((r) => r.seq !== null && r.seq !== undefined && Number(r.seq) < head.treeSize) : [];
  const proofs = head ? await deps.ledger.inclusionProofs(provable.map((r) => Number(r.seq)), head.treeSize) : [];
  const proofBySeq = new Map(proofs.map((p) => [p.seq, p]));
  const { publicKey, keyId } = deps.ledger.publicKey();
  return {
    format: ACCESS_LOG_FORMAT,
    subject,
    generatedAt: deps.clock.now().toISOString(),
    publicKey,
    keyId,
    treeHead: head,
    entries: rows.map(({ seq, leafHash: _leafHash, ...entry }) => ({ entry, proof: seq === null || seq === undefined ? null : (proofBySeq.get(Number(seq)) ?? null) })),
  };
}

export interface DownloadCheck {
  ok: boolean;
  checked: number;
  /** Entries too recent to be covered by the signed head in the file. */
  pending: number;
  failures: { id: string; seq: number | null; reason: string }[];
}

/**
 * Checks a downloaded access log without the platform: the head's SM2 signature under the given
 * public key (the platform publishes it; the file's own copy is used only when none is given) and
 * each entry's inclusion proof.
 */
export function checkAccessLogDownload(doc: AccessLogDownload, trustedPublicKey?: string): DownloadCheck {
  const failures: DownloadCheck['failures'] = [];
  if (doc.format !== ACCESS_LOG_FORMAT) return { ok: false, checked: 0, pending: 0, failures: [{ id: '-', seq: null, reason: `unknown format ${String(doc.format)}` }] };
  const publicKey = trustedPublicKey ?? doc.publicKey;
  let checked = 0;
  let pending = 0;
  for (const { entry, proof } of doc.entries) {
    if (!proof) {
      pending += 1;
      continue;
    }
    if (!doc.treeHead) {
      failures.push({ id: entry.id, seq: proof.seq, reason: 'proof without a signed tree head' });
      continue;
    }
    const result = verifyEntryInclusion({ ...entry, seq: proof.seq, leafHash: proof.leafHash }, proof, doc.treeHead, publicKey);
    checked += 1;
    if (!result.ok) failures.push({ id: entry.id, seq: proof.seq, reason: result.reason ?? 'invalid' });
  }
  return { ok: failures.length === 0, checked, pending, failures };
}
