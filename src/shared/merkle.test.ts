import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sm3Hex } from './crypto.ts';
import {
  inclusionProofs,
  consistencyProof,
  emptyRoot,
  type HashFn,
  inclusionProof,
  leafHash,
  MerkleFrontier,
  type MerkleFrontierState,
  nodeHash,
  rootFromLeafHashes,
  sha256,
  sm3,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const hexes = (list: readonly Buffer[]): string[] => list.map((b) => b.toString('hex'));

// Certificate Transparency reference tree (RFC 6962 implementations), SHA-256. Leaves, node
// hashes, roots and compact trees from transparency-dev/merkle testonly/constants.go; the
// proofs from transparency-dev/merkle proof/verify_test.go (which numbers leaves from 1 there).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const CT_NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
] as const;
const node = (level: number, i: number): string => (CT_NODES[level] as readonly string[])[i]!;
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const ctRoot = (size: number): Buffer => hex(CT_ROOTS[size]!);
// testonly/constants.go CompactTrees(): the perfect-subtree roots of each tree size.
const CT_COMPACT = [
  [],
  [node(0, 0)],
  [node(1, 0)],
  [node(1, 0), node(0, 2)],
  [node(2, 0)],
  [node(2, 0), node(0, 4)],
  [node(2, 0), node(1, 2)],
  [node(2, 0), node(1, 2), node(0, 6)],
  [node(3, 0)],
];
const CT_INCLUSION = [
  { index: 0, size: 8, proof: [node(0, 1), node(1, 1), node(2, 1)] },
  { index: 5, size: 8, proof: [node(0, 4), node(1, 3), node(2, 0)] },
  { index: 2, size: 3, proof: [node(1, 0)] },
  { index: 1, size: 5, proof: [node(0, 0), node(1, 1), node(0, 4)] },
];
const CT_CONSISTENCY = [
  { oldSize: 1, newSize: 1, proof: [] },
  { oldSize: 1, newSize: 8, proof: [node(0, 1), node(1, 1), node(2, 1)] },
  { oldSize: 6, newSize: 8, proof: [node(1, 2), node(1, 3), node(2, 0)] },
  { oldSize: 2, newSize: 5, proof: [node(1, 1), node(0, 4)] },
  { oldSize: 6, newSize: 7, proof: [node(1, 2), node(0, 6), node(2, 0)] },
];
// verify_test.go: arbitrary 32-byte values used as "some hash" and the empty-tree root.
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
const EMPTY_HASH = hex(CT_ROOTS[0]!);

const ctLeafHashes = CT_LEAVES.map((leaf) => leafHash(sha256, leaf));

function flipBit(proof: readonly Buffer[], i: number, byte: number, mask: number): Buffer[] {
  const copy = proof.map((p) => Buffer.from(p));
  copy[i]![byte]! ^= mask;
  return copy;
}

/** The corrupted inclusion probes of transparency-dev/merkle proof/verify_test.go (corruptInclusionProof). */
function corruptInclusion(index: number, size: number, proof: Buffer[], root: Buffer, leaf: Buffer) {
  const probes: { desc: string; index: number; size: number; root: Buffer; leaf: Buffer; proof: Buffer[] }[] = [
    { desc: 'index - 1', index: index - 1, size, root, leaf, proof },
    { desc: 'index + 1', index: index + 1, size, root, leaf, proof },
    { desc: 'index ^ 2', index: index ^ 2, size, root, leaf, proof },
    { desc: 'size * 2', index, size: size * 2, root, leaf, proof },
    { desc: 'size / 2', index, size: Math.floor(size / 2), root, leaf, proof },
    { desc: 'wrong leaf', index, size, root, leaf: Buffer.from('WrongLeaf'), proof },
    { desc: 'empty root', index, size, root: EMPTY_HASH, leaf, proof },
    { desc: 'random root', index, size, root: SOME_HASH, leaf, proof },
    { desc: 'trailing garbage', index, size, root, leaf, proof: [...proof, Buffer.alloc(0)] },
    { desc: 'trailing root', index, size, root, leaf, proof: [...proof, root] },
    { desc: 'preceding garbage', index, size, root, leaf, proof: [Buffer.alloc(0), ...proof] },
    { desc: 'preceding root', index, size, root, leaf, proof: [root, ...proof] },
  ];
  proof.forEach((_, i) => probes.push({ desc: `proof[${i}] bit 3`, index, size, root, leaf, proof: flipBit(proof, i, 0, 8) }));
  if (proof.length > 0) probes.push({ desc: 'removed component', index, size, root, leaf, proof: proof.slice(0, -1) });
  if (proof.length > 1) probes.push({ desc: 'inserted component', index, size, root, leaf, proof: [proof[0]!, SOME_HASH, ...proof.slice(1)] });
  return probes;
}

