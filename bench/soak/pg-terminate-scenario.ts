// PostgreSQL connections terminated under load: while a stream of exchanges runs, another session
// ends every connection of the gateway (pg_terminate_backend on the sessions pg_stat_activity shows
// with application_name `ketenpoort SCHEMA`) again and again for a while, then stops.
//
// Checked: while it cannot write the gateway answers 503 (problem+json, store-unavailable), never a
// 202 without a commit (every 202'd exchange is in the store once and is delivered); it neither
// crashes nor hangs (every request gets an answer); and it recovers by itself: once the terminations
// stop, later submissions get 202 without a restart (the time until the first is the recovery time).
// The audit chain, its checkpoints and the witness verify afterwards.
import {
  auditVerify, check, checkAccepted, dropPgSchema, killAllGateways, pgReader, pgSchemaUrl, sleep, startGateway, storeCounts, submit, Tally,
  waitForArrivals, waitForSettled, withPg, writeSoakConfig, type ScenarioResult, type Submission,
} from './harness.ts';
import { startSoakReceiver } from './soak-receiver.ts';

export interface PgTerminateOptions {
  readonly pgUrl: string;
  /** Load before the terminations start (all of it must be accepted). */
  readonly warmupMs: number;
  /** How long the gateway's sessions are terminated, over and over. */
  readonly faultMs: number;
  /** Pause between two rounds of terminations. */
  readonly everyMs: number;
  readonly concurrency: number;
  /** How long the gateway may take to accept again once the terminations stop. */
  readonly recoveryLimitMs: number;
  readonly settleLimitMs: number;
}

export async function pgTerminateScenario(o: PgTerminateOptions): Promise<ScenarioResult> {
  const name = `PostgreSQL sessions terminated every ${o.everyMs} ms for ${o.faultMs / 1000} s under load`;
  const failures: string[] = [];
  const receiver = await startSoakReceiver();
  const { schema, storeUrl } = pgSchemaUrl(o.pgUrl, 'kp_soak_term', { poolMax: '5' });
  const cfg = writeSoakConfig({ storeUrl, receiverUrl: receiver.url, delivery: { leaseMs: 5_000, timeoutMs: 1_000, maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 1_000, pollIntervalMs: 20 } });
  const gateway = await startGateway(cfg.file);
  const reader = await pgReader(o.pgUrl, schema);
  const applicationName = `ketenpoort ${schema}`;
  const phases = { warmup: new Tally(), fault: new Tally(), after: new Tally() };
  let phase: keyof typeof phases = 'warmup';
  const all: Submission[] = [];
  let terminated = 0;
  let rounds = 0;
  try {
    const token = (): string => cfg.token('jeugdhulp-de-brug');
    let stop = false;
    const load = Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (!stop) {
          const s = await submit(gateway.url, token(), 20_000);
          phases[phase].add(s); // counted in the phase it was answered in
          all.push(s);
        }
      }),
    );
    await sleep(o.warmupMs);
    phase = 'fault';
    const faultEnds = Date.now() + o.faultMs;
    await withPg(o.pgUrl, async (c) => {
      while (Date.now() < faultEnds) {
        const { rows } = await c.query('SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [applicationName]);
        terminated += (rows[0] as { n: number }).n;
        rounds++;
        await sleep(o.everyMs);
      }
    });
    phase = 'after';
    const stoppedAt = Date.now();
    // Recovery: the first 202 to a submission sent after the terminations stopped.
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && Date.now() - stoppedAt < o.recoveryLimitMs) {
      const s = await submit(gateway.url, token(), 20_000);
      phases.after.add(s);
      all.push(s);
      if (s.kind === 'accepted') recoveredAt = s.at;
      else await sleep(50);
    }
    check(failures, recoveredAt !== undefined, `no 202 within ${o.recoveryLimitMs / 1000} s after the terminations stopped`);
    // Then a while of normal load, every submission of which must be accepted.
    const afterRecovery = new Tally();
    const steadyEnds = Date.now() + Math.max(1_000, o.warmupMs);
    while (Date.now() < steadyEnds) afterRecovery.add(await submit(gateway.url, token(), 20_000));
    stop = true;
    await load;

    const accepted = [...phases.warmup.accepted, ...phases.fault.accepted, ...phases.after.accepted, ...afterRecovery.accepted];
    await waitForArrivals(accepted, receiver.arrivals, o.settleLimitMs);
    const pending = await waitForSettled(reader, o.settleLimitMs);
    check(failures, pending === 0, `${pending} outbox rows still pending after ${o.settleLimitMs / 1000} s`);
    const counts = await storeCounts(reader);
    checkAccepted(failures, accepted, counts, receiver.arrivals);

    const only503 = (t: Tally): boolean => [...t.statuses.keys()].every((k) => k === '503 store-unavailable');
    check(failures, phases.warmup.statuses.size === 0 && phases.warmup.noAnswer.size === 0, `before the fault: ${phases.warmup.summary()}`);
    check(failures, only503(phases.fault) && only503(phases.after), `answers other than 202 or 503 store-unavailable (problem+json): ${phases.fault.summary()}; after: ${phases.after.summary()}`);
    check(failures, phases.fault.count('503') + phases.after.count('503') > 0, `the terminations caused no 503 (${terminated} sessions ended): the fault did not bite`);
    check(failures, [phases.fault, phases.after, afterRecovery].every((t) => t.noAnswer.size === 0), 'requests went unanswered (the gateway crashed or hung)');
    check(failures, afterRecovery.statuses.size === 0 && afterRecovery.noAnswer.size === 0 && afterRecovery.accepted.length > 0, `after recovery not everything was accepted: ${afterRecovery.summary()}`);
    check(failures, gateway.alive(), 'the gateway process died');
    const acceptedSet = new Set(accepted);
    const storedWithout202 = [...counts.exchangeRows.keys()].filter((id) => !acceptedSet.has(id)).length;
    const repeated = [...receiver.arrivals.values()].filter((t) => t.length > 1).length;
    check(failures, (await gateway.stop()) === 0, 'the gateway did not stop cleanly');
    const verdict = await auditVerify(cfg.file);
    check(failures, verdict.ok, `audit verify: ${verdict.summary}`);
    return {
      name,
      failures,
      figures: {
        accepted: accepted.length,
        sessionsTerminated: terminated,
        terminationRounds: rounds,
        during: phases.fault.summary(),
        after: phases.after.summary(),
        unavailable503: phases.fault.count('503') + phases.after.count('503'),
        recoveryMs: recoveredAt === undefined ? -1 : recoveredAt - stoppedAt,
        afterRecovery: afterRecovery.summary(),
        storedWithout202,
        deliveredTwice: repeated,
        auditChecked: verdict.checked,
        audit: verdict.summary,
      },
    };
  } finally {
    await killAllGateways();
    await reader.close();
    await receiver.close();
    cfg.cleanup();
    await dropPgSchema(o.pgUrl, schema);
  }
}
