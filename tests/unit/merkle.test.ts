// The audit Merkle tree against RFC 6962's definition written out naively (MTH and PATH recursively
// over the leaves, nothing memoised), for every tree size up to 40 and every leaf.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleTree, leafHash, nodeHash, verifyInclusion } from '../../src/audit/merkle.ts';

const recordHash = (i: number): string => createHash('sha256').update(`record ${i}`).digest('hex');
const leaves = Array.from({ length: 40 }, (_, i) => leafHash(recordHash(i)));

function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return createHash('sha256').digest();
  if (d.length === 1) return d[0] as Buffer;
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

describe('the audit Merkle tree (RFC 6962)', () => {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);

  it('when the leaf of a record is computed, then it is SHA-256 of 0x00 and the record hash', () => {
    const h = recordHash(7);
    expect(leafHash(h)).toStrictEqual(createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(h, 'hex')])).digest());
  });

  it('when roots and proofs are asked for every size and leaf, then they equal the definition and verify', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const root = tree.root(n);
      expect(root).toStrictEqual(mth(leaves.slice(0, n)));
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(proof).toStrictEqual(path(m, leaves.slice(0, n)));
        expect(verifyInclusion(leaves[m] as Buffer, m, n, proof, root)).toBe(true);
      }
    }
  });

  it('when a proof is tampered with, or checked for another leaf, index, size or root, then it fails', () => {
    const n = 37;
    const m = 21;
    const root = tree.root(n);
    const proof = tree.inclusionProof(m, n);
    const leaf = leaves[m] as Buffer;
    expect(verifyInclusion(leaf, m, n, proof, root)).toBe(true);
    for (let i = 0; i < proof.length; i++) {
      const flipped = proof.map((p) => Buffer.from(p));
      const b = flipped[i] as Buffer;
      b.writeUInt8(b.readUInt8(0) ^ 1, 0);
      expect(verifyInclusion(leaf, m, n, flipped, root)).toBe(false);
    }
    expect(verifyInclusion(leaf, m, n, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(leaf, m, n, [...proof, proof[0] as Buffer], root)).toBe(false);
    expect(verifyInclusion(leaves[m + 1] as Buffer, m, n, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, m + 1, n, proof, root)).toBe(false);
    // (The size is bound to the root by the signed tree head: receipts check both together.)
    expect(verifyInclusion(leaf, m, n, proof, tree.root(n - 1))).toBe(false);
    expect(verifyInclusion(leaf, n, n, proof, root)).toBe(false);
  });

  it('when one earlier leaf differs, then no tree that contains it has the same root', () => {
    const rewritten = new MerkleTree();
    leaves.forEach((leaf, i) => { rewritten.append(i === 5 ? leafHash(recordHash(1000)) : leaf); });
    for (let n = 6; n <= leaves.length; n++) expect(rewritten.root(n)).not.toStrictEqual(tree.root(n));
    expect(rewritten.root(5)).toStrictEqual(tree.root(5));
  });
});
