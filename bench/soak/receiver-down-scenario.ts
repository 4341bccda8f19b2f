// A receiver down for a period. Exchanges for it are accepted from the start of the outage (batch A)
// and again shortly before it ends (batch B). A's deliveries use up their attempts while it is down
// and become dead letters; B's are still being retried when it comes back and get through by
// themselves. Then A is replayed through the API (POST /v1/dead-letters/replay, as an operator).
//
// Checked: nothing is lost (every 202 is delivered: B by the retries, A after the replay, each
// recorded delivered once); the backoff is respected: the gap between two failed attempts of one
// exchange (from the audit records, whose time is the instant the next attempt was scheduled from)
// is at least half and at most all of min(maxDelayMs, baseDelayMs × 2^(n-1)) after the n-th failure,
// plus the dispatcher's poll interval and scheduling slack; every dead letter is replayable and
// replayed; the audit chain, its checkpoints and the witness verify.
import {
  auditVerify, check, checkAccepted, killAllGateways, sleep, sqliteReader, startGateway, storeCounts, submit, Tally, waitForArrivals,
  waitForSettled, writeSoakConfig, type ScenarioResult,
} from './harness.ts';
import { join } from 'node:path';
import { startSoakReceiver } from './soak-receiver.ts';

export interface ReceiverDownOptions {
  readonly downMs: number;
  /** Exchanges sent when the receiver goes down (they become dead letters). */
  readonly early: number;
  /** Exchanges sent `lateLeadMs` before it comes back (still retrying then). */
  readonly late: number;
  readonly lateLeadMs: number;
  readonly delivery: { readonly baseDelayMs: number; readonly maxDelayMs: number; readonly maxAttempts: number; readonly pollIntervalMs: number };
  /** Slack allowed above the longest backoff (the machine's scheduling, a loaded 2-core box). */
  readonly slackMs: number;
  readonly settleLimitMs: number;
}

/** The longest delay after `failed` failed attempts (retry-policy.ts: equal jitter is half to all of it). */
function fullDelay(o: ReceiverDownOptions['delivery'], failed: number): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, failed - 1));
}

