import { createHash } from 'node:crypto';

/**
 * Merkle trees as defined by RFC 9162 (Certificate Transparency 2.0) §2.1, with the hash
 * function as a parameter: the audit log uses SM3 (DESIGN.md, decision 6); SHA-256 is here so
 * the tests can check the Certificate Transparency reference vectors.
 *
 * Sizes and indexes are plain numbers: every function checks they are safe integers, and the
 * bit arithmetic uses division rather than `>>`, which would wrap at 2^31.
 */
export type HashFn = (data: Uint8Array) => Buffer;

export const sm3: HashFn = (data) => createHash('sm3').update(data).digest();
export const sha256: HashFn = (data) => createHash('sha256').update(data).digest();

// RFC 9162 §2.1.1: domain separation between leaves and interior nodes (second-preimage defence).
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({d}) = HASH(0x00 || d). */
export function leafHash(h: HashFn, leaf: Uint8Array): Buffer {
  return h(Buffer.concat([LEAF_PREFIX, leaf]));
}

/** HASH(0x01 || left || right). */
export function nodeHash(h: HashFn, left: Uint8Array, right: Uint8Array): Buffer {
  return h(Buffer.concat([NODE_PREFIX, left, right]));
}

/** MTH({}) = HASH(), the root of the empty tree. */
export function emptyRoot(h: HashFn): Buffer {
  return h(new Uint8Array(0));
}

const hashLengths = new WeakMap<HashFn, number>();

/** Output length of `h` in bytes; verifiers reject any hash of another length. */
function hashLength(h: HashFn): number {
  let length = hashLengths.get(h);
  if (length === undefined) {
    length = emptyRoot(h).length;
    hashLengths.set(h, length);
  }
  return length;
}

const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** The largest power of two smaller than n (n ≥ 2): the RFC's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkRange(leafHashes: readonly Uint8Array[], start: number, end: number): void {
  if (!isSize(start) || !isSize(end) || start > end || end > leafHashes.length) {
    throw new RangeError(`invalid leaf range [${start}, ${end}) over ${leafHashes.length} leaves`);
  }
}

function mth(h: HashFn, leafHashes: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return emptyRoot(h);
  if (n === 1) return Buffer.from(leafHashes[start]!);
  const k = splitPoint(n);
  return nodeHash(h, mth(h, leafHashes, start, start + k), mth(h, leafHashes, start + k, end));
}

/** MTH(D[start:end]) over already-hashed leaves (RFC 9162 §2.1.1). Recursion depth is log2(n). */
export function rootFromLeafHashes(h: HashFn, leafHashes: readonly Uint8Array[], start = 0, end = leafHashes.length): Buffer {
  checkRange(leafHashes, start, end);
  return mth(h, leafHashes, start, end);
}

/** PATH(m, D[start:end]), RFC 9162 §2.1.3.1; m is relative to start. */
function path(h: HashFn, leafHashes: readonly Uint8Array[], m: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...path(h, leafHashes, m, start, start + k), mth(h, leafHashes, start + k, end)];
  return [...path(h, leafHashes, m - k, start + k, end), mth(h, leafHashes, start, start + k)];
}

/**
 * The audit path proving that leaf `index` is in the tree of the first `treeSize` leaves,
 * ordered from the leaf's sibling up to the root's child (RFC 9162 §2.1.3.1). Costs about
 * `treeSize` hashes.
 */
export function inclusionProof(h: HashFn, leafHashes: readonly Uint8Array[], index: number, treeSize: number): Buffer[] {
  checkRange(leafHashes, 0, treeSize);
  if (!isSize(index) || index >= treeSize) throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  return path(h, leafHashes, index, 0, treeSize);
}

/**
 * Inclusion proofs for many leaves of one tree at once: the tree's levels are hashed once
 * (about `treeSize` hashes in all) instead of once per proof. An odd node at the end of a level
 * is carried up unchanged, which gives exactly the RFC 9162 tree; each path then lists the
 * existing siblings from the leaf up, the order §2.1.3.1 defines.
 */
export function inclusionProofs(h: HashFn, leafHashes: readonly Uint8Array[], indices: readonly number[], treeSize: number): Buffer[][] {
  checkRange(leafHashes, 0, treeSize);
  for (const index of indices) if (!isSize(index) || index >= treeSize) throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  const levels: Buffer[][] = [leafHashes.slice(0, treeSize).map((x) => Buffer.from(x))];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const level: Buffer[] = [];
    for (let i = 0; i < below.length; i += 2) level.push(i + 1 < below.length ? nodeHash(h, below[i]!, below[i + 1]!) : below[i]!);
    levels.push(level);
  }
  return indices.map((leaf) => {
    const proof: Buffer[] = [];
    let index = leaf;
    for (const level of levels.slice(0, -1)) {
      const sibling = index ^ 1;
      if (sibling < level.length) proof.push(level[sibling]!);
      index = Math.floor(index / 2);
    }
    return proof;
  });
}

function hasLength(length: number, ...hashes: readonly Uint8Array[]): boolean {
  return hashes.every((x) => x instanceof Uint8Array && x.length === length);
}

