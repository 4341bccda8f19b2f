// `audit verify` over a long chain (issue 14): fills a fresh store with N audit records (default
// 200,000) through appendAudit, shaped as the request bench's run writes them (the records of a
// `bench/write-volume.ts` run, read from its audit table): per exchange an `exchange.submit` of an
// allowed JW315 (the bench's message, bench/support/message.ts) carrying the decision's released
// fields, derived here as the policy derives them (the rule `ijw-verzoek-toewijzing` of
// consent/policy.default.json applied to that message: 33 JSON pointers, 1.6 KB of a 2.4 KB record),
// then its `delivery.attempt` (delivered), and every 1,000 records an `audit.checkpoint` record, as
// the automatic checkpoint writes one. Then it walks the chain with verifyAuditChain R times (default
// 3), each time in one thread (as a store in memory is walked) and then as `ketenpoort audit verify`
// walks a store it reaches by URL: by the main thread and a worker thread
// (src/audit/parallel-chain-walk.ts), the worker's start-up included. It prints records per second
// and per CPU-second of this process (process.cpuUsage, which counts all its threads) for each walk,
// and fails if the two answers differ. `--shape light` writes the lighter records this script wrote
// before (4 released fields, a third each submit, delivery and acknowledgement), for comparison.
//
//   node --import tsx bench/audit-chain.ts [--records N] [--runs R] [--shape real|light] [--store sqlite:FILE|postgres://...?schema=S]
//
// Default store: a fresh SQLite file under .bench/, removed afterwards. A PostgreSQL schema is used as
// given (a fresh one: the records are appended after whatever chain it holds) and left in place.

import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { appendAudit, verifyAuditChain } from '../src/audit/audit-log.ts';
import type { AuditDraft } from '../src/kernel/audit-record.ts';
import { applyAllowList, compileAllowList } from '../consent/field-allow-list.ts';
import { loadPolicyFile } from '../consent/policy-engine.ts';
import { fillMessage } from './support/distinct-message.ts';
import { benchMessage } from './support/message.ts';
import { repoRoot } from '../src/kernel/repo-root.ts';
import { openStore } from '../src/store/open-store.ts';
import { auditVerifyInWorker } from '../src/workers/verify-segments-in-worker.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const records = Number(flag('records', '200000'));
const runs = Number(flag('runs', '3'));
const benchDir = path.join(repoRoot, '.bench');
const defaultFile = path.join(benchDir, `audit-chain-${process.pid}.db`);
const storeUrl = flag('store', `sqlite:${defaultFile}`);
const shape = flag('shape', 'real');
if (shape !== 'real' && shape !== 'light') throw new Error(`--shape real or light, not ${shape}`);
const parties = Array.from({ length: 20 }, (_, i) => `party-${String(i).padStart(2, '0')}`);

/** The released fields the policy gives the bench's JW315: what the gateway's submit record carries. */
function benchReleasedFields(): { fields: string[]; rule: string; policyVersion: string } {
  const policy = loadPolicyFile(path.join(repoRoot, 'consent', 'policy.default.json'));
  const rule = policy.rules.find((r) => r.id === 'ijw-verzoek-toewijzing');
  if (rule === undefined) throw new Error('the default policy has no rule ijw-verzoek-toewijzing');
  const message = (JSON.parse(fillMessage(benchMessage().body, 1)) as { message: Record<string, unknown> }).message;
  return { fields: applyAllowList(message, compileAllowList(rule.fields)).releasedFields, rule: `${rule.id}@${rule.version}`, policyVersion: policy.version };
}
const released = benchReleasedFields();
const hex = (n: number): string => (randomUUID() + randomUUID()).replaceAll('-', '').slice(0, n);

/** Record i as the request bench's run writes it (see the header). */
function realDraft(i: number): AuditDraft {
  const traceId = hex(32);
  const exchangeId = randomUUID();
  const sender = parties[(i >> 1) % parties.length] as string;
  const receiver = parties[((i >> 1) * 7 + 3) % parties.length] as string;
  if (i % 1000 === 999) {
    return { traceId, spanId: hex(16), action: 'audit.checkpoint', outcome: 'signed', actor: 'ketenpoort', detail: `chain head seq ${i} signed with key 3It77tzmsz06YN3jywkgB7S2AqbvIjRFtJTvjilo5Jw (automatic)` };
  }
  if (i % 2 === 0) {
    return {
      traceId, spanId: hex(16), action: 'exchange.submit', outcome: 'allowed', reason: 'rule-allows', exchangeId, actor: sender, counterparty: receiver,
      messageType: 'JW315', purpose: 'verzoek-toewijzing', processingActivityId: 'pa.ijw.verzoek-toewijzing', legalBasis: 'jw-7.4.0-lid-2',
      rule: released.rule, policyVersion: released.policyVersion, catalogueVersion: '2026.11', consentIds: [], dataSubjectId: hex(64),
      dataSubjectIdType: 'bsn-pseudonym', releasedFields: released.fields,
    };
  }
  return { traceId, spanId: hex(16), action: 'delivery.attempt', outcome: 'delivered', exchangeId, actor: 'ketenpoort', counterparty: receiver, messageType: 'JW315', purpose: 'verzoek-toewijzing', detail: 'attempt 1' };
}

