// The one place adapters are chosen: by kind, as each party's config names it (architecture.md).
import type { Adapter } from './adapter.ts';

export interface AdapterRegistry {
  get(kind: string): Adapter | undefined;
  kinds(): string[];
}

export function createAdapterRegistry(adapters: readonly Adapter[]): AdapterRegistry {
  const byKind = new Map(adapters.map((a) => [a.kind, a]));
  return { get: (kind) => byKind.get(kind), kinds: () => [...byKind.keys()] };
}
