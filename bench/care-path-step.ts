// The care path's own cost per JW315 (issue 14), without HTTP, policy, audit or outbox: N distinct
// JW315s (the request bench's message, bench/support/message.ts) judged and recorded by the care-path
// step (src/exchange/care-path-step.ts) in store transactions of B messages each (as group commit
// batches them), on a fresh SQLite file (or the store URL given). It prints the time spent in the step
// per message (its reads, the rules, its upserts, deadlines and signal closes: wall time, and the
// process's CPU time meanwhile; on SQLite the event loop does nothing else) and the process's CPU per
// message with the commits.
//
//   node --import tsx bench/care-path-step.ts [--messages N] [--batch B] [--rounds R] [--store URL]
//
// R rounds (default 3), each over a fresh store; the figures of every round are printed, so runs of two
// versions can be alternated on the same machine (bench/README.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config.ts';
import { createPartyRegistry } from '../src/config/party-registry.ts';
import { createPseudonymizer } from '../src/audit/pseudonym.ts';
import { createCarePathStep } from '../src/exchange/care-path-step.ts';
import { openStore } from '../src/store/open-store.ts';
import { benchMessage } from './support/message.ts';
import { fillMessage } from './support/distinct-message.ts';
import { receiverParty, senderParty, writeBenchConfig } from './support/gateway.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const messages = Number(flag('messages', '3000'));
const batch = Number(flag('batch', '9'));
const rounds = Number(flag('rounds', '3'));
const storeUrl = flag('store', '');
if (![messages, batch, rounds].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write('usage: node --import tsx bench/care-path-step.ts [--messages N] [--batch B] [--rounds R] [--store URL]\n');
  process.exit(2);
}

const template = benchMessage().body;
for (let round = 1; round <= rounds; round += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'kp-care-path-step-'));
  const config = loadConfig(writeBenchConfig(dir, 0, 0), {});
  const step = createCarePathStep({ config: config.carePath, parties: createPartyRegistry(config.parties, config.staff), pseudonymize: createPseudonymizer(config.pseudonymSecret) });
  const store = await openStore(storeUrl === '' ? `sqlite:${join(dir, 'care-path.db')}` : storeUrl);
  try {
    await store.migrate();
    const bodies = Array.from({ length: messages }, (_, n) => (JSON.parse(fillMessage(template, n)) as { message: Record<string, unknown> }).message);
    let inStep = 0;
    let cpuInStep = 0;
    let refused = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let from = 0; from < messages; from += batch) {
      await store.transaction(async (tx) => {
        for (let n = from; n < Math.min(messages, from + batch); n += 1) {
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          try {
            await step.judge(tx, { messageType: 'JW315', message: bodies[n] as Record<string, unknown>, exchangeId: `bench-${String(round)}-${String(n)}`, senderParty, receiverParty, receivedAt: new Date(), trace: { traceId: '0'.repeat(32), spanId: '0'.repeat(16) } });
          } catch {
            refused += 1;
          }
          inStep += performance.now() - t0;
          const c1 = process.cpuUsage(c0);
          cpuInStep += c1.user + c1.system;
        }
      });
    }
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const per = (us: number): string => (us / messages).toFixed(1);
    process.stdout.write(
      `round ${String(round)}: ${String(messages)} JW315 in transactions of ${String(batch)}, ${String(refused)} refused: ` +
        `in the care-path step ${per(inStep * 1000)} µs per message (CPU ${per(cpuInStep)} µs); process CPU ${per(used.user + used.system)} µs per message (commits included); wall ${per(wall * 1000)} µs\n`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
