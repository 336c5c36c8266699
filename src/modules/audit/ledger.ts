import type { Clock } from '../../shared/clock.ts';
import { inTransaction, type Db } from '../../db/index.ts';
import type { SigningKey } from '../../shared/keys.ts';
import { consistencyProof, inclusionProofs, leafHash, MerkleFrontier, sm3, verifyInclusion } from '../../shared/merkle.ts';
import { sm2Sign, sm2Verify } from '../../shared/sm2.ts';
import * as repo from './repo.ts';
import type { AuditEntryRow } from './repo.ts';

/** How many entries one sequencing transaction takes; bounded so a backlog never holds a long lock. */
const SEQUENCE_BATCH = 2000;

export interface SignedTreeHead {
  treeSize: number;
  /** SM3 Merkle root, hex. */
  rootHash: string;
  signedAt: string;
  keyId: string;
  /** SM2 signature (DER, hex) over `treeHeadMessage`. */
  signature: string;
}

/** The exact bytes a tree head signature covers. */
export function treeHeadMessage(head: Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'signedAt'>): string {
  return JSON.stringify(['chengxin.audit.tree-head.v1', head.treeSize, head.rootHash, head.signedAt]);
}

/** The fields of an entry that its leaf hash covers, in a fixed order: the canonical leaf. */
export function canonicalLeaf(entry: AuditEntryRow, seq: number): string {
  return JSON.stringify([
    'chengxin.audit.entry.v1',
    seq,
    entry.id,
    entry.at,
    entry.actorUserId,
    entry.actorRole,
    entry.actorDepartmentId,
    entry.action,
    entry.subjectKind,
    entry.subjectId,
    entry.data,
    entry.purpose,
    entry.legalBasis,
    entry.result,
    entry.requestId,
  ]);
}

export function entryLeafHash(entry: AuditEntryRow, seq: number): Buffer {
  return leafHash(sm3, Buffer.from(canonicalLeaf(entry, seq), 'utf8'));
}

export function verifyTreeHeadSignature(head: SignedTreeHead, publicKey: string): boolean {
  return sm2Verify(treeHeadMessage(head), head.signature, publicKey);
}

export interface LedgerProblem {
  kind: 'removed' | 'altered' | 'reordered' | 'rewritten' | 'head_signature' | 'head_missing' | 'head_beyond_log' | 'unknown_key';
  /** Position in the log, when the problem is one entry. */
  seq?: number;
  id?: string;
  /** For a rewritten range: the entries between two signed heads, one of which no longer matches. */
  range?: [number, number];
  treeSize?: number;
  detail: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  headsChecked: number;
  /** Entries written but not yet sequenced into the tree (sequenced within the head interval). */
  pending: number;
  latestHead: SignedTreeHead | null;
  problems: LedgerProblem[];
}

export interface InclusionProof {
  seq: number;
  leafHash: string;
  treeSize: number;
  proof: string[];
}

/**
 * The tamper-evident side of the access log, in the Certificate Transparency style (RFC 9162
 * structure, SM3 as the hash): entries are sequenced into a Merkle tree, tree heads are signed
 * with SM2, and any entry's inclusion or any two heads' consistency can be proven.
 */
