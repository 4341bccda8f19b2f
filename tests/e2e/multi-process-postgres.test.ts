// Several gateway processes on one PostgreSQL database: three real server processes
// (`ketenpoort serve`) start together on one fresh schema, a bounded burst of exchanges is spread over
// them, and one of them is killed with SIGKILL in the middle while it holds leased outbox rows.
//
// The guarantee under test, stated honestly: delivery is at-least-once, with the exchange id as
// Idempotency-Key, so a receiver that deduplicates by it sees every accepted exchange exactly once.
// The gateway itself delivers each exchange once, except in one case no system can avoid: a process
// that dies after the receiver got the message but before it recorded the outcome (a lost settle).
// Its lease then expires and another process delivers the row again, with the same Idempotency-Key.
// So the test asserts:
// - every exchange that got a 202 reached the receiver (counted by exchange id) and is `delivered`;
// - an exchange arrived twice only if it was leased by the killed process when it died (the first
//   arrival around the kill, the second after that lease expired), and never more than twice;
// - the audit chain verifies, and records exactly one submission and one successful delivery per
//   accepted exchange; a row whose lease died with the killed process has its lost attempt recorded
//   (outcome lease-expired) by the survivor that redelivered it, and no other row has one.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { startCountingReceiver, type CountingReceiver } from '../support/counting-receiver.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

const run = promisify(execFile);
const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, unknown>;
const body = JSON.stringify({ messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: jw315 });