/** The corrupted consistency probes of transparency-dev/merkle proof/verify_test.go (corruptConsistencyProof). */
function corruptConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]) {
  const wrongRoot = Buffer.from('WrongRoot');
  const probes: { desc: string; size1: number; size2: number; root1: Buffer; root2: Buffer; proof: Buffer[] }[] = [
    { desc: 'size1 - 1', size1: size1 - 1, size2, root1, root2, proof },
    { desc: 'size1 + 1', size1: size1 + 1, size2, root1, root2, proof },
    { desc: 'size1 ^ 2', size1: size1 ^ 2, size2, root1, root2, proof },
    { desc: 'size2 * 2', size1, size2: size2 * 2, root1, root2, proof },
    { desc: 'size2 / 2', size1, size2: Math.floor(size2 / 2), root1, root2, proof },
    { desc: 'wrong root1', size1, size2, root1: wrongRoot, root2, proof },
    { desc: 'wrong root2', size1, size2, root1, root2: wrongRoot, proof },
    { desc: 'swapped roots', size1, size2, root1: root2, root2: root1, proof },
    { desc: 'empty proof', size1, size2, root1, root2, proof: [] },
    { desc: 'trailing garbage', size1, size2, root1, root2, proof: [...proof, Buffer.alloc(0)] },
    { desc: 'trailing root1', size1, size2, root1, root2, proof: [...proof, root1] },
    { desc: 'trailing root2', size1, size2, root1, root2, proof: [...proof, root2] },
    { desc: 'preceding garbage', size1, size2, root1, root2, proof: [Buffer.alloc(0), ...proof] },
    { desc: 'preceding root1', size1, size2, root1, root2, proof: [root1, ...proof] },
    { desc: 'preceding root2', size1, size2, root1, root2, proof: [root2, ...proof] },
    { desc: 'preceding proof[0]', size1, size2, root1, root2, proof: [proof[0]!, ...proof] },
  ];
  if (proof.length > 0) probes.push({ desc: 'truncated proof', size1, size2, root1, root2, proof: proof.slice(0, -1) });
  proof.forEach((_, i) => probes.push({ desc: `proof[${i}] bit 4`, size1, size2, root1, root2, proof: flipBit(proof, i, 0, 16) }));
  return probes;
}