export async function receiverDownScenario(o: ReceiverDownOptions): Promise<ScenarioResult> {
  const name = `receiver down for ${o.downMs / 1000} s (${o.early} exchanges become dead letters and are replayed, ${o.late} get through by retrying)`;
  const failures: string[] = [];
  const receiver = await startSoakReceiver();
  const cfg = writeSoakConfig({ receiverUrl: receiver.url, delivery: { leaseMs: 10_000, timeoutMs: 1_000, ...o.delivery } });
  try {
    const gateway = await startGateway(cfg.file);
    const token = (): string => cfg.token('jeugdhulp-de-brug');
    await receiver.down();
    const downAt = Date.now();
    const sendBatch = async (n: number): Promise<Tally> => {
      const tally = new Tally();
      let sent = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (sent < n) {
          sent++;
          tally.add(await submit(gateway.url, token(), 20_000));
        }
      }));
      return tally;
    };
    const early = await sendBatch(o.early);
    await sleep(Math.max(0, downAt + o.downMs - o.lateLeadMs - Date.now()));
    const late = await sendBatch(o.late);
    await sleep(Math.max(0, downAt + o.downMs - Date.now()));
    const arrivedWhileDown = receiver.arrivals.size;
    await receiver.up();
    const upAt = Date.now();
    check(failures, early.accepted.length === o.early && late.accepted.length === o.late, `not every submission was accepted: ${early.summary()}; ${late.summary()}`);
    check(failures, arrivedWhileDown === 0, `${arrivedWhileDown} deliveries arrived while the receiver was down`);

    // B: through by retrying alone.
    const lateMissing = await waitForArrivals(late.accepted, receiver.arrivals, fullDelay(o.delivery, o.delivery.maxAttempts) + o.slackMs + 10_000);
    check(failures, lateMissing.length === 0, `${lateMissing.length} of the late exchanges were not delivered by their retries once the receiver was back`);
    const lateDeliveredMs = Math.max(0, ...late.accepted.map((id) => (receiver.arrivals.get(id)?.[0] ?? upAt) - upAt));

    // A: dead letters by now (every attempt failed while it was down), listed and replayable.
    const reader = sqliteReader(join(cfg.dir, 'data', 'ketenpoort.db'));
    await waitForSettled(reader, o.settleLimitMs);
    const dead = new Set((await reader.all<{ exchange_id: string }>("SELECT exchange_id FROM outbox WHERE status = 'dead'")).map((r) => r.exchange_id));
    const notDead = early.accepted.filter((id) => !dead.has(id));
    check(failures, notDead.length === 0, `${notDead.length} early exchanges did not become dead letters while the receiver was down`);

    // Backoff, from the audit records of the failed attempts.
    const attempts = await reader.all<{ exchange_id: string; time: string; outcome: string }>(
      "SELECT exchange_id, time, outcome FROM audit WHERE action = 'delivery.attempt' AND outcome IN ('retry', 'dead-letter') ORDER BY seq",
    );
    const byExchange = new Map<string, number[]>();
    for (const a of attempts) byExchange.set(a.exchange_id, [...(byExchange.get(a.exchange_id) ?? []), Date.parse(a.time)]);
    let gaps = 0;
    let minRatio = Infinity;
    let maxRatio = 0;
    const tooSoon: string[] = [];
    const tooLate: string[] = [];
    for (const [id, times] of byExchange) {
      for (let k = 1; k < times.length; k++) {
        const gap = times[k]! - times[k - 1]!;
        const full = fullDelay(o.delivery, k);
        gaps++;
        minRatio = Math.min(minRatio, gap / full);
        maxRatio = Math.max(maxRatio, gap / full);
        if (gap < full / 2 - 2) tooSoon.push(`${id} after attempt ${k}: ${gap} ms < ${full / 2} ms`);
        if (gap > full + o.delivery.pollIntervalMs + o.slackMs) tooLate.push(`${id} after attempt ${k}: ${gap} ms > ${full} ms + slack`);
      }
    }
    const fullAttempts = early.accepted.filter((id) => byExchange.get(id)?.length === o.delivery.maxAttempts).length;
    check(failures, fullAttempts === early.accepted.length, `${early.accepted.length - fullAttempts} dead letters without exactly maxAttempts (${o.delivery.maxAttempts}) recorded attempts`);
    check(failures, tooSoon.length === 0, `retried sooner than the backoff allows: ${tooSoon.slice(0, 3).join('; ')}`);
    check(failures, tooLate.length === 0, `retried later than the backoff plus slack: ${tooLate.slice(0, 3).join('; ')}`);

    // The replay, 100 at a time (the API's limit), as an operator.
    const operatorToken = cfg.token('operator-demo');
    const outcomes = new Map<string, number>();
    const replayStart = Date.now();
    for (let i = 0; i < early.accepted.length; i += 100) {
      const res = await fetch(`${gateway.url}/v1/dead-letters/replay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ exchangeIds: early.accepted.slice(i, i + 100) }),
      });
      const body = (await res.json()) as { results?: { outcome: string }[] };
      if (res.status !== 200) outcomes.set(`HTTP ${res.status}`, (outcomes.get(`HTTP ${res.status}`) ?? 0) + 1);
      for (const r of body.results ?? []) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    }
    check(failures, outcomes.get('requeued') === early.accepted.length && outcomes.size === 1, `replay outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    const earlyMissing = await waitForArrivals(early.accepted, receiver.arrivals, o.settleLimitMs);
    check(failures, earlyMissing.length === 0, `${earlyMissing.length} replayed exchanges not delivered`);
    const replayDeliveredMs = Date.now() - replayStart;
    const pending = await waitForSettled(reader, o.settleLimitMs);
    check(failures, pending === 0, `${pending} outbox rows still pending`);
    const all = [...early.accepted, ...late.accepted];
    checkAccepted(failures, all, await storeCounts(reader), receiver.arrivals);
    await reader.close();
    check(failures, (await gateway.stop()) === 0, 'the gateway did not stop cleanly');
    const verdict = await auditVerify(cfg.file);
    check(failures, verdict.ok, `audit verify: ${verdict.summary}`);
    return {
      name,
      failures,
      figures: {
        accepted: all.length,
        deadLetters: dead.size,
        replayed: outcomes.get('requeued') ?? 0,
        delivered: all.filter((id) => receiver.arrivals.has(id)).length,
        deliveredTwice: [...receiver.arrivals.values()].filter((t) => t.length > 1).length,
        lateDeliveredAfterUpMs: lateDeliveredMs,
        replayToDeliveredMs: replayDeliveredMs,
        backoffGaps: gaps,
        backoffGapMinOfFull: Math.round(minRatio * 100) / 100,
        backoffGapMaxOfFull: Math.round(maxRatio * 100) / 100,
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
