// Small readers over an iJw message in the gateway's JSON form (docs/ijw-json-form.md), for the
// process rules: they run on messages already valid against their schema, so shapes are known, but
// the readers stay total (a missing or odd value reads as undefined).

export type JsonRecord = Readonly<Record<string, unknown>>;

/** An object in the message with its JSON pointer (relative to the message). */
export interface At {
  readonly value: JsonRecord;
  readonly pointer: string;
}

export const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

export function root(message: JsonRecord): At {
  return { value: message, pointer: '' };
}

export function child(at: At | undefined, key: string): At | undefined {
  if (at === undefined) return undefined;
  const v = Object.hasOwn(at.value, key) ? at.value[key] : undefined;
  return isRecord(v) ? { value: v, pointer: `${at.pointer}/${key}` } : undefined;
}

/** The items of a repeating element inside its wrapper: `items(client, 'StartProducten', 'StartProduct')`. */
export function items(at: At | undefined, wrapper: string, item: string): At[] {
  const inner = child(at, wrapper);
  if (inner === undefined) return [];
  const v = Object.hasOwn(inner.value, item) ? inner.value[item] : undefined;
  if (!Array.isArray(v)) return [];
  const out: At[] = [];
  v.forEach((entry: unknown, i) => {
    if (isRecord(entry)) out.push({ value: entry, pointer: `${inner.pointer}/${item}/${i}` });
  });
  return out;
}

export function str(at: At | undefined, key: string): string | undefined {
  if (at === undefined) return undefined;
  const v = Object.hasOwn(at.value, key) ? at.value[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function num(at: At | undefined, key: string): number | undefined {
  if (at === undefined) return undefined;
  const v = Object.hasOwn(at.value, key) ? at.value[key] : undefined;
  return typeof v === 'number' ? v : undefined;
}

export const field = (at: At, key: string): string => `${at.pointer}/${key}`;

/** Pointer `p` lies inside the class at `container` (or is it). */
export function within(p: string, container: string): boolean {
  return p === container || p.startsWith(`${container}/`);
}