describe('Merkle tree: Certificate Transparency reference vectors (SHA-256)', () => {
  it('hashes the reference leaves to the published leaf hashes', () => {
    expect(hexes(ctLeafHashes)).toEqual(CT_NODES[0]);
  });

  it('computes the published root for every tree size 0..8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(rootFromLeafHashes(sha256, ctLeafHashes, 0, size).toString('hex'), `size ${size}`).toBe(CT_ROOTS[size]);
    }
    expect(emptyRoot(sha256)).toEqual(EMPTY_HASH);
  });

  it('computes the published interior node hashes over sub-ranges', () => {
    for (let level = 1; level < CT_NODES.length; level++) {
      const width = 2 ** level;
      CT_NODES[level]!.forEach((expected, i) => {
        expect(rootFromLeafHashes(sha256, ctLeafHashes, i * width, (i + 1) * width).toString('hex')).toBe(expected);
      });
    }
  });

  it('the frontier holds exactly the published compact tree and root at every size', () => {
    const frontier = new MerkleFrontier(sha256);
    expect(frontier.toJSON()).toEqual({ size: 0, frontier: [] });
    expect(frontier.root()).toEqual(EMPTY_HASH);
    ctLeafHashes.forEach((leaf, i) => {
      frontier.append(leaf);
      expect(frontier.toJSON()).toEqual({ size: i + 1, frontier: CT_COMPACT[i + 1] });
      expect(frontier.root().toString('hex')).toBe(CT_ROOTS[i + 1]);
    });
  });

  it.each(CT_INCLUSION)('produces the published inclusion proof for leaf $index of $size, byte for byte', ({ index, size, proof }) => {
    const ours = inclusionProof(sha256, ctLeafHashes, index, size);
    expect(hexes(ours)).toEqual(proof);
    expect(verifyInclusion(sha256, ctLeafHashes[index]!, index, size, ours, ctRoot(size))).toBe(true);
  });

  it.each(CT_INCLUSION)('rejects every corrupted probe of the reference suite for leaf $index of $size', ({ index, size, proof }) => {
    const good = proof.map(hex);
    const accepted = corruptInclusion(index, size, good, ctRoot(size), ctLeafHashes[index]!)
      .filter((p) => verifyInclusion(sha256, p.leaf, p.index, p.size, p.proof, p.root))
      .map((p) => p.desc);
    expect(accepted).toEqual([]);
  });

  it('proves the single leaf of a one-leaf tree with an empty path, and nothing else (TestVerifyInclusionSingleEntry)', () => {
    const hash = leafHash(sha256, Buffer.from('data'));
    expect(inclusionProof(sha256, [hash], 0, 1)).toEqual([]);
    expect(verifyInclusion(sha256, hash, 0, 1, [], hash)).toBe(true);
    expect(verifyInclusion(sha256, Buffer.alloc(0), 0, 1, [], hash)).toBe(false);
    expect(verifyInclusion(sha256, hash, 0, 1, [], Buffer.alloc(0))).toBe(false);
    // Both empty: the RFC steps alone would accept; the hash-length check refuses.
    expect(verifyInclusion(sha256, Buffer.alloc(0), 0, 1, [], Buffer.alloc(0))).toBe(false);
  });

  it('refuses inclusion in empty or too small trees (TestVerifyInclusion probes)', () => {
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion(sha256, SOME_HASH, index, size, [], Buffer.alloc(0))).toBe(false);
      expect(verifyInclusion(sha256, Buffer.alloc(0), index, size, [], EMPTY_HASH)).toBe(false);
      expect(verifyInclusion(sha256, SOME_HASH, index, size, [], EMPTY_HASH)).toBe(false);
    }
  });

  it.each(CT_CONSISTENCY)('produces the published consistency proof from $oldSize to $newSize, byte for byte', ({ oldSize, newSize, proof }) => {
    const ours = consistencyProof(sha256, ctLeafHashes, oldSize, newSize);
    expect(hexes(ours)).toEqual(proof);
    expect(verifyConsistency(sha256, oldSize, newSize, ctRoot(oldSize), ctRoot(newSize), ours)).toBe(true);
  });

  it.each(CT_CONSISTENCY.filter((v) => v.proof.length > 0))(
    'rejects every corrupted probe of the reference suite from $oldSize to $newSize',
    ({ oldSize, newSize, proof }) => {
      const accepted = corruptConsistency(oldSize, newSize, ctRoot(oldSize), ctRoot(newSize), proof.map(hex))
        .filter((p) => verifyConsistency(sha256, p.size1, p.size2, p.root1, p.root2, p.proof))
        .map((p) => p.desc);
      expect(accepted).toEqual([]);
    },
  );

  it('handles the edge cases of TestVerifyConsistency, refusing size 0 as RFC 9162 does', () => {
    const root1 = SOME_HASH;
    const root2 = sha256(Buffer.from('another'));
    const cases: [number, number, Buffer, Buffer, Buffer[], boolean][] = [
      [0, 0, root1, root2, [], false],
      [1, 1, root1, root2, [], false],
      // transparency-dev accepts (0,0) and (0,1) with any roots; RFC 9162 defines no proof from size 0.
      [0, 0, root1, root1, [], false],
      [0, 1, root1, root2, [], false],
      [1, 1, root2, root2, [], true],
      // Time travel to the past.
      [1, 0, root1, root2, [], false],
      [2, 1, root1, root2, [], false],
      // Empty proof.
      [1, 2, root1, root2, [], false],
      // Roots don't match.
      [0, 0, EMPTY_HASH, root2, [], false],
      [1, 1, EMPTY_HASH, root2, [], false],
      // Roots match but the proof is not empty.
      [0, 0, EMPTY_HASH, EMPTY_HASH, [EMPTY_HASH], false],
      [0, 1, EMPTY_HASH, EMPTY_HASH, [EMPTY_HASH], false],
      [1, 1, EMPTY_HASH, EMPTY_HASH, [EMPTY_HASH], false],
    ];
    for (const [size1, size2, r1, r2, proof, expected] of cases) {
      expect(verifyConsistency(sha256, size1, size2, r1, r2, proof), `${size1}->${size2}`).toBe(expected);
    }
  });
});

