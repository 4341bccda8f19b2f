// Navigating a message in the iJw JSON form: each object with its RFC 6901 pointer (relative to the
// message), so that a rule reports exactly where it fails. Own properties only; a missing or
// mistyped value reads as undefined (the schema has checked the shapes; the rules stay defensive).
import { isIjwDate } from '../../kernel/dates.ts';
import { joinPointer } from '../../kernel/json-pointer.ts';

export type JsonRecord = Readonly<Record<string, unknown>>;

/** An object in the message and its RFC 6901 pointer (relative to the message). */
export interface Node {
  readonly value: JsonRecord;
  readonly pointer: string;
}

export const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
export const own = (n: Node, key: string): unknown => (Object.hasOwn(n.value, key) ? n.value[key] : undefined);
export const ptr = (n: Node, ...keys: string[]): string => joinPointer(n.pointer, ...keys);
export const has = (n: Node | undefined, key: string): boolean => n !== undefined && own(n, key) !== undefined;

export function str(n: Node | undefined, key: string): string | undefined {
  if (n === undefined) return undefined;
  const v = own(n, key);
  return typeof v === 'string' ? v : undefined;
}

export function num(n: Node | undefined, key: string): number | undefined {
  if (n === undefined) return undefined;
  const v = own(n, key);
  return typeof v === 'number' ? v : undefined;
}

/** A date-valued field, only if it is a real YYYY-MM-DD date (the schema guarantees it; be safe). */
export function date(n: Node | undefined, key: string): string | undefined {
  const v = str(n, key);
  return v !== undefined && isIjwDate(v) ? v : undefined;
}

export function child(n: Node | undefined, key: string): Node | undefined {
  if (n === undefined) return undefined;
  const v = own(n, key);
  return isRecord(v) ? { value: v, pointer: ptr(n, key) } : undefined;
}

/** The objects at a path; arrays on the way are expanded (each element with its index). */
export function all(n: Node | undefined, ...path: string[]): Node[] {
  let current: Node[] = n === undefined ? [] : [n];
  for (const key of path) {
    const next: Node[] = [];
    for (const c of current) {
      const v = own(c, key);
      if (Array.isArray(v)) {
        v.forEach((item, i) => {
          if (isRecord(item)) next.push({ value: item, pointer: `${ptr(c, key)}/${i}` });
        });
      } else if (isRecord(v)) {
        next.push({ value: v, pointer: ptr(c, key) });
      }
    }
    current = next;
  }
  return current;
}

/** Every object held under `key` anywhere in the message, depth first. */
export function everywhere(root: Node, key: string): Node[] {
  const found: Node[] = [];
  const walk = (n: Node): void => {
    for (const [k, v] of Object.entries(n.value)) {
      const items = Array.isArray(v) ? (v as unknown[]).map((item, i) => ({ item, pointer: `${ptr(n, k)}/${i}` })) : [{ item: v, pointer: ptr(n, k) }];
      for (const { item, pointer } of items) {
        if (!isRecord(item)) continue;
        const node = { value: item, pointer };
        if (k === key) found.push(node);
        walk(node);
      }
    }
  };
  walk(root);
  return found;
}

/** Every string value held under `key` anywhere in the message, with its pointer. */
export function stringsEverywhere(root: Node, key: string): { value: string; pointer: string }[] {
  const found: { value: string; pointer: string }[] = [];
  const walk = (n: Node): void => {
    for (const [k, v] of Object.entries(n.value)) {
      if (k === key && typeof v === 'string') found.push({ value: v, pointer: ptr(n, k) });
      const items = Array.isArray(v) ? (v as unknown[]).map((item, i) => ({ item, pointer: `${ptr(n, k)}/${i}` })) : [{ item: v, pointer: ptr(n, k) }];
      for (const { item, pointer } of items) if (isRecord(item)) walk({ value: item, pointer });
    }
  };
  walk(root);
  return found;
}
