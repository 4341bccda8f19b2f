// kill -9 during a stream of exchanges: on PostgreSQL one of three processes at a time, on SQLite the
// single process (restarted on the same database file). Each kill is followed by a restart, so the
// run ends with as many processes as it began with.
//
// The guarantee checked, stated honestly (as in tests/e2e/multi-process-postgres.test.ts): delivery
// is at-least-once with the exchange id as Idempotency-Key. Every exchange that got a 202 is in the
// store exactly once, delivered, and recorded as submitted and delivered once in the audit log. An
// exchange reaches the receiver twice only if the killed process held its lease when it died (it may
// have delivered and not yet recorded it), and never more than twice. Exchanges that reached the
// receiver without a 202 are ones the killed process committed but could not answer: at most as many
// as the requests that got no answer. The audit chain, its checkpoints and the witness verify.
import { join } from 'node:path';
import {
  auditVerify, check, checkAccepted, dropPgSchema, killAllGateways, pgReader, pgSchemaUrl, sleep, sqliteReader, startGateway, storeCounts, submit,
  Tally, waitForArrivals, waitForSettled, writeSoakConfig, type Gateway, type ScenarioResult, type StoreReader,
} from './harness.ts';
import { startSoakReceiver } from './soak-receiver.ts';

export interface KillScenarioOptions {
  readonly store: 'sqlite' | 'postgres';
  /** The PostgreSQL server (store 'postgres'). */
  readonly pgUrl?: string;
  readonly exchanges: number;
  /** Gateway processes (PostgreSQL: 3; SQLite serves one process). */
  readonly processes: number;
  readonly kills: number;
  /** Submissions in flight at once. */
  readonly concurrency: number;
  /** How long the scenario may wait for every accepted exchange to be delivered after the last submission. */
  readonly settleLimitMs: number;
}