/** The largest power of two smaller than n, as in the RFC's definitions. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/**
 * The side of each audit-path sibling, leaf upwards, derived from the RFC's recursive PATH
 * definition (independently of the verifier's bit arithmetic). Two (index, size) pairs with the
 * same sides make the verifier compute the very same hash from the same proof.
 */
function siblingSides(index: number, size: number): string {
  if (size === 1) return '';
  const k = split(size);
  return index < k ? `${siblingSides(index, k)}R` : `${siblingSides(index - k, size - k)}L`;
}

interface ConsistencyShape {
  length: number;
  old: string;
  new: string;
}

/**
 * The old and new roots as expressions over the proof's elements p0, p1, … ("O" for the old root
 * when the proof omits it), derived from the RFC's recursive SUBPROOF definition.
 */
function consistencyShape(m: number, n: number): ConsistencyShape {
  if (m === n) return { length: 0, old: 'O', new: 'O' };
  const ranges: string[] = [];
  const sub = (m: number, a: number, b: number, whole: boolean): void => {
    if (m === b - a) {
      if (!whole) ranges.push(`${a}:${b}`);
      return;
    }
    const k = split(b - a);
    if (m <= k) {
      sub(m, a, a + k, whole);
      ranges.push(`${a + k}:${b}`);
    } else {
      sub(m - k, a + k, b, false);
      ranges.push(`${a}:${a + k}`);
    }
  };
  sub(m, 0, n, true);
  const expr = (a: number, b: number): string => {
    const j = ranges.indexOf(`${a}:${b}`);
    if (j >= 0) return `p${j}`;
    if (a === 0 && b === m && isPowerOfTwo(m)) return 'O';
    if (b - a === 1) throw new Error(`leaf ${a} not covered by the proof for ${m}->${n}`);
    const k = split(b - a);
    return `(${expr(a, a + k)},${expr(a + k, b)})`;
  };
  return { length: ranges.length, old: expr(0, m), new: expr(0, n) };
}

/**
 * Whether a verifier should accept the honest proof for (m, n), with its roots, when told the
 * sizes are (m2, n2): exactly when it would recompute the same two roots from the same values.
 */
function sameComputation(m: number, n: number, m2: number, n2: number): boolean {
  if (m2 < 1 || m2 > n2) return false;
  const honest = consistencyShape(m, n);
  const claimed = consistencyShape(m2, n2);
  // The verifier is handed the honest old root wherever the claimed shape uses "O".
  const given = (e: string) => e.replaceAll('O', honest.old);
  return claimed.length === honest.length && given(claimed.old) === honest.old && given(claimed.new) === honest.new;
}

const MAX = 20;
const leaves = Array.from({ length: MAX + 8 }, (_, i) => leafHash(sha256, Buffer.from(`entry ${i}`)));
const roots = Array.from({ length: leaves.length + 1 }, (_, size) => rootFromLeafHashes(sha256, leaves, 0, size));

