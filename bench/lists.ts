// List and search reads at volume (issue 11): fills a fresh store with N exchanges (default
// 1,000,000) and M audit records (default 2,000,000) through the Store port, then times every list
// and search read the console uses, each repeated, and prints p50/p95/max per read.
//
//   node --import tsx bench/lists.ts [--exchanges N] [--audit M] [--consents C] [--store sqlite:FILE|postgres://...] [--runs R]
//
// The figures are the store's read through the port (the HTTP edge adds JSON encoding, about a
// millisecond for a page of 50). Default store: a fresh SQLite file under .bench/.

import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../src/store/open-store.ts';
import type { ExchangeRow, ExchangeStatus, OutboxRow, Store } from '../src/store/store.ts';
import type { AuditRecord } from '../src/kernel/audit-record.ts';
import pg from 'pg';
import { repoRoot } from '../src/kernel/repo-root.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const exchangeCount = Number(flag('exchanges', '1000000'));
const auditCount = Number(flag('audit', '2000000'));
const runs = Number(flag('runs', '40'));
const consentCount = Number(flag('consents', '100000'));
const benchDir = path.join(repoRoot, '.bench');
const defaultFile = path.join(benchDir, `lists-${process.pid}.db`);
const storeUrl = flag('store', `sqlite:${defaultFile}`);

const parties = Array.from({ length: 40 }, (_, i) => `party-${String(i).padStart(2, '0')}`);
const types = ['JW301', 'JW302', 'JW303', 'JW304', 'JW305', 'JW306', 'JW307', 'JW315', 'JW316', 'JW317', 'JW319', 'JW320', 'JW323', 'JW325'];
const now = Date.now();
const span = 30 * 24 * 3_600_000;
let seed = 42;
const rnd = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

function statusOf(r: number): ExchangeStatus {
  return r < 0.9 ? 'delivered' : r < 0.95 ? 'refused' : r < 0.98 ? 'queued' : r < 0.995 ? 'dead-letter' : 'cancelled';
}