/** RFC 9162 §2.1.3.2, step by step. Returns false (never throws) for any malformed input. */
export function verifyInclusion(
  h: HashFn,
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(treeSize) || !Array.isArray(proof)) return false;
  if (!hasLength(hashLength(h), leafHash, root, ...proof)) return false;
  // 1. leaf_index must be smaller than tree_size.
  if (index >= treeSize) return false;
  // 2.–3.
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  // 4.
  for (const p of proof) {
    // 4a. A proof longer than the path fails.
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      // 4b. p is a left sibling.
      r = nodeHash(h, p, r);
      // If LSB(fn) is not set, shift until it is or fn is 0 (skips the levels where the
      // right edge of the tree has no sibling).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(h, r, p);
    }
    // 4c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. A proof shorter than the path leaves sn above 0.
  return sn === 0 && r.equals(root);
}

/** SUBPROOF(m, D[start:end], b), RFC 9162 §2.1.4.1; m is relative to start. */
function subproof(h: HashFn, leafHashes: readonly Uint8Array[], m: number, start: number, end: number, isWholeOldTree: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return isWholeOldTree ? [] : [mth(h, leafHashes, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(h, leafHashes, m, start, start + k, isWholeOldTree), mth(h, leafHashes, start + k, end)];
  return [...subproof(h, leafHashes, m - k, start + k, end, false), mth(h, leafHashes, start, start + k)];
}

/**
 * PROOF(oldSize, D[newSize]) (RFC 9162 §2.1.4.1): shows that the tree of the first `oldSize`
 * leaves is a prefix of the tree of the first `newSize`. Empty when the sizes are equal; the RFC
 * defines no proof from the empty tree, so oldSize must be at least 1.
 */
export function consistencyProof(h: HashFn, leafHashes: readonly Uint8Array[], oldSize: number, newSize: number): Buffer[] {
  checkRange(leafHashes, 0, newSize);
  if (!isSize(oldSize) || oldSize < 1 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from tree size ${oldSize} to ${newSize}`);
  }
  return subproof(h, leafHashes, oldSize, 0, newSize, true);
}

const isPowerOfTwo = (n: number): boolean => {
  while (n > 1 && !isOdd(n)) n = half(n);
  return n === 1;
};

/**
 * RFC 9162 §2.1.4.2, step by step. Equal sizes need an empty proof and equal roots; oldSize 0
 * and oldSize > newSize are refused. Returns false (never throws) for any malformed input.
 */
export function verifyConsistency(
  h: HashFn,
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || !Array.isArray(proof)) return false;
  if (!hasLength(hashLength(h), oldRoot, newRoot, ...proof)) return false;
  if (oldSize < 1 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  // 1.
  if (proof.length === 0) return false;
  // 2. The old tree is a perfect subtree of the new one: its root is the path's first node.
  const nodes = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // 3.–4.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Buffer = Buffer.from(nodes[0]!);
  let sr = fr;
  // 6.
  for (const c of nodes.slice(1)) {
    // 6a.
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      // 6b.
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    // 6c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/** Stored form of a MerkleFrontier: the tree size and its perfect-subtree roots in hex, left to right. */
export interface MerkleFrontierState {
  size: number;
  frontier: string[];
}

function countOnes(n: number): number {
  let ones = 0;
  for (; n > 0; n = half(n)) if (isOdd(n)) ones++;
  return ones;
}

/**
 * An append-only accumulator: the roots of the perfect subtrees the tree of `size` leaves
 * decomposes into (one per set bit of `size`, largest first). Appending a leaf and computing
 * the root need only these log2(size) hashes, so a log can grow without rereading its leaves.
 */
export class MerkleFrontier {
  private readonly nodes: Buffer[];
  private count: number;

  constructor(
    private readonly h: HashFn,
    state?: MerkleFrontierState,
  ) {
    this.count = state?.size ?? 0;
    const hex = state?.frontier ?? [];
    const length = hashLength(h);
    if (!isSize(this.count) || !Array.isArray(hex) || hex.length !== countOnes(this.count)) {
      throw new RangeError(`corrupt Merkle frontier: ${hex.length} nodes for size ${String(this.count)}`);
    }
    this.nodes = hex.map((node) => {
      if (typeof node !== 'string' || node.length !== length * 2 || !/^[0-9a-f]*$/i.test(node)) {
        throw new RangeError(`corrupt Merkle frontier node "${String(node)}"`);
      }
      return Buffer.from(node, 'hex');
    });
  }

  get size(): number {
    return this.count;
  }

  append(leafHash: Uint8Array): void {
    if (!hasLength(hashLength(this.h), leafHash)) throw new RangeError('leaf hash has the wrong length');
    this.nodes.push(Buffer.from(leafHash));
    // Each trailing 1-bit of the old size is a subtree of the same height as the new one: merge.
    for (let s = this.count; isOdd(s); s = half(s)) {
      const right = this.nodes.pop()!;
      const left = this.nodes.pop()!;
      this.nodes.push(nodeHash(this.h, left, right));
    }
    this.count++;
  }

  /** MTH of the whole tree: the subtree roots folded from the right (RFC 9162 §2.1.1). */
  root(): Buffer {
    if (this.nodes.length === 0) return emptyRoot(this.h);
    let r = this.nodes[this.nodes.length - 1]!;
    for (let i = this.nodes.length - 2; i >= 0; i--) r = nodeHash(this.h, this.nodes[i]!, r);
    return r;
  }

  toJSON(): MerkleFrontierState {
    return { size: this.count, frontier: this.nodes.map((node) => node.toString('hex')) };
  }
}