export async function killScenario(o: KillScenarioOptions): Promise<ScenarioResult> {
  const name = `kill -9 ${o.kills}× of ${o.processes === 1 ? 'the single' : `one of ${o.processes}`} ${o.store === 'postgres' ? 'PostgreSQL' : 'SQLite'} process${o.processes === 1 ? '' : 'es'} during ${o.exchanges} exchanges`;
  const failures: string[] = [];
  const started = Date.now();
  // The receiver answers after 100 ms, so deliveries are in flight when a process dies.
  const receiver = await startSoakReceiver({ delayMs: 100 });
  const pg = o.store === 'postgres' ? pgSchemaUrl(o.pgUrl!, 'kp_soak_kill', { poolMax: '5' }) : undefined;
  // A lease short enough that a killed process's rows come back soon; the delivery timeout well inside it.
  const leaseMs = 5_000;
  const cfg = writeSoakConfig({
    ...(pg !== undefined ? { storeUrl: pg.storeUrl } : {}),
    receiverUrl: receiver.url,
    delivery: { leaseMs, timeoutMs: 1_000, maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 1_000, pollIntervalMs: 20 },
  });
  const sqliteFile = join(cfg.dir, 'data', 'ketenpoort.db');
  const gateways: (Gateway | undefined)[] = await Promise.all(Array.from({ length: o.processes }, () => startGateway(cfg.file)));
  const openReader = (): Promise<StoreReader> => (pg !== undefined ? pgReader(o.pgUrl!, pg.schema) : Promise.resolve(sqliteReader(sqliteFile)));
  const reader = await openReader();
  const tally = new Tally();
  /** Rows a killed process held a lease on when it died: the only ones that may arrive twice. */
  const heldAtKill = new Set<string>();
  let restartMs = 0;
  try {
    const token = (): string => cfg.token('jeugdhulp-de-brug');
    const killAt = Array.from({ length: o.kills }, (_, k) => Math.floor((o.exchanges * (k + 1)) / (o.kills + 1)));
    const kills: Promise<void>[] = [];
    let sent = 0;
    let kill = 0;

    const killAndRestart = async (victimIndex: number): Promise<void> => {
      const victim = gateways[victimIndex]!;
      // Wait (briefly) for a moment the victim holds leased rows, so the lease path is exercised.
      for (let i = 0; i < 400; i++) {
        const [row] = await reader.all<{ n: number | string }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND lease_owner LIKE $1", [`%/${victim.pid}/%`]);
        if (Number(row?.n ?? 0) > 0) break;
        await sleep(5);
      }
      gateways[victimIndex] = undefined;
      await victim.kill9();
      for (const r of await reader.all<{ exchange_id: string }>("SELECT exchange_id FROM outbox WHERE status = 'pending' AND lease_owner LIKE $1", [`%/${victim.pid}/%`])) {
        heldAtKill.add(r.exchange_id);
      }
      const t0 = Date.now();
      gateways[victimIndex] = await startGateway(cfg.file);
      restartMs = Math.max(restartMs, Date.now() - t0);
    };

    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (sent < o.exchanges) {
          const live = gateways.map((g, i) => (g === undefined ? -1 : i)).filter((i) => i >= 0);
          if (live.length === 0) {
            await sleep(20); // the only process is being restarted: a client would retry later
            continue;
          }
          const n = sent++;
          if (kill < killAt.length && n >= killAt[kill]!) {
            // PostgreSQL: a different process each time (1, 2, ...); SQLite: the only one.
            kills.push(killAndRestart((kill + 1) % o.processes));
            kill++;
          }
          tally.add(await submit(gateways[live[n % live.length]!]!.url, token()));
        }
      }),
    );
    await Promise.all(kills);
    const submittedMs = Date.now() - started;

    // Every accepted exchange delivered, and every row settled (also those nobody got a 202 for).
    await waitForArrivals(tally.accepted, receiver.arrivals, o.settleLimitMs);
    const pending = await waitForSettled(reader, o.settleLimitMs);
    check(failures, pending === 0, `${pending} outbox rows still pending after ${o.settleLimitMs / 1000} s`);
    check(failures, kill === o.kills, `only ${kill} of ${o.kills} kills happened`);
    const counts = await storeCounts(reader);
    checkAccepted(failures, tally.accepted, counts, receiver.arrivals);

    const accepted = new Set(tally.accepted);
    const repeated = [...receiver.arrivals].filter(([, times]) => times.length > 1);
    const badRepeats = repeated.filter(([id, times]) => !heldAtKill.has(id) || times.length > 2).map(([id]) => id);
    check(failures, badRepeats.length === 0, `exchanges delivered again although no killed process held them (or more than twice): ${badRepeats.slice(0, 3).join(', ')}`);
    const unacknowledged = [...receiver.arrivals.keys()].filter((id) => !accepted.has(id));
    const noAnswer = [...tally.noAnswer.values()].reduce((a, b) => a + b, 0);
    check(failures, unacknowledged.length <= noAnswer, `${unacknowledged.length} deliveries without a 202, more than the ${noAnswer} requests cut off`);
    check(failures, tally.statuses.size === 0, `answers other than 202 or a cut-off connection: ${tally.summary()}`);
    check(failures, receiver.withoutKey === 0, `${receiver.withoutKey} deliveries without an Idempotency-Key`);
    // Only the requests in flight to a process when it died go unanswered: at most `concurrency` per kill.
    check(failures, tally.accepted.length >= o.exchanges - o.kills * o.concurrency, `only ${tally.accepted.length} of ${o.exchanges} submissions accepted`);

    // The survivors stop cleanly, then the chain, checkpoints and witness verify on the store at rest.
    for (const [i, g] of gateways.entries()) {
      if (g !== undefined) check(failures, (await g.stop()) === 0, `process ${i} did not stop cleanly`);
    }
    const verdict = await auditVerify(cfg.file);
    check(failures, verdict.ok, `audit verify: ${verdict.summary}`);

    return {
      name,
      failures,
      figures: {
        submissions: tally.accepted.length + noAnswer,
        accepted: tally.accepted.length,
        cutOff: noAnswer,
        delivered: tally.accepted.filter((id) => receiver.arrivals.has(id)).length,
        deliveredTwice: repeated.length,
        heldByKilled: heldAtKill.size,
        deliveredWithout202: unacknowledged.length,
        restartMs,
        submitSeconds: Math.round(submittedMs / 100) / 10,
        totalSeconds: Math.round((Date.now() - started) / 100) / 10,
        auditChecked: verdict.checked,
        audit: verdict.summary,
      },
    };
  } finally {
    await killAllGateways();
    await reader.close();
    await receiver.close();
    cfg.cleanup();
    if (pg !== undefined) await dropPgSchema(o.pgUrl!, pg.schema);
  }
}
