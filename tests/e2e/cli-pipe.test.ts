// The CLI's own help per command, and its output piped into another program arriving whole (issue 13): `deadletters list --json` with
// thousands of dead letters, through a real shell pipe into `cat`, against the real gateway process
// on a store holding them. Before the fix the process exited before a pipe had taken the whole write,
// so a reader (jq, grep, wc) saw a cut-off document while the exit code was 0.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { ExchangeRow, OutboxRow } from '../../src/store/store.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

const run = promisify(execFile);
const deadLetters = 3_000;

let cfg: TestConfig;
let gateway: GatewayProcess;

beforeAll(async () => {
  cfg = writeTestConfig();
  const store = await openStore(cfg.config.store.url);
  await store.migrate();
  const now = Date.now();
  await store.transaction(async (tx) => {
    for (let i = 0; i < deadLetters; i++) {
      const id = randomUUID();
      const row: ExchangeRow = {
        id, createdAt: now - i, updatedAt: now, sender: 'jeugdhulp-de-brug', receiver: 'gemeente-diemen', messageType: 'JW315', purpose: 'verzoek-toewijzing',
        status: 'dead-letter', subjectPseudonym: null, traceId: randomUUID().replaceAll('-', ''), decision: null, reason: 'delivery-failed', receiverReference: null, deliveredAt: null,
      };
      const outbox: OutboxRow = {
        exchangeId: id, receiver: 'gemeente-diemen', adapterKind: 'rest-json', endpoint: 'http://127.0.0.1:9/receiver', messageType: 'JW315', sender: 'jeugdhulp-de-brug',
        purpose: 'verzoek-toewijzing', payload: { x: i }, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', status: 'dead', attempts: 3,
        nextAttemptAt: Number.MAX_SAFE_INTEGER, leaseOwner: null, leaseUntil: null, lastError: 'HTTP 503 from the receiver, after three attempts', deliveredAt: null, purgeAfter: null, createdAt: now - i,
      };
      await tx.insertExchange(row);
      await tx.insertOutbox(outbox);
    }
  });
  await store.close();
  gateway = await startGatewayProcess(cfg.file);
}, 120_000);

afterAll(async () => {
  await gateway.stop();
  cfg.cleanup();
});

describe('the CLI', () => {
  it('when serve or token is asked for --help, then it prints its own usage, exit 0', async () => {
    const bin = resolve(repoRoot, 'bin/ketenpoort.mjs');
    const serve = await run(process.execPath, [bin, 'serve', '--help'], { cwd: repoRoot });
    expect(serve.stdout).toMatch(/^usage: ketenpoort serve /);
    expect(serve.stdout).toContain('Exit codes:');
    const token = await run(process.execPath, [bin, 'token', '--help'], { cwd: repoRoot });
    expect(token.stdout).toMatch(/^usage: ketenpoort token --party ID/);
    const top = await run(process.execPath, [bin, '--help'], { cwd: repoRoot });
    expect(top.stdout).toMatch(/^usage: ketenpoort <command>/);
  });

  it('when 3,000 dead letters are listed as JSON into a pipe, then the reader gets the whole document, and the table too', async () => {
    const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(resolve(repoRoot, 'bin/ketenpoort.mjs'))}`;
    const common = `--url ${gateway.url} --token ${cfg.token('operator-demo')} --limit 5000`;
    const out = join(cfg.dir, 'dead-letters.json');
    // `cat` reads slowly enough for the pipe to fill: the process must wait for it to drain.
    await run('sh', ['-c', `${cli} deadletters list --json ${common} | (sleep 0.5; cat) > ${out}`], { cwd: repoRoot, timeout: 60_000 });
    const listed = JSON.parse(readFileSync(out, 'utf8')) as { items: { exchangeId: string }[] };
    expect(listed.items).toHaveLength(deadLetters);
    expect(new Set(listed.items.map((d) => d.exchangeId)).size).toBe(deadLetters);
    const { stdout } = await run('sh', ['-c', `${cli} deadletters list ${common} | (sleep 0.5; wc -l)`], { cwd: repoRoot, timeout: 60_000 });
    expect(Number(stdout.trim())).toBe(deadLetters + 1); // a header line and one line per dead letter
  }, 90_000);
});
