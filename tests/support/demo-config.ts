// The demo configuration as `npm start` reads it, copied for a test: the same parties, adapters and
// settings, with the policy by absolute path and the demo receivers' endpoints moved to free ports (the
// demo's own ports 9102-9104 would be shared by test files running side by side).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';

/** A port nothing listens on right now (the system's choice). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => { r(); }));
  return port;
}

export interface DemoConfigCopy {
  readonly dir: string;
  readonly file: string;
  /** The demo party endpoints, by party id, as written into the copy. */
  readonly endpoints: Readonly<Record<string, string>>;
}

/** config/demo.json with every push endpoint on 127.0.0.1 moved to a free port (same path); `change` edits the rest. */
export async function writeDemoConfigCopy(change: (raw: Record<string, any>) => void = () => undefined): Promise<DemoConfigCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-demo-'));
  const raw = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo.json'), 'utf8')) as Record<string, any>;
  raw.policyFile = resolve(repoRoot, 'consent/policy.default.json');
  raw.dataDir = join(dir, 'data');
  const portFor = new Map<string, number>();
  const endpoints: Record<string, string> = {};
  for (const party of raw.parties as { id: string; adapter: { endpoint?: string } }[]) {
    if (party.adapter.endpoint === undefined) continue;
    const url = new URL(party.adapter.endpoint);
    const port = portFor.get(url.port) ?? (await freePort());
    portFor.set(url.port, port);
    url.port = String(port);
    party.adapter.endpoint = url.toString();
    endpoints[party.id] = party.adapter.endpoint;
  }
  // A folder source is relative to the config file: keep it pointing at the demo's own export.
  for (const party of raw.parties as { source?: { kind: string; endpoint: string } }[]) {
    if (party.source?.kind === 'ijw-xml-folder') party.source.endpoint = resolve(repoRoot, 'config', party.source.endpoint);
  }
  change(raw);
  const file = join(dir, 'demo.json');
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return { dir, file, endpoints };
}