async function fill(store: Store): Promise<{ sample: ExchangeRow; overridden: ExchangeRow[] }> {
  const batch = 5_000;
  let sample: ExchangeRow | undefined;
  // One exchange in a hundred was let through on a break-glass override (the review queue, the charts).
  const overridden: ExchangeRow[] = [];
  const t0 = Date.now();
  for (let start = 0; start < exchangeCount; start += batch) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(exchangeCount, start + batch); i++) {
        const createdAt = now - span + Math.floor((i / exchangeCount) * span);
        const status = statusOf(rnd());
        const row: ExchangeRow = {
          id: randomUUID(),
          createdAt,
          updatedAt: createdAt,
          sender: pick(parties),
          receiver: pick(parties),
          // One type in a thousand is rare: the filter that no index narrows.
          messageType: rnd() < 0.001 ? 'JW325' : pick(types.slice(0, -1)),
          purpose: 'verzoek-toewijzing',
          status,
          subjectPseudonym: createHash('sha256').update(String(i % 200_000)).digest('hex'),
          traceId: randomUUID().replaceAll('-', ''),
          decision: null,
          reason: status === 'refused' ? (rnd() < 0.5 ? 'no-legal-basis' : 'consent-missing') : status === 'dead-letter' ? 'delivery-failed' : null,
          receiverReference: null,
          deliveredAt: status === 'delivered' ? createdAt + 200 + Math.floor(rnd() * 2_000) : null,
        };
        sample ??= row;
        if (i % 100 === 0) overridden.push(row);
        await tx.insertExchange(row);
        if (status === 'queued' || status === 'dead-letter') {
          const outbox: OutboxRow = {
            exchangeId: row.id, receiver: row.receiver!, adapterKind: 'rest-json', endpoint: 'http://127.0.0.1:9/x', messageType: row.messageType,
            sender: row.sender, purpose: 'verzoek-toewijzing', payload: null, traceparent: `00-${row.traceId}-b7ad6b7169203331-01`,
            status: status === 'queued' ? 'pending' : 'dead', attempts: 3, nextAttemptAt: now + span, leaseOwner: null, leaseUntil: null,
            lastError: 'HTTP 503', deliveredAt: null, purgeAfter: null, createdAt,
          };
          await tx.insertOutbox(outbox);
        }
      }
    });
  }
  process.stderr.write(`  ${exchangeCount} exchanges in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  const t1 = Date.now();
  for (let start = 0; start < auditCount; start += batch) {
    await store.transaction(async (tx) => {
      const head = await tx.auditHead();
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? '0'.repeat(64);
      for (let i = start; i < Math.min(auditCount, start + batch); i++) {
        seq += 1;
        const attempt = i % 2 === 1;
        const body = {
          traceId: randomUUID().replaceAll('-', ''),
          spanId: '00f067aa0ba902b7',
          action: attempt ? ('delivery.attempt' as const) : ('exchange.submit' as const),
          outcome: attempt ? (rnd() < 0.9 ? ('delivered' as const) : ('retry' as const)) : ('allowed' as const),
          actor: attempt ? 'ketenpoort' : pick(parties),
          counterparty: pick(parties),
          exchangeId: randomUUID(),
          messageType: 'JW315',
          purpose: 'verzoek-toewijzing',
          detail: attempt ? 'attempt 1' : undefined,
          seq,
          time: new Date(now - span + Math.floor((i / auditCount) * span)).toISOString(),
          prevHash: prev,
        };
        const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
        const record = { ...body, hash } as AuditRecord;
        await tx.insertAudit(record);
        prev = hash;
      }
    });
  }
  process.stderr.write(`  ${auditCount} audit records in ${((Date.now() - t1) / 1000).toFixed(0)} s\n`);
  return { sample: sample!, overridden };
}

/** Override reviews for the overridden exchanges, and consents: validity ending over a year, 5 % revoked in the last 60 days. */
async function fillPrivacy(store: Store, overridden: readonly ExchangeRow[]): Promise<void> {
  const t0 = Date.now();
  await store.transaction(async (tx) => {
    for (const row of overridden) {
      await tx.insertOverrideReview({
        exchangeId: row.id, createdAt: row.createdAt, sender: row.sender, receiver: row.receiver ?? 'party-00', messageType: row.messageType, purpose: row.purpose ?? 'p',
        rule: 'rule@1', reasonCode: pick(['acuut-gevaar', 'spoed', 'levensbedreigend']), justification: 'Acuut gevaar, ouders niet bereikbaar.', subjectPseudonym: row.subjectPseudonym,
        status: rnd() < 0.1 ? 'pending' : 'justified', reviewedBy: null, reviewedAt: null, note: null,
      });
    }
  });
  const day = (offset: number): string => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
  for (let start = 0; start < consentCount; start += 5_000) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(consentCount, start + 5_000); i++) {
        const id = randomUUID();
        await tx.insertConsent({
          id, subjectPseudonym: createHash('sha256').update(String(i % 200_000)).digest('hex'), kind: 'permit', givers: [{ capacity: 'custodial-parent', reference: 'ouder-1' }],
          custodianCount: 1, scope: { purposes: ['overdracht-hulpverlening'], senders: [pick(parties)], receivers: { roles: ['school'] } }, givenOn: day(-400), validFrom: day(-400),
          validUntil: day(Math.floor(rnd() * 365)), evidence: { reference: `dossier-${i}`, form: 'written' }, registeredBy: pick(parties), registeredAt: new Date(now - 400 * 86_400_000).toISOString(), status: 'active',
        });
        if (rnd() < 0.05) await tx.revokeConsent(id, { revokedAt: new Date(now - Math.floor(rnd() * 60 * 86_400_000)).toISOString(), recordedBy: pick(parties) });
      }
    });
  }
  process.stderr.write(`  ${overridden.length} override reviews and ${consentCount} consents in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

async function time(name: string, read: () => Promise<unknown>): Promise<{ name: string; p50: number; p95: number; max: number }> {
  await read(); // warm: statements prepared, pages in cache
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await read();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number): number => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  return { name, p50: at(50), p95: at(95), max: ms.at(-1)! };
}