/** Structural mutations of a proof: each must fail wherever it changes the proof. */
function mutations(proof: readonly Buffer[], root: Buffer): { desc: string; proof: Buffer[] }[] {
  const out: { desc: string; proof: Buffer[] }[] = [];
  proof.forEach((_, i) => {
    out.push({ desc: `flip first bit of [${i}]`, proof: flipBit(proof, i, 0, 0x80) });
    out.push({ desc: `flip last bit of [${i}]`, proof: flipBit(proof, i, 31, 0x01) });
    out.push({ desc: `drop [${i}]`, proof: proof.filter((__, j) => j !== i) });
    out.push({ desc: `duplicate [${i}]`, proof: [...proof.slice(0, i + 1), ...proof.slice(i)] });
    out.push({ desc: `replace [${i}] with the root`, proof: proof.map((p, j) => (j === i ? root : p)) });
    if (i > 0) {
      const swapped = [...proof];
      [swapped[i - 1], swapped[i]] = [swapped[i]!, swapped[i - 1]!];
      out.push({ desc: `swap [${i - 1}] and [${i}]`, proof: swapped });
    }
  });
  if (proof.length > 1) out.push({ desc: 'reversed', proof: [...proof].reverse() });
  out.push({ desc: 'append a hash', proof: [...proof, SOME_HASH] });
  out.push({ desc: 'append the root', proof: [...proof, root] });
  out.push({ desc: 'prepend a hash', proof: [SOME_HASH, ...proof] });
  out.push({ desc: 'prepend the root', proof: [root, ...proof] });
  out.push({ desc: 'append a short element', proof: [...proof, Buffer.alloc(31)] });
  out.push({ desc: 'append a long element', proof: [...proof, Buffer.alloc(33)] });
  return out;
}

describe(`Merkle tree: every proof up to ${MAX} leaves, and forged ones`, () => {
  it('every inclusion proof verifies; no mutated proof, other leaf or other root does', () => {
    let checked = 0;
    for (let size = 1; size <= MAX; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(sha256, leaves, index, size);
        const root = roots[size]!;
        const leaf = leaves[index]!;
        expect(verifyInclusion(sha256, leaf, index, size, proof, root), `${index}/${size}`).toBe(true);
        for (const m of mutations(proof, root)) {
          expect(verifyInclusion(sha256, leaf, index, size, m.proof, root), `${index}/${size}: ${m.desc}`).toBe(false);
          checked++;
        }
        for (let other = 0; other <= size; other++) {
          if (other !== index) expect(verifyInclusion(sha256, leaves[other]!, index, size, proof, root), `${index}/${size}: leaf ${other}`).toBe(false);
          if (other !== size) expect(verifyInclusion(sha256, leaf, index, size, proof, roots[other]!), `${index}/${size}: root ${other}`).toBe(false);
          checked += 2;
        }
        // The root of a bigger tree is not a leaf of it: it must not pass as one.
        if (size > 1) expect(verifyInclusion(sha256, root, index, size, proof, root)).toBe(false);
        expect(verifyInclusion(sha256, sha256(leaves[index]!), index, size, proof, root)).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('no inclusion proof verifies at any other index of the same tree', () => {
    for (let size = 1; size <= MAX; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(sha256, leaves, index, size);
        for (let other = 0; other < size + 4; other++) {
          if (other === index) continue;
          expect(verifyInclusion(sha256, leaves[index]!, other, size, proof, roots[size]!), `${index}/${size} as ${other}`).toBe(false);
          expect(verifyInclusion(sha256, leaves[other]!, other, size, proof, roots[size]!), `${index}/${size} for leaf ${other}`).toBe(false);
        }
      }
    }
  });

  it('an inclusion proof verifies under another tree size only when the path has the very same shape', () => {
    // RFC 6962/9162 proofs do not bind the size: a signed tree head does, so the ledger signs
    // size and root together. What must hold: a wrong size passes only if the verifier performs
    // exactly the computation of the true size (same sides, same length); every other wrong size fails.
    let refused = 0;
    for (let size = 1; size <= MAX; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(sha256, leaves, index, size);
        for (let claimed = 0; claimed <= MAX + 8; claimed++) {
          if (claimed === size) continue;
          const expected = index < claimed && siblingSides(index, claimed) === siblingSides(index, size);
          expect(verifyInclusion(sha256, leaves[index]!, index, claimed, proof, roots[size]!), `${index}/${size} as size ${claimed}`).toBe(expected);
          if (!expected) refused++;
        }
        expect(verifyInclusion(sha256, leaves[index]!, index, size * 2, proof, roots[size]!)).toBe(size === 1 ? false : siblingSides(index, size * 2) === siblingSides(index, size));
      }
    }
    expect(refused).toBeGreaterThan(3000);
  });

  it('every consistency proof verifies; no mutated proof, swapped or substituted root does', () => {
    for (let newSize = 1; newSize <= MAX; newSize++) {
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = consistencyProof(sha256, leaves, oldSize, newSize);
        const oldRoot = roots[oldSize]!;
        const newRoot = roots[newSize]!;
        expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, newRoot, proof), `${oldSize}->${newSize}`).toBe(true);
        for (const m of [...mutations(proof, oldRoot), ...mutations(proof, newRoot)]) {
          expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, newRoot, m.proof), `${oldSize}->${newSize}: ${m.desc}`).toBe(false);
        }
        if (oldSize < newSize) expect(verifyConsistency(sha256, oldSize, newSize, newRoot, oldRoot, proof), `${oldSize}->${newSize}: swapped roots`).toBe(false);
        for (let other = 0; other <= MAX + 8; other++) {
          if (other !== oldSize) expect(verifyConsistency(sha256, oldSize, newSize, roots[other]!, newRoot, proof), `${oldSize}->${newSize}: old root ${other}`).toBe(false);
          if (other !== newSize) expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, roots[other]!, proof), `${oldSize}->${newSize}: new root ${other}`).toBe(false);
        }
        // Roots of a different log with the same sizes.
        const forked = [...leaves.slice(0, newSize - 1), leafHash(sha256, Buffer.from('forged'))];
        if (oldSize < newSize) expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, rootFromLeafHashes(sha256, forked), proof)).toBe(false);
      }
    }
  });

  it('a consistency proof verifies under other sizes only when the verifier recomputes the same roots', () => {
    let refused = 0;
    for (let newSize = 1; newSize <= MAX; newSize++) {
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = consistencyProof(sha256, leaves, oldSize, newSize);
        for (let claimedNew = 0; claimedNew <= MAX + 4; claimedNew++) {
          for (let claimedOld = 0; claimedOld <= claimedNew + 1; claimedOld++) {
            if (claimedOld === oldSize && claimedNew === newSize) continue;
            const expected = sameComputation(oldSize, newSize, claimedOld, claimedNew);
            const got = verifyConsistency(sha256, claimedOld, claimedNew, roots[oldSize]!, roots[newSize]!, proof);
            expect(got, `${oldSize}->${newSize} claimed as ${claimedOld}->${claimedNew}`).toBe(expected);
            if (!expected) refused++;
          }
        }
        // Size 0 and time travel are always refused.
        expect(verifyConsistency(sha256, 0, newSize, roots[0]!, roots[newSize]!, proof)).toBe(false);
        expect(verifyConsistency(sha256, newSize + 1, newSize, roots[oldSize]!, roots[newSize]!, proof)).toBe(false);
      }
    }
    expect(refused).toBeGreaterThan(50_000);
  });
});

