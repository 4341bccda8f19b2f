// Data minimisation (AVG art. 5(1)(c)): only the fields a rule allows leave the gateway. Patterns are
// JSON pointers where '*' matches one segment (a key or an array index) and a final '**' matches the
// whole subtree. Everything else is stripped before the message is stored in the outbox.

import { escapePointerToken, pointerTokens } from '../src/kernel/json-pointer.ts';

export interface Minimised {
  readonly payload: Record<string, unknown>;
  /** Released leaf fields as JSON pointers, array indices written as '*', sorted and deduplicated. */
  readonly releasedFields: string[];
}

type Pattern = readonly string[];

export function compileAllowList(pointers: readonly string[]): Pattern[] {
  return pointers.map(pointerTokens);
}

/**
 * The patterns as a trie, built once per compiled list: the walk below carries the trie nodes its
 * path matches (a literal token and '*' may both match) instead of testing every pattern at every
 * node of the message (33 patterns for a JW315 rule, ~100 nodes a message).
 */
interface TrieNode {
  readonly next: Map<string, TrieNode>;
  star: TrieNode | undefined;
  /** A pattern ends here: this node and everything below it is allowed. */
  end: boolean;
  /** A pattern has '**' next: everything below is allowed (tokens after '**' are never looked at). */
  rest: boolean;
}

const tries = new WeakMap<readonly Pattern[], TrieNode>();
const trieNode = (): TrieNode => ({ next: new Map(), star: undefined, end: false, rest: false });

function trieOf(patterns: readonly Pattern[]): TrieNode {
  let root = tries.get(patterns);
  if (root !== undefined) return root;
  root = trieNode();
  for (const pattern of patterns) {
    let node = root;
    let ended = true;
    for (const token of pattern) {
      if (token === '**') {
        node.rest = true;
        ended = false;
        break;
      }
      let child = token === '*' ? node.star : node.next.get(token);
      if (child === undefined) {
        child = trieNode();
        if (token === '*') node.star = child;
        else node.next.set(token, child);
      }
      node = child;
    }
    if (ended) node.end = true;
  }
  tries.set(patterns, root);
  return root;
}

/**
 * Whether the path the nodes stand for is covered entirely ('all': a pattern ends at it or has '**'
 * next), may have allowed descendants ('some') or neither. The walk asks only while no ancestor was
 * 'all', so a pattern that ended above the path (everything below an allowed leaf is allowed) has
 * already made that ancestor 'all'.
 */
function coverage(nodes: readonly TrieNode[]): 'all' | 'some' | 'none' {
  if (nodes.length === 0) return 'none';
  for (const n of nodes) if (n.end || n.rest) return 'all';
  return 'some';
}

/** The trie nodes a child path matches: each node's child for the token and its '*'. */
function step(nodes: readonly TrieNode[], token: string): TrieNode[] {
  const out: TrieNode[] = [];
  for (const n of nodes) {
    const exact = n.next.get(token);
    if (exact !== undefined) out.push(exact);
    if (n.star !== undefined) out.push(n.star);
  }
  return out;
}

/**
 * A released-field pointer and the pointers below it, made once per distinct shape in one walk: the
 * items of an array share theirs, so the pointer of a field repeated in every item is one string,
 * built and hashed once, however many items carry it.
 */
interface Shape {
  readonly pointer: string;
  readonly keys: Map<string, Shape>;
  items: Shape | undefined;
}

const shapeOf = (pointer: string): Shape => ({ pointer, keys: new Map(), items: undefined });

function keyShape(shape: Shape, key: string): Shape {
  let child = shape.keys.get(key);
  if (child === undefined) shape.keys.set(key, (child = shapeOf(shape.pointer + '/' + escapePointerToken(key))));
  return child;
}

const itemShape = (shape: Shape): Shape => (shape.items ??= shapeOf(shape.pointer + '/*'));

export function applyAllowList(message: Readonly<Record<string, unknown>>, patterns: readonly Pattern[]): Minimised {
  const released = new Set<string>();
  /** A subtree that is allowed whole: copied, empty objects and arrays left out as below. */
  const whole = (value: unknown, shape: Shape): unknown => {
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      const below = itemShape(shape);
      for (let index = 0; index < value.length; index++) {
        if (!(index in value)) continue; // a hole, as forEach skips it
        const kept = whole(value[index], below);
        if (kept !== undefined) items.push(kept);
      }
      return items.length > 0 ? items : undefined;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      let any = false;
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const kept = whole(object[key], keyShape(shape, key));
        if (kept !== undefined) {
          out[key] = kept;
          any = true;
        }
      }
      return any ? out : undefined;
    }
    released.add(shape.pointer);
    return value;
  };
  const walk = (value: unknown, nodes: readonly TrieNode[], shape: Shape): unknown => {
    const cover = coverage(nodes);
    if (cover === 'none') return undefined;
    if (cover === 'all') return whole(value, shape);
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      const below = itemShape(shape);
      for (let index = 0; index < value.length; index++) {
        if (!(index in value)) continue;
        const kept = walk(value[index], step(nodes, String(index)), below);
        if (kept !== undefined) items.push(kept);
      }
      return items.length > 0 ? items : undefined;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      let any = false;
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const kept = walk(object[key], step(nodes, key), keyShape(shape, key));
        if (kept !== undefined) {
          out[key] = kept;
          any = true;
        }
      }
      return any ? out : undefined;
    }
    return undefined; // a leaf only partly covered ('some'): not released
  };
  const payload = (walk(message, [trieOf(patterns)], shapeOf('')) ?? {}) as Record<string, unknown>;
  return { payload, releasedFields: [...released].sort() };
}

/** Every leaf field of a message, as released-field pointers (array indices as '*'), sorted. */
export function leafFields(message: Readonly<Record<string, unknown>>): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, shape: string[]): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, [...shape, '*']);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, [...shape, escapePointerToken(key)]);
    } else if (shape.length > 0) {
      found.add('/' + shape.join('/'));
    }
  };
  walk(message, []);
  return [...found].sort();
}