/** The lighter records this script wrote before (4 released fields): kept for comparison. */
function lightDraft(i: number): AuditDraft {
  const traceId = randomUUID().replaceAll('-', '');
  const spanId = traceId.slice(0, 16);
  const exchangeId = randomUUID();
  const receiver = parties[(i * 7) % parties.length] as string;
  if (i % 3 === 0) {
    return {
      traceId, spanId, action: 'exchange.submit', outcome: 'allowed', reason: 'consent-given', exchangeId,
      actor: parties[i % parties.length] as string, counterparty: receiver, messageType: 'JW315', purpose: 'verzoek-toewijzing',
      processingActivityId: 'pa-jeugdhulp-toewijzing', legalBasis: 'Jeugdwet art. 2.3', rule: 'jw315-toewijzing@3', policyVersion: '2026-11-01',
      catalogueVersion: '4', consentIds: [randomUUID()], dataSubjectId: `ps-${traceId}`, dataSubjectIdType: 'bsn-pseudonym',
      releasedFields: ['Client/Bsn', 'Client/Geboortedatum', 'Product/Categorie', 'Toewijzing/Ingangsdatum'],
    };
  }
  if (i % 3 === 1) {
    return { traceId, spanId, action: 'delivery.attempt', outcome: 'delivered', exchangeId, actor: 'ketenpoort', counterparty: receiver, messageType: 'JW315', purpose: 'verzoek-toewijzing', detail: 'attempt 1' };
  }
  return { traceId, spanId, action: 'inbox.ack', outcome: 'acknowledged', exchangeId, actor: receiver, ...(i % 30 === 2 ? { detail: 'Zoë, ’s-Hertogenbosch 😀 "quoted"\n' } : {}) };
}

const draft = shape === 'real' ? realDraft : lightDraft;
if (storeUrl === `sqlite:${defaultFile}`) mkdirSync(benchDir, { recursive: true });
const store = await openStore(storeUrl);
try {
  await store.migrate();
  const t0 = Date.now();
  for (let i = 0; i < records; ) {
    await store.transaction(async (tx) => {
      for (let k = 0; k < 5_000 && i < records; k++, i++) await appendAudit(tx, draft(i), new Date(Date.UTC(2026, 10, 1) + i * 13));
    });
  }
  process.stderr.write(`  ${records} audit records (${shape}) written in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  // Each run walks the chain twice: in one thread (the walk of a store in memory), then as
  // `ketenpoort audit verify` walks a store it can reach by URL: the main thread and a worker thread
  // (src/audit/parallel-chain-walk.ts), the worker's start-up included. Both answers must be equal.
  const workerErrors: Error[] = [];
  const parallel = auditVerifyInWorker(storeUrl, (error) => workerErrors.push(error));
  const walks = [
    { name: 'single', parallel: undefined },
    { name: 'parallel', parallel },
  ] as const;
  for (let run = 1; run <= runs; run++) {
    const answers: string[] = [];
    for (const walk of walks) {
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const result = await verifyAuditChain(store, walk.parallel === undefined ? {} : { parallel: walk.parallel });
      const cpu = process.cpuUsage(cpu0);
      const seconds = (performance.now() - start) / 1000;
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (!result.ok) throw new Error(`the chain does not verify: ${JSON.stringify(result.firstBroken ?? result.mismatchedColumns)}`);
      answers.push(JSON.stringify(result));
      process.stdout.write(
        `walk ${run} ${walk.name.padEnd(8)}: ${result.checked} records in ${seconds.toFixed(2)} s: ${Math.round(result.checked / seconds).toLocaleString('en')} records/s, ` +
          `${Math.round(result.checked / cpuSeconds).toLocaleString('en')} per CPU-second of all threads (${((cpuSeconds * 1e6) / result.checked).toFixed(2)} µs CPU per record)\n`,
      );
    }
    if (workerErrors.length > 0) throw new Error(`the segment worker failed: ${workerErrors.map((e) => e.message).join('; ')}`);
    if (answers[0] !== answers[1]) throw new Error(`the parallel walk's answer differs from the single walk's: ${answers[0]} vs ${answers[1]}`);
  }
} finally {
  await store.close();
  if (storeUrl === `sqlite:${defaultFile}`) for (const suffix of ['', '-wal', '-shm']) rmSync(`${defaultFile}${suffix}`, { force: true });
}