describe('Merkle tree: input checks', () => {
  it('refuses to build proofs outside the tree', () => {
    expect(() => inclusionProof(sha256, leaves, 3, 3)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves, -1, 3)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves.slice(0, 4), 0, 5)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves, 1.5, 3)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, leaves, 0, 3)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, leaves, 4, 3)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, leaves.slice(0, 4), 2, 5)).toThrow(RangeError);
    expect(() => rootFromLeafHashes(sha256, leaves, 3, 2)).toThrow(RangeError);
    expect(() => rootFromLeafHashes(sha256, leaves, 0, leaves.length + 1)).toThrow(RangeError);
  });

  it('uses only the first treeSize leaves of a longer list', () => {
    expect(inclusionProof(sha256, leaves, 2, 5)).toEqual(inclusionProof(sha256, leaves.slice(0, 5), 2, 5));
    expect(consistencyProof(sha256, leaves, 3, 7)).toEqual(consistencyProof(sha256, leaves.slice(0, 7), 3, 7));
  });

  it('verifiers answer false, never throw, for impossible numbers and malformed hashes', () => {
    const proof = inclusionProof(sha256, leaves, 2, 5);
    for (const bad of [NaN, -1, 2.5, Infinity, 2 ** 53, Number.MAX_VALUE]) {
      expect(verifyInclusion(sha256, leaves[2]!, bad, 5, proof, roots[5]!)).toBe(false);
      expect(verifyInclusion(sha256, leaves[2]!, 2, bad, proof, roots[5]!)).toBe(false);
      expect(verifyConsistency(sha256, bad, 5, roots[3]!, roots[5]!, consistencyProof(sha256, leaves, 3, 5))).toBe(false);
      expect(verifyConsistency(sha256, 3, bad, roots[3]!, roots[5]!, consistencyProof(sha256, leaves, 3, 5))).toBe(false);
    }
    expect(verifyInclusion(sha256, leaves[2]!, 2, 5, proof, roots[5]!.subarray(0, 31))).toBe(false);
    expect(verifyInclusion(sha256, leaves[2]!, 2, 5, null as unknown as Buffer[], roots[5]!)).toBe(false);
    expect(verifyInclusion(sha256, leaves[2]!, 2, 5, ['00'] as unknown as Buffer[], roots[5]!)).toBe(false);
    expect(verifyConsistency(sha256, 3, 5, roots[3]!, roots[5]!, [undefined] as unknown as Buffer[])).toBe(false);
  });

  it('handles sizes beyond 2^32 with exact arithmetic', () => {
    // A path for the last leaf of a 2^33 + 1 leaf tree is one left sibling: the root of the first 2^33.
    const big = 2 ** 33;
    const leftRoot = sha256(Buffer.from('left'));
    const leaf = leaves[0]!;
    expect(verifyInclusion(sha256, leaf, big, big + 1, [leftRoot], nodeHash(sha256, leftRoot, leaf))).toBe(true);
    expect(verifyInclusion(sha256, leaf, big - 1, big + 1, [leftRoot], nodeHash(sha256, leftRoot, leaf))).toBe(false);
    // And the old tree of 2^33 leaves is consistent with it by that one leaf.
    expect(verifyConsistency(sha256, big, big + 1, leftRoot, nodeHash(sha256, leftRoot, leaf), [leaf])).toBe(true);
  });

  it('refuses a corrupt stored frontier', () => {
    const good = new MerkleFrontier(sha256);
    for (const l of leaves.slice(0, 5)) good.append(l);
    const state = good.toJSON();
    expect(new MerkleFrontier(sha256, state).root()).toEqual(roots[5]);
    expect(() => new MerkleFrontier(sha256, { size: 7, frontier: state.frontier })).toThrow(RangeError);
    expect(() => new MerkleFrontier(sha256, { size: 5, frontier: state.frontier.slice(1) })).toThrow(RangeError);
    expect(() => new MerkleFrontier(sha256, { size: 5, frontier: [state.frontier[0]!, 'zz'.repeat(32)] })).toThrow(RangeError);
    expect(() => new MerkleFrontier(sha256, { size: 5, frontier: [state.frontier[0]!, 'ab'] })).toThrow(RangeError);
    expect(() => new MerkleFrontier(sha256, { size: -1, frontier: [] })).toThrow(RangeError);
    expect(() => good.append(Buffer.alloc(31))).toThrow(RangeError);
  });
});