mkdirSync(benchDir, { recursive: true });
const store = await openStore(storeUrl);
try {
  await store.migrate();
  process.stderr.write(`filling ${store.kind} (${storeUrl.replace(/\/\/[^@]*@/, '//')})\n`);
  const { sample, overridden } = await fill(store);
  await fillPrivacy(store, overridden);
  if (store.kind === 'postgres') {
    // What autovacuum does within minutes of such a load: the planner's statistics for the new rows
    // (timed before it, a read plans on the empty tables' estimates) and the visibility map that lets
    // a covering index answer without visiting the table.
    const url = new URL(storeUrl);
    const schema = url.searchParams.get('schema') ?? 'public';
    url.search = '';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`VACUUM ANALYZE ${['exchanges', 'outbox', 'audit', 'consents', 'override_reviews', 'exchange_consents'].map((t) => `"${schema}".${t}`).join(', ')}`);
    } finally {
      await client.end();
    }
  }
  const today = new Date(now).toISOString().slice(0, 10);
  const in30Days = new Date(now + 30 * 86_400_000).toISOString().slice(0, 10);
  const decisionWindow = (days: number) => ({ from: new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10), to: new Date(now).toISOString().slice(0, 10) });
  const firstPage = await store.listExchangeLog({ limit: 50 });
  const cursor = { createdAt: firstPage.at(-1)!.createdAt, id: firstPage.at(-1)!.id };
  const since = new Date(now - 24 * 3_600_000).toISOString();
  const results = [
    await time('traffic log, newest 50', () => store.listExchangeLog({ limit: 50 })),
    await time('traffic log, page 2 (cursor)', () => store.listExchangeLog({ limit: 50, before: cursor })),
    await time('traffic log, status=dead-letter', () => store.listExchangeLog({ limit: 50, status: 'dead-letter' })),
    await time('traffic log, sender', () => store.listExchangeLog({ limit: 50, sender: 'party-07' })),
    await time('traffic log, receiver + status', () => store.listExchangeLog({ limit: 50, receiver: 'party-11', status: 'refused' })),
    await time('traffic log, reason', () => store.listExchangeLog({ limit: 50, reason: 'consent-missing' })),
    await time('traffic log, rare message type', () => store.listExchangeLog({ limit: 50, messageType: 'JW325' })),
    await time('traffic log, last day', () => store.listExchangeLog({ limit: 50, from: now - 24 * 3_600_000, to: now })),
    await time('receiver status (one party)', () => store.receiverDeliveryFigures('party-03', { since })),
    await time('dashboard, last hour', () => store.trafficFigures({ from: now - 3_600_000, to: now, bucketMs: 60_000, latencySample: 5000 })),
    await time('dashboard, last day', () => store.trafficFigures({ from: now - 24 * 3_600_000, to: now, bucketMs: 900_000, latencySample: 5000 })),
    await time('dead letters, first 50', () => store.listOutbox({ status: 'dead', limit: 50 })),
    await time('party exchanges (agency list)', () => store.listExchanges({ party: sample.sender, limit: 50 })),
    await time('child timeline (by subject)', () => store.listExchangesBySubject(sample.subjectPseudonym!, { limit: 100 })),
    await time('audit search, party', () => store.searchAudit({ party: 'party-05', limit: 50 })),
    await time('audit search, party + outcome', () => store.searchAudit({ party: 'party-05', outcome: 'retry', limit: 50 })),
    await time('audit, one exchange', () => store.listAudit({ exchangeId: sample.id, limit: 100 })),
    await time('review queue', () => store.listOverrideReviews({ limit: 25 })),
    await time('consents ending in 30 days', () => store.listExpiringConsents({ from: today, to: in30Days, limit: 26 })),
    // The page as the API builds it: 26 revoked consents, and what each revocation cancelled.
    await time('consents revoked in 30 days + cancelled', async () => {
      const page = await store.listRevokedConsents({ since: now - 30 * 86_400_000, limit: 26 });
      await store.listCancelledByRevocations(page.slice(0, 25).map((c) => c.id), 21);
    }),
    await time('refusals + overrides per day, 30 days', () => Promise.all([store.countRefusals(decisionWindow(30)), store.countOverrides(decisionWindow(30))])),
    await time('refusals + overrides per day, 92 days', () => Promise.all([store.countRefusals(decisionWindow(92)), store.countOverrides(decisionWindow(92))])),
  ];
  process.stdout.write(`\n${store.kind}: ${exchangeCount} exchanges, ${auditCount} audit records, ${runs} runs each\n`);
  for (const r of results) process.stdout.write(`  ${r.name.padEnd(40)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(1).padStart(7)} ms${r.p95 > 50 ? '  (over 50 ms)' : ''}\n`);
} finally {
  await store.close();
  if (storeUrl === `sqlite:${defaultFile}`) for (const suffix of ['', '-wal', '-shm']) rmSync(`${defaultFile}${suffix}`, { force: true });
}
