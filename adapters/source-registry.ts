// Batch sources by kind (architecture.md: an adapter's optional pull): every registered adapter that
// can pull, plus sources that are only ever read from (a folder of exported files). Chosen in one place.
import type { AdapterRegistry } from './registry.ts';
import type { PullSource } from './adapter.ts';

export interface SourceRegistry {
  get(kind: string): PullSource | undefined;
  kinds(): string[];
}

export function createSourceRegistry(adapters: AdapterRegistry, readOnly: readonly PullSource[]): SourceRegistry {
  const byKind = new Map<string, PullSource>();
  for (const kind of adapters.kinds()) {
    const adapter = adapters.get(kind);
    const pull = adapter?.pull?.bind(adapter);
    if (pull !== undefined) byKind.set(kind, { kind, pull });
  }
  for (const source of readOnly) byKind.set(source.kind, source);
  return { get: (kind) => byKind.get(kind), kinds: () => [...byKind.keys()] };
}