describe('Merkle tree with SM3 (the audit log)', () => {
  it('the SM3 hash function is Node\'s SM3 (GB/T 32905-2016 vector for "abc")', () => {
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe(sm3Hex('abc'));
  });

  it('pins the SM3 roots of the reference leaves, so stored audit roots cannot silently change', () => {
    // Computed independently with Python's hashlib.new('sm3') and a direct recursive MTH.
    const expected = [
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
      '2daef60e7a0b8f5e024c81cd2ab3109f2b4f155cf83adeb2ae5532f74a157fdf',
      '0b990fe0c7ad70f1bf1a1262f2c7908ea48146b14253a6db99f2917ab1f5cc4d',
      '209ec96a210d662a964772680e8544d18cab7b88ffec3e00962220349b56ea56',
      '28e4e307ef6d2d0c62d84b11ef96e835efe490f35b93c8f024ecfe38c8dd4377',
      'bb10c996aeebbcdc69be3715fc847344de77442d37a5ab8213da9f41785b103b',
      '8723c1ab1f82ddfba4a3733ac0c80d936d9f4c208c7dbc8cc81ca9fff8584f66',
      'bd36c22a1ac6ff4308e0c3cc1a85bf0ffa30538ec60a55c70413ab15d45db4d2',
      'bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38',
    ];
    const sm3Leaves = CT_LEAVES.map((leaf) => leafHash(sm3, leaf));
    const frontier = new MerkleFrontier(sm3);
    expect(frontier.root().toString('hex')).toBe(expected[0]);
    sm3Leaves.forEach((leaf, i) => {
      frontier.append(leaf);
      expect(rootFromLeafHashes(sm3, sm3Leaves, 0, i + 1).toString('hex')).toBe(expected[i + 1]);
      expect(frontier.root().toString('hex')).toBe(expected[i + 1]);
    });
  });
});