export class AuditLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly signing: SigningKey,
  ) {}

  /** Gives unsequenced entries their tree positions and leaf hashes; returns how many it took. */
  async sequencePending(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await inTransaction(this.db, async (tx) => {
        const now = this.clock.now().toISOString();
        const state = await repo.lockLedgerState(tx, now);
        const pending = await repo.listUnsequenced(tx, SEQUENCE_BATCH);
        if (pending.length === 0) return 0;
        const frontier = new MerkleFrontier(sm3, { size: state.treeSize, frontier: JSON.parse(state.frontier) as string[] });
        for (const entry of pending) {
          const seq = frontier.size;
          const hash = entryLeafHash(entry, seq);
          await repo.assignSequence(tx, entry.id, seq, hash.toString('hex'));
          frontier.append(hash);
        }
        const { size, frontier: nodes } = frontier.toJSON();
        await repo.saveLedgerState(tx, size, JSON.stringify(nodes), now);
        return pending.length;
      });
      total += taken;
      if (taken < SEQUENCE_BATCH) return total;
    }
  }

  /** Sequences what is pending and signs a head when the tree has grown since the last one. */
  async signTreeHead(): Promise<SignedTreeHead | null> {
    await this.sequencePending();
    return inTransaction(this.db, async (tx) => {
      const now = this.clock.now().toISOString();
      const state = await repo.lockLedgerState(tx, now);
      const latest = await repo.latestTreeHead(tx);
      if (state.treeSize === 0 || (latest && latest.treeSize >= state.treeSize)) return null;
      const frontier = new MerkleFrontier(sm3, { size: state.treeSize, frontier: JSON.parse(state.frontier) as string[] });
      const unsigned = { treeSize: state.treeSize, rootHash: frontier.root().toString('hex'), signedAt: now };
      const head: SignedTreeHead = { ...unsigned, keyId: this.signing.keyId, signature: sm2Sign(treeHeadMessage(unsigned), this.signing.privateKey) };
      await repo.recordSigningKey(tx, { keyId: this.signing.keyId, publicKey: this.signing.publicKey, firstUsedAt: now });
      await repo.insertTreeHead(tx, head);
      return head;
    });
  }

  latestHead(): Promise<SignedTreeHead | undefined> {
    return repo.latestTreeHead(this.db);
  }

  heads(): Promise<SignedTreeHead[]> {
    return repo.listTreeHeads(this.db);
  }

  publicKey(): { keyId: string; publicKey: string } {
    return { keyId: this.signing.keyId, publicKey: this.signing.publicKey };
  }

  private async leafHashes(treeSize: number): Promise<Buffer[]> {
    const rows = await repo.leafHashesBelow(this.db, treeSize);
    if (rows.length !== treeSize) throw new Error(`access log has ${rows.length} sequenced entries below ${treeSize}; run \`chengxin audit verify\``);
    return rows.map((r) => Buffer.from(r.leafHash, 'hex'));
  }

  /** Inclusion proofs for the given positions against one tree size (reads and hashes the tree once). */
  async inclusionProofs(seqs: number[], treeSize: number): Promise<InclusionProof[]> {
    if (seqs.length === 0) return [];
    const leaves = await this.leafHashes(treeSize);
    const proofs = inclusionProofs(sm3, leaves, seqs, treeSize);
    return seqs.map((seq, i) => ({ seq, leafHash: leaves[seq]!.toString('hex'), treeSize, proof: proofs[i]!.map((b) => b.toString('hex')) }));
  }

  async consistency(oldSize: number, newSize: number): Promise<string[]> {
    const leaves = await this.leafHashes(newSize);
    return consistencyProof(sm3, leaves, oldSize, newSize).map((b) => b.toString('hex'));
  }

  /**
   * Checks the whole log against the signed heads: every entry is recomputed from its content,
   * so a changed field, a deleted entry or a swapped order is named by position; an entry whose
   * stored leaf hash was rewritten along with its content is caught by the first signed head
   * that no longer matches, and reported as the range that head covers. `trustedHeads` (from an
   * external witness file) are checked too, so deleting or replacing heads in the database is seen.
   */
  async verify(options: { trustedPublicKeys?: string[]; trustedHeads?: SignedTreeHead[] } = {}): Promise<LedgerReport> {
    const problems: LedgerProblem[] = [];
    const keys = new Map<string, string>();
    for (const k of await repo.listSigningKeys(this.db)) keys.set(k.keyId, k.publicKey);
    // Keys from the database are only trusted if configuration vouches for them.
    const trusted = new Set([this.signing.publicKey, ...(options.trustedPublicKeys ?? [])]);
    const heads = await repo.listTreeHeads(this.db);
    for (const head of heads) {
      const publicKey = keys.get(head.keyId);
      if (!publicKey || !trusted.has(publicKey)) problems.push({ kind: 'unknown_key', treeSize: head.treeSize, detail: `tree head ${head.treeSize} is signed by key ${head.keyId}, which is not a trusted key` });
      else if (!verifyTreeHeadSignature(head, publicKey)) problems.push({ kind: 'head_signature', treeSize: head.treeSize, detail: `tree head ${head.treeSize} has an invalid signature` });
    }
    const headBySize = new Map(heads.map((h) => [h.treeSize, h]));
    for (const witnessed of options.trustedHeads ?? []) {
      const stored = headBySize.get(witnessed.treeSize);
      if (!stored || stored.rootHash !== witnessed.rootHash) {
        problems.push({ kind: 'head_missing', treeSize: witnessed.treeSize, detail: `the witnessed tree head ${witnessed.treeSize} is ${stored ? 'different' : 'missing'} in the database` });
      }
      if (!stored) headBySize.set(witnessed.treeSize, witnessed);
    }
    const checkSizes = [...headBySize.keys()].sort((a, b) => a - b);

    // One pass over the entries in tree order: recompute each leaf, fold it into a frontier and
    // compare the root at every head size.
    const frontier = new MerkleFrontier(sm3);
    const mismatched: { entry: AuditEntryRow; seq: number }[] = [];
    let expected = 0;
    let headIndex = 0;
    let lastGoodSize = 0;
    // Once a head fails, every later head fails with it; the first failure locates the rewrite.
    let rewriteFound = false;
    const checkHeadsUpTo = (size: number) => {
      while (headIndex < checkSizes.length && checkSizes[headIndex]! <= size) {
        const headSize = checkSizes[headIndex]!;
        if (headSize === size) {
          const head = headBySize.get(headSize)!;
          if (frontier.root().toString('hex') !== head.rootHash) {
            if (!rewriteFound) problems.push({ kind: 'rewritten', range: [lastGoodSize, headSize - 1], treeSize: headSize, detail: `entries ${lastGoodSize}–${headSize - 1} no longer match the tree head signed at size ${headSize}` });
            rewriteFound = true;
          } else {
            lastGoodSize = headSize;
          }
        }
        headIndex += 1;
      }
    };
    for (let from = 0; ; ) {
      const page = await repo.listSequencedPage(this.db, from, 5000);
      if (page.length === 0) break;
      for (const entry of page) {
        const seq = Number(entry.seq);
        if (seq > expected) {
          for (let missing = expected; missing < seq; missing++) {
            problems.push({ kind: 'removed', seq: missing, detail: `entry ${missing} is missing from the log` });
            frontier.append(Buffer.alloc(32));
            checkHeadsUpTo(frontier.size);
          }
        }
        const recomputed = entryLeafHash(entry, seq);
        if (recomputed.toString('hex') !== entry.leafHash) mismatched.push({ entry, seq });
        frontier.append(recomputed);
        checkHeadsUpTo(frontier.size);
        expected = seq + 1;
      }
      from = expected;
    }
    if (checkSizes.length && checkSizes[checkSizes.length - 1]! > frontier.size) {
      const beyond = checkSizes[checkSizes.length - 1]!;
      problems.push({ kind: 'head_beyond_log', range: [frontier.size, beyond - 1], treeSize: beyond, detail: `a signed head covers ${beyond} entries but the log holds ${frontier.size}: entries ${frontier.size}–${beyond - 1} were removed` });
    }

    // A mismatching entry whose content fits another mismatching position was moved there.
    const positions = mismatched.map((m) => m.seq);
    for (const { entry, seq } of mismatched) {
      const original = positions.find((p) => p !== seq && entryLeafHash(entry, p).toString('hex') === entry.leafHash);
      if (original !== undefined) problems.push({ kind: 'reordered', seq, id: entry.id, detail: `entry ${entry.id} was moved from position ${original} to ${seq}` });
      else problems.push({ kind: 'altered', seq, id: entry.id, detail: `entry ${seq} (${entry.id}) was changed after it was logged` });
    }
    // A head range already explained by a named entry needs no second, vaguer report.
    const named = problems.filter((p) => p.seq !== undefined).map((p) => p.seq!);
    const explained = (p: LedgerProblem) => p.kind === 'rewritten' && named.some((seq) => seq >= p.range![0] && seq <= p.range![1]);
    const reported = problems.filter((p) => !explained(p));
    reported.sort((a, b) => (a.seq ?? a.range?.[0] ?? a.treeSize ?? 0) - (b.seq ?? b.range?.[0] ?? b.treeSize ?? 0));
    const latest = heads[heads.length - 1] ?? null;
    return { ok: reported.length === 0, entries: frontier.size, headsChecked: checkSizes.length, pending: await repo.countUnsequenced(this.db), latestHead: latest, problems: reported };
  }
}

/** Checks an inclusion proof offline: the entry's content, its position and the signed head it is proven against. */
export function verifyEntryInclusion(entry: AuditEntryRow, proof: InclusionProof, head: SignedTreeHead, publicKey: string): { ok: boolean; reason?: string } {
  if (!verifyTreeHeadSignature(head, publicKey)) return { ok: false, reason: 'tree head signature invalid' };
  if (proof.treeSize !== head.treeSize) return { ok: false, reason: 'proof is for another tree size' };
  const recomputed = entryLeafHash(entry, proof.seq);
  if (recomputed.toString('hex') !== proof.leafHash) return { ok: false, reason: 'entry content does not match its leaf hash' };
  const ok = verifyInclusion(sm3, recomputed, proof.seq, proof.treeSize, proof.proof.map((p) => Buffer.from(p, 'hex')), Buffer.from(head.rootHash, 'hex'));
  return ok ? { ok } : { ok: false, reason: 'inclusion proof does not lead to the signed root' };
}