const burstSize = 180;
const concurrency = 9;
const leaseMs = 6_000;

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('three gateway processes on one PostgreSQL database'), () => {
  const schema = freshSchema('kp_e2e');
  let receiver: CountingReceiver;
  let cfg: TestConfig;
  let storeUrl: string;
  const gateways: GatewayProcess[] = [];

  beforeAll(async () => {
    storeUrl = pgStoreUrl(schema, { poolMax: '5' });
    // The receiver answers after 150 ms: deliveries are in flight long enough to be cut off by the kill.
    receiver = await startCountingReceiver({ delayMs: 150 });
    cfg = writeTestConfig({
      receiverUrl: receiver.url,
      // A short lease, so the killed process's rows come back within the test; the delivery timeout
      // stays well inside it, so a live process never loses a lease to a slow receiver.
      delivery: { leaseMs, timeoutMs: 1_000, maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 200, pollIntervalMs: 20 },
    });
    // All three start at once on an empty schema: the migrations must run exactly once.
    gateways.push(...(await Promise.all([0, 1, 2].map(() => startGatewayProcess(cfg.file, { KETENPOORT_STORE_URL: storeUrl })))));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop('SIGKILL')));
    await receiver.close();
    cfg.cleanup();
    await dropSchema(schema);
  }, 30_000);

  it('when one of three processes is killed mid-burst, then every accepted exchange is delivered (once per exchange id) and the audit chain verifies', async () => {
    const victim = gateways[1]!;
    const victimPid = victim.child.pid!;
    const token = cfg.token('jeugdhulp-de-brug');
    const accepted: string[] = [];
    const failed: string[] = [];
    const dead = new Set<number>();
    let killedAt = 0;
    let lostSettles: string[] = [];
    const leaseUntil = new Map<string, number>();
    let sent = 0;

    const submit = async (target: number): Promise<void> => {
      try {
        const res = await fetch(`${gateways[target]!.url}/v1/exchanges`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        const answer = (await res.json()) as { exchangeId?: string };
        if (res.status === 202 && typeof answer.exchangeId === 'string') accepted.push(answer.exchangeId);
        else failed.push(`${res.status}`);
      } catch (error) {
        failed.push((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name);
      }
    };

    /** Kills the victim at the first moment it holds leased rows, and notes which rows it held. */
    const killWhenHoldingLeases = async (): Promise<void> => {
      await withPgClient(async (c) => {
        const owner = `%/${victimPid}/%`;
        for (let i = 0; i < 500; i++) {
          const held = await c.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE status = 'pending' AND lease_owner LIKE $1`, [owner]);
          if ((held.rows[0] as { n: number }).n > 0) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        victim.child.kill('SIGKILL');
        killedAt = Date.now();
        dead.add(1);
        // The dead process's leases stay in the table until they expire: these rows lost their settle.
        const rows = await c.query(`SELECT exchange_id, lease_until FROM "${schema}".outbox WHERE status = 'pending' AND lease_owner LIKE $1`, [owner]);
        for (const r of rows.rows as { exchange_id: string; lease_until: string }[]) leaseUntil.set(r.exchange_id, Number(r.lease_until));
        lostSettles = [...leaseUntil.keys()];
      });
    };

    // The burst: `concurrency` loops, round-robin over the live processes (as a load balancer would).
    let killing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (sent < burstSize) {
          const n = sent++;
          if (n === Math.floor(burstSize / 3)) killing = killWhenHoldingLeases();
          const live = [0, 1, 2].filter((i) => !dead.has(i));
          await submit(live[n % live.length]!);
        }
      }),
    );
    await killing;
    expect(await victim.stop()).toBeNull(); // it died of SIGKILL, no exit code
    expect(killedAt).toBeGreaterThan(0);
    expect(lostSettles.length).toBeGreaterThan(0); // the kill did cut off held rows: the lease path is exercised

    // Most of the burst was accepted; the only failures are requests to the victim cut off by the kill.
    expect(accepted.length).toBeGreaterThan(burstSize * 0.8);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(failed.every((f) => !/^\d+$/.test(f))).toBe(true);

    // Wait until every accepted exchange and every row the victim held is settled as delivered (the
    // victim's rows only after their lease expired and a survivor claimed them).
    const mustSettle = [...new Set([...accepted, ...lostSettles])];
    const deadline = Date.now() + 30_000;
    let unsettled = mustSettle.length;
    await withPgClient(async (c) => {
      while (Date.now() < deadline) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE exchange_id = ANY($1) AND status = 'delivered'`, [mustSettle]);
        unsettled = mustSettle.length - (rows[0] as { n: number }).n;
        if (unsettled === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    expect(unsettled).toBe(0);

    // At the receiver, counted by exchange id (Idempotency-Key).
    const lost = new Set(lostSettles);
    expect(accepted.filter((id) => !receiver.arrivals.has(id))).toStrictEqual([]);
    const repeated = [...receiver.arrivals].filter(([, times]) => times.length > 1);
    for (const [id, times] of repeated) {
      expect(lost.has(id)).toBe(true); // only a row whose settle died with the victim comes twice...
      expect(times).toHaveLength(2); // ...and at most twice
      // First delivered by the victim (around the kill), again by a survivor only once the lease expired.
      expect(times[0]!).toBeLessThan(killedAt + 500);
      expect(times[1]!).toBeGreaterThanOrEqual(leaseUntil.get(id)!);
    }
    // Arrivals nobody got a 202 for: exchanges the victim committed but could not answer before it died.
    const unacknowledged = [...receiver.arrivals.keys()].filter((id) => !accepted.includes(id));
    expect(unacknowledged.length).toBeLessThanOrEqual(failed.length);
    expect(receiver.withoutKey).toBe(0);
    console.info(
      `multi-process burst: ${accepted.length} accepted, ${failed.length} cut off by the kill (${failed.join(' ')}), ` +
        `${lostSettles.length} rows held by the killed process, ${repeated.length} delivered again after its lease expired, ` +
        `${unacknowledged.length} delivered without a 202`,
    );

    // The audit chain: one chain over all three processes, gap-free, verified by the CLI.
    const { stdout } = await run(process.execPath, [resolve(repoRoot, 'bin/ketenpoort.mjs'), 'audit', 'verify', '--config', cfg.file, '--json'], {
      env: { ...process.env, KETENPOORT_STORE_URL: storeUrl },
      cwd: repoRoot,
    });
    const verification = JSON.parse(stdout) as { ok: boolean; checked: number };
    expect(verification.ok).toBe(true);
    expect(verification.checked).toBeGreaterThanOrEqual(2 * accepted.length);

    // Per accepted exchange: exactly one submission and exactly one successful delivery recorded; per
    // row the victim held: its lost attempt recorded once (lease-expired), and the outbox counts it.
    const counts = await withPgClient(async (c) => {
      const { rows } = await c.query(
        `SELECT a.exchange_id,
                count(*) FILTER (WHERE action = 'exchange.submit' AND outcome = 'allowed')::int AS submitted,
                count(*) FILTER (WHERE action = 'delivery.attempt' AND outcome = 'delivered')::int AS delivered,
                count(*) FILTER (WHERE action = 'delivery.attempt' AND outcome = 'lease-expired')::int AS lost,
                count(*) FILTER (WHERE action = 'delivery.attempt')::int AS attempts,
                min(o.attempts)::int AS outbox_attempts
           FROM "${schema}".audit a JOIN "${schema}".outbox o ON o.exchange_id = a.exchange_id
          WHERE a.exchange_id = ANY($1) GROUP BY a.exchange_id`,
        [mustSettle],
      );
      return rows as { exchange_id: string; submitted: number; delivered: number; lost: number; attempts: number; outbox_attempts: number }[];
    });
    expect(counts).toHaveLength(mustSettle.length);
    expect(counts.filter((r) => r.submitted !== 1 || r.delivered !== 1)).toStrictEqual([]);
    expect(counts.filter((r) => r.lost !== (lost.has(r.exchange_id) ? 1 : 0))).toStrictEqual([]);
    expect(counts.filter((r) => r.attempts !== r.outbox_attempts)).toStrictEqual([]);

    // The survivors shut down cleanly.
    expect(await gateways[0]!.stop('SIGTERM')).toBe(0);
    expect(await gateways[2]!.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