const leafSets = fc.array(fc.uint8Array({ maxLength: 24 }), { minLength: 1, maxLength: 200 });

function properties(name: string, h: HashFn, numRuns: number) {
  describe(`Merkle tree properties (${name}, ${numRuns} runs each)`, () => {
    it('an inclusion proof for any leaf of any prefix verifies, and a one-bit change breaks it', () => {
      fc.assert(
        fc.property(leafSets, fc.nat(), fc.nat(), fc.nat(), (data, a, b, bit) => {
          const hashes = data.map((d) => leafHash(h, d));
          const size = 1 + (a % hashes.length);
          const index = b % size;
          const proof = inclusionProof(h, hashes, index, size);
          const root = rootFromLeafHashes(h, hashes, 0, size);
          expect(verifyInclusion(h, hashes[index]!, index, size, proof, root)).toBe(true);
          const targets = [...proof, root, hashes[index]!];
          const t = bit % (targets.length * 256);
          const flipped = targets.map((x) => Buffer.from(x));
          flipped[Math.floor(t / 256)]![Math.floor((t % 256) / 8)]! ^= 1 << (t % 8);
          const forged = flipped.slice(0, proof.length);
          expect(verifyInclusion(h, flipped[proof.length + 1]!, index, size, forged, flipped[proof.length]!)).toBe(false);
        }),
        { numRuns },
      );
    });

    it('a consistency proof between any two prefixes verifies, and a one-bit change breaks it', () => {
      fc.assert(
        fc.property(leafSets, fc.nat(), fc.nat(), fc.nat(), (data, a, b, bit) => {
          const hashes = data.map((d) => leafHash(h, d));
          const newSize = 1 + (a % hashes.length);
          const oldSize = 1 + (b % newSize);
          const proof = consistencyProof(h, hashes, oldSize, newSize);
          const oldRoot = rootFromLeafHashes(h, hashes, 0, oldSize);
          const newRoot = rootFromLeafHashes(h, hashes, 0, newSize);
          expect(verifyConsistency(h, oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
          const targets = [...proof, oldRoot, newRoot];
          const t = bit % (targets.length * 256);
          const flipped = targets.map((x) => Buffer.from(x));
          flipped[Math.floor(t / 256)]![Math.floor((t % 256) / 8)]! ^= 1 << (t % 8);
          const forged = flipped.slice(0, proof.length);
          expect(verifyConsistency(h, oldSize, newSize, flipped[proof.length]!, flipped[proof.length + 1]!, forged)).toBe(false);
        }),
        { numRuns },
      );
    });

    it('the frontier root equals the full root at every size, also after a save and reload', () => {
      fc.assert(
        fc.property(leafSets, fc.nat(), (data, cut) => {
          const hashes = data.map((d) => leafHash(h, d));
          const reloadAt = cut % hashes.length;
          let frontier = new MerkleFrontier(h);
          hashes.forEach((leaf, i) => {
            if (i === reloadAt) frontier = new MerkleFrontier(h, JSON.parse(JSON.stringify(frontier)) as MerkleFrontierState);
            frontier.append(leaf);
            expect(frontier.size).toBe(i + 1);
            expect(frontier.root()).toEqual(rootFromLeafHashes(h, hashes, 0, i + 1));
          });
        }),
        { numRuns },
      );
    });
  });
}

properties('SHA-256', sha256, 200);
properties('SM3', sm3, 100);

describe('batched inclusion proofs', () => {
  it('equal the one-at-a-time RFC 9162 paths for every leaf of every tree up to 70 leaves', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(sha256, Buffer.from([i, i * 7])));
    for (let size = 1; size <= 70; size++) {
      const all = Array.from({ length: size }, (_, i) => i);
      const batch = inclusionProofs(sha256, leaves, all, size);
      for (const i of all) expect(batch[i]).toEqual(inclusionProof(sha256, leaves, i, size));
    }
  });

  it('refuses an index outside the tree', () => {
    const leaves = [leafHash(sm3, Buffer.from('a'))];
    expect(() => inclusionProofs(sm3, leaves, [1], 1)).toThrow(RangeError);
  });
});
