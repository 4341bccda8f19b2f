// A Merkle tree over the audit records, after RFC 6962 (section 2.1; RFC 9162 section 2.1 for the
// verification): leaf i is SHA-256(0x00 || the hash of record seq i+1), an inner node
// SHA-256(0x01 || left || right), the tree of n leaves split at the largest power of two below n. A
// signed tree head (receipts.ts) fixes all n records; an inclusion proof shows one record is among
// them with log2(n) hashes, and a log rewritten anywhere before n cannot produce the same root.
//
// MerkleTree keeps the leaves and the roots of the complete subtrees it has computed (they never
// change once their leaves exist), each level in one buffer of 32-byte hashes (about 64 bytes a
// record in all), so a root or a proof after the first costs O(log n) hashes.

import { createHash } from 'node:crypto';

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);

/** The leaf of an audit record: SHA-256(0x00 || record hash bytes). */
export function leafHash(recordHashHex: string): Buffer {
  return sha256(leafPrefix, Buffer.from(recordHashHex, 'hex'));
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(nodePrefix, left, right);
}

/** The largest power of two smaller than n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A growable array of 32-byte hashes in one buffer (no object per hash). */
class HashArray {
  private buffer = Buffer.alloc(32 * 1024);
  length = 0;

  push(hash: Buffer): void {
    if ((this.length + 1) * 32 > this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger);
      this.buffer = bigger;
    }
    hash.copy(this.buffer, this.length * 32);
    this.length += 1;
  }

  /** The hash at i (a view into the array: copy it to keep it past the next push). */
  at(i: number): Buffer {
    return this.buffer.subarray(i * 32, i * 32 + 32);
  }
}

export class MerkleTree {
  /** levels[h][i]: the root of the complete subtree of 2^h leaves starting at leaf i * 2^h; levels[0] the leaves. */
  private readonly levels: HashArray[] = [new HashArray()];

  get size(): number {
    return (this.levels[0] as HashArray).length;
  }

  append(leaf: Buffer): void {
    (this.levels[0] as HashArray).push(leaf);
  }

  /** MTH(D[0:n]): the root of the tree of the first n leaves. */
  root(n: number = this.size): Buffer {
    this.check(n);
    if (n === 0) return sha256();
    return Buffer.from(this.subtree(0, n));
  }

  /** PATH(m, D[0:n]): the inclusion proof of leaf m in the tree of the first n leaves. */
  inclusionProof(m: number, n: number = this.size): Buffer[] {
    this.check(n);
    if (!Number.isSafeInteger(m) || m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of ${n}`);
    const path: Buffer[] = [];
    let start = 0;
    let size = n;
    let index = m;
    // Walk down from the root; the siblings come out root-first, the proof lists them leaf-first.
    while (size > 1) {
      const k = split(size);
      if (index < k) {
        path.push(Buffer.from(this.subtree(start + k, size - k)));
        size = k;
      } else {
        path.push(Buffer.from(this.subtree(start, k)));
        start += k;
        size -= k;
        index -= k;
      }
    }
    return path.reverse();
  }

  private check(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.size) throw new RangeError(`a tree of ${n} leaves, but ${this.size} are known`);
  }

  /** Makes levels[h] hold at least `count` complete subtree roots (their leaves must exist). */
  private ensure(h: number, count: number): HashArray {
    const level = (this.levels[h] ??= new HashArray());
    if (h === 0 || level.length >= count) return level;
    const below = this.ensure(h - 1, count * 2);
    while (level.length < count) {
      const i = level.length;
      level.push(nodeHash(below.at(2 * i), below.at(2 * i + 1)));
    }
    return level;
  }

  private subtree(start: number, size: number): Buffer {
    if ((size & (size - 1)) === 0) {
      // Complete and aligned (every left part of RFC 6962's split is): kept once computed.
      const h = Math.log2(size);
      const index = start / size;
      return this.ensure(h, index + 1).at(index);
    }
    const k = split(size);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, size - k));
  }
}

/**
 * Checks an inclusion proof (RFC 9162 section 2.1.3.2): that the leaf at `index` of a tree of `size`
 * leaves, with these sibling hashes, gives `root`.
 */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}
