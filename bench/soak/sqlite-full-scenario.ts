// The SQLite database full: the gateway runs with a size cap (store URL ?maxPageCount=N, SQLite's
// max_page_count) just above the file's size, where the file also holds ballast written by another
// connection (as other data fills a shared disk). Exchanges stream in until the file is full; then
// the ballast is dropped (the operator frees space) and the same process, without a restart, must
// accept again.
//
// Checked: while full, submissions are answered 503 store-unavailable (problem+json), never a 202
// without a commit and never a half-written exchange (every exchange in the store has its outbox row
// and its submission record, and the other way round); it recovers by itself once pages are free
// (the time to the first 202 is the recovery time); every 202'd exchange is delivered; the audit
// chain, its checkpoints and the witness verify.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  auditVerify, check, checkAccepted, killAllGateways, sleep, sqliteReader, startGateway, storeCounts, submit, Tally, waitForArrivals,
  waitForSettled, writeSoakConfig, type ScenarioResult,
} from './harness.ts';
import { startSoakReceiver } from './soak-receiver.ts';

export interface SqliteFullOptions {
  /** Ballast in pages of 4 KiB: the space that comes back. */
  readonly ballastPages: number;
  /** Pages the gateway may add before it is full. */
  readonly headroomPages: number;
  /** Consecutive 503s after which the database counts as full (and the space is freed). */
  readonly fullAfter503s: number;
  /** At most this many submissions before giving up on filling it. */
  readonly maxSubmissions: number;
  readonly concurrency: number;
  /** Submissions after recovery, each of which must be accepted. */
  readonly afterRecovery: number;
  readonly recoveryLimitMs: number;
  readonly settleLimitMs: number;
}

export async function sqliteFullScenario(o: SqliteFullOptions): Promise<ScenarioResult> {
  const name = `SQLite database full (maxPageCount, ${o.headroomPages} pages of headroom), then ${o.ballastPages} pages freed`;
  const failures: string[] = [];
  const receiver = await startSoakReceiver();
  const cfg = writeSoakConfig({ receiverUrl: receiver.url, delivery: { leaseMs: 3_000, timeoutMs: 1_000, maxAttempts: 20, baseDelayMs: 50, maxDelayMs: 500, pollIntervalMs: 20 } });
  const file = join(cfg.dir, 'data', 'ketenpoort.db');
  try {
    // First start: the schema, the keys and the witness; then the ballast, from another connection.
    await (await startGateway(cfg.file)).stop();
    const other = new Database(file);
    other.pragma('busy_timeout = 5000');
    other.exec('CREATE TABLE soak_ballast (b BLOB)');
    const insert = other.prepare('INSERT INTO soak_ballast VALUES (randomblob(4000))');
    other.transaction(() => { for (let i = 0; i < o.ballastPages; i++) insert.run(); })();
    other.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(other.pragma('page_count', { simple: true }));
    const cap = pages + o.headroomPages;
    const gateway = await startGateway(cfg.file, { KETENPOORT_STORE_URL: `sqlite:${file}?maxPageCount=${cap}` });
    const token = (): string => cfg.token('jeugdhulp-de-brug');

    // Fill it: until `fullAfter503s` 503s in a row.
    const filling = new Tally();
    let run = 0;
    let sent = 0;
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (run < o.fullAfter503s && sent < o.maxSubmissions) {
          sent++;
          const s = await submit(gateway.url, token(), 20_000);
          filling.add(s);
          run = s.kind === 'status' && s.status === 503 ? run + 1 : 0;
        }
      }),
    );
    const full = run >= o.fullAfter503s;
    check(failures, full, `not full after ${sent} submissions (${filling.summary()})`);
    check(failures, [...filling.statuses.keys()].every((k) => k === '503 store-unavailable') && filling.noAnswer.size === 0, `answers other than 202 or 503 store-unavailable (problem+json) while filling: ${filling.summary()}`);

    // Nothing half-written: each exchange row has its outbox row and its submission record, and back.
    const reader = sqliteReader(file);
    const whileFull = await storeCounts(reader);
    const halves = [...whileFull.exchangeRows.keys()].filter((id) => !whileFull.outboxStatus.has(id) || whileFull.submitted.get(id) !== 1);
    const orphans = [...whileFull.outboxStatus.keys(), ...whileFull.submitted.keys()].filter((id) => !whileFull.exchangeRows.has(id));
    check(failures, halves.length === 0 && orphans.length === 0, `half-written exchanges while full: ${halves.length} without outbox row or submission record, ${orphans.length} rows without their exchange`);
    const accepted = new Set(filling.accepted);
    const storedWithout202 = [...whileFull.exchangeRows.keys()].filter((id) => !accepted.has(id)).length;
    check(failures, storedWithout202 === 0, `${storedWithout202} exchanges stored that were answered 503`);

    // Space returns (the ballast goes): the same process accepts again.
    other.exec('DROP TABLE soak_ballast');
    other.close();
    const freedAt = Date.now();
    const after = new Tally();
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && Date.now() - freedAt < o.recoveryLimitMs) {
      const s = await submit(gateway.url, token(), 20_000);
      after.add(s);
      if (s.kind === 'accepted') recoveredAt = s.at;
      else await sleep(50);
    }
    check(failures, recoveredAt !== undefined, `no 202 within ${o.recoveryLimitMs / 1000} s after the space was freed (${after.summary()})`);
    const steady = new Tally();
    for (let i = 0; i < o.afterRecovery; i++) steady.add(await submit(gateway.url, token(), 20_000));
    check(failures, steady.accepted.length === o.afterRecovery, `after recovery not everything was accepted: ${steady.summary()}`);

    const all = [...filling.accepted, ...after.accepted, ...steady.accepted];
    await waitForArrivals(all, receiver.arrivals, o.settleLimitMs);
    const pending = await waitForSettled(reader, o.settleLimitMs);
    check(failures, pending === 0, `${pending} outbox rows still pending after ${o.settleLimitMs / 1000} s`);
    checkAccepted(failures, all, await storeCounts(reader), receiver.arrivals);
    await reader.close();
    check(failures, gateway.alive(), 'the gateway process died');
    check(failures, (await gateway.stop()) === 0, 'the gateway did not stop cleanly');
    const verdict = await auditVerify(cfg.file);
    check(failures, verdict.ok, `audit verify: ${verdict.summary}`);
    return {
      name,
      failures,
      figures: {
        capPages: cap,
        acceptedBeforeFull: filling.accepted.length,
        whileFilling: filling.summary(),
        unavailable503: filling.count('503') + after.count('503'),
        recoveryMs: recoveredAt === undefined ? -1 : recoveredAt - freedAt,
        afterRecovery: steady.summary(),
        delivered: all.filter((id) => receiver.arrivals.has(id)).length,
        deliveredTwice: [...receiver.arrivals.values()].filter((t) => t.length > 1).length,
        auditChecked: verdict.checked,
        audit: verdict.summary,
      },
    };
  } finally {
    await killAllGateways();
    await receiver.close();
    cfg.cleanup();
  }
}
