// Units of the operators' work: cron expressions and time zones, the schedules' lock (on one SQLite store), the delivery
// error classes, the LDV export mapping (exact both ways), and chain verification with signed
// checkpoints (a tampered record, removed records, a forged or foreign signature), and the CLI's
// progress bar.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCronSchedule, nextRuns } from '../../src/scheduler/cron.ts';
import { createStoreClusterLock } from '../../src/scheduler/store-cluster-lock.ts';
import { openStore } from '../../src/store/open-store.ts';
import { deliveryErrorClass } from '../../src/exchange/dead-letters.ts';
import { appendAudit } from '../../src/audit/audit-log.ts';
import type { AuditRecord } from '../../src/kernel/audit-record.ts';
import { fromLdvRecord, toLdvRecord } from '../../src/audit/ldv-export.ts';
import { createChainVerifier } from '../../src/audit/chain-verifier.ts';
import { loadCheckpointSigner, publicKeyFromJwk } from '../../src/audit/checkpoint-signing.ts';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import type { StoreTx } from '../../src/store/store.ts';
import { progressBar } from '../../src/cli/cli-support.ts';

describe('cron expressions and time zones', () => {
  it('when an expression is valid, with 5 fields or 6 (seconds first), then there is no error', () => {
    expect(validateCronSchedule('0 2 * * *', 'Europe/Amsterdam')).toEqual([]);
    expect(validateCronSchedule('*/5 * * * * *', 'UTC')).toEqual([]);
    expect(validateCronSchedule('0 9 * * 1-5', 'Europe/Amsterdam')).toEqual([]);
  });

  it('when an expression or zone is wrong, then each problem names its field', () => {
    expect(validateCronSchedule('0 25 * * *', 'Europe/Amsterdam')).toEqual([{ pointer: '/cron', detail: '25 is an invalid hour (0-23)', rule: 'cron' }]);
    expect(validateCronSchedule('0 0 * 13 *', 'Europe/Amsterdam')[0]?.detail).toMatch(/month/);
    expect(validateCronSchedule('every day', 'Europe/Amsterdam')[0]?.detail).toMatch(/5 fields .*, or 6 with seconds first; this one has 2/);
    // Proper English, not node-cron's own "25 is a invalid expression for hour" (regression, issue 13).
    expect(validateCronSchedule('a b c d e', 'Europe/Amsterdam').map((e) => e.detail)).toEqual([
      'a is an invalid minute (0-59)',
      'b is an invalid hour (0-23)',
      'c is an invalid day of the month (1-31)',
      'd is an invalid month (1-12 or JAN-DEC)',
      'e is an invalid weekday (0-7 or SUN-SAT; 0 and 7 are Sunday)',
    ]);
    expect(validateCronSchedule('* * * * *', 'Europe/Amstelveen')).toEqual([expect.objectContaining({ pointer: '/timeZone' })]);
  });

  it('when next runs are computed in Europe/Amsterdam, then 09:00 local is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const runs = nextRuns('0 9 * * *', 'Europe/Amsterdam', 3);
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(run);
      expect(local).toBe('09:00');
      expect([7, 8]).toContain(run.getUTCHours());
    }
    expect(nextRuns('0 9 * * *', 'UTC', 1)[0]?.getUTCHours()).toBe(9);
  });
});

describe('the schedules\' lock on a single-process (SQLite) store', () => {
  it('when a key is held, then a second acquire gets nothing until it is released; other keys are free', async () => {
    const store = await openStore('sqlite::memory:');
    const lock = createStoreClusterLock(store);
    const lease = await lock.tryAcquire('schedule:a');
    expect(lease).toBeDefined();
    expect(await lock.tryAcquire('schedule:a')).toBeUndefined();
    expect(await lock.tryAcquire('schedule:b')).toBeDefined();
    await lease!.release();
    await lease!.release(); // twice is harmless
    expect(await lock.tryAcquire('schedule:a')).toBeDefined();
    await store.close();
  });
});

describe('delivery error classes', () => {
  it('when adapters report their failures, then the class says what kind of trouble it is, without any content', () => {
    expect(deliveryErrorClass('HTTP 503')).toBe('receiver-unavailable');
    expect(deliveryErrorClass('HTTP 429')).toBe('receiver-unavailable');
    expect(deliveryErrorClass('HTTP 400')).toBe('receiver-refused');
    expect(deliveryErrorClass('network: ECONNREFUSED')).toBe('network');
    expect(deliveryErrorClass('network: TimeoutError')).toBe('timeout');
    expect(deliveryErrorClass('adapter error: boom')).toBe('adapter-error');
    expect(deliveryErrorClass('receiver has no endpoint')).toBe('configuration');
    expect(deliveryErrorClass(null)).toBe('unknown');
  });
});

/** A chain in memory, written by the real appendAudit. */
async function chain(n: number, alterAt?: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  const tx = {
    auditHead: () => Promise.resolve(records.length === 0 ? undefined : { seq: records.at(-1)!.seq, hash: records.at(-1)!.hash }),
    insertAudit: (r: AuditRecord) => {
      records.push(r);
      return Promise.resolve();
    },
  } as unknown as StoreTx;
  for (let i = 0; i < n; i++) {
    await appendAudit(
      tx,
      {
        traceId: 'a'.repeat(31) + String(i % 10),
        spanId: 'b'.repeat(16),
        action: i % 2 === 0 ? 'exchange.submit' : 'delivery.attempt',
        outcome: i % 3 === 0 ? 'refused' : 'allowed',
        reason: 'no-legal-basis',
        exchangeId: '2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10',
        actor: 'jeugdhulp-de-brug',
        counterparty: 'gemeente-diemen',
        messageType: 'JW315',
        purpose: 'verzoek-toewijzing',
        processingActivityId: 'https://ketenpoort.nl/register/verwerkingen/ijw-verzoek-toewijzing/1',
        legalBasis: 'jw-7.4.0-lid-2',
        rule: 'ijw-verzoek-toewijzing@1',
        policyVersion: '2026.11',
        consentIds: i === 4 ? ['c-1', 'c-2'] : [],
        dataSubjectId: 'f'.repeat(64),
        dataSubjectIdType: 'bsn-pseudonym',
        releasedFields: ['/Client/Bsn', '/Header/Afzender'],
        detail: i === alterAt ? 'rewritten afterwards' : i === 3 ? 'Zoë — ĳs 👶 "quoted"' : undefined,
      },
      new Date(Date.UTC(2026, 10, 23, 12, 0, i, 123)),
    );
  }
  return records;
}

describe('the LDV export', () => {
  it('when records are exported and read back, then every record comes back exactly, with LDV names where the LDV has them', async () => {
    for (const record of await chain(6)) {
      const line = toLdvRecord(record);
      expect(line).toMatchObject({
        trace_id: record.traceId,
        span_id: record.spanId,
        name: record.action,
        start_time: Date.parse(record.time),
        end_time: Date.parse(record.time),
        attributes: {
          'dpl.core.processing_activity_id': record.processingActivityId,
          'dpl.core.data_subject_id': record.dataSubjectId,
          'dpl.core.data_subject_id_type': 'bsn-pseudonym',
          'ketenpoort.seq': record.seq,
          'ketenpoort.prev_hash': record.prevHash,
          'ketenpoort.hash': record.hash,
        },
      });
      expect(fromLdvRecord(JSON.parse(JSON.stringify(line)))).toStrictEqual(record);
    }
  });
});

describe('chain verification with signed checkpoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-key-'));
  const signer = loadCheckpointSigner(join(dir, 'key.jwk.json'), { create: true });
  const key = publicKeyFromJwk(signer.publicJwk);
  const other = loadCheckpointSigner(join(dir, 'other.jwk.json'), { create: true });
  const sign = (r: AuditRecord) => signer.sign({ seq: r.seq, hash: r.hash, signedAt: '2026-11-23T12:00:00.000Z' });

  function verify(records: readonly AuditRecord[], checkpoints: ReturnType<typeof sign>[], withKey = true) {
    const verifier = createChainVerifier(withKey ? { publicKey: key } : {});
    for (const c of checkpoints) verifier.addCheckpoint(c);
    for (const r of records) verifier.addRecord(r);
    return verifier.finish();
  }

  it('when the chain and its checkpoints are whole, then both verify and the signed part is named', async () => {
    const records = await chain(8);
    expect(verify(records, [sign(records[3]!), sign(records[6]!)])).toEqual({
      ok: true,
      checked: 8,
      head: { seq: 8, hash: records[7]!.hash },
      firstBroken: null,
      checkpoints: { verified: 2, unchecked: 0, failed: [], signedUpTo: 7 },
    });
    expect(verify(records, [sign(records[3]!)], false).checkpoints).toEqual({ verified: 0, unchecked: 1, failed: [], signedUpTo: null });
    expect(signer.keyId).toBe(signer.publicJwk.kid);
  });

  it('when records after a checkpoint were removed, then verification fails although the rest of the chain links up', async () => {
    const records = await chain(8);
    const result = verify(records.slice(0, 5), [sign(records[6]!)]);
    expect(result).toMatchObject({ ok: false, firstBroken: null, checked: 5, checkpoints: { failed: [{ seq: 7, problem: expect.stringMatching(/records were removed/) }] } });
  });

  it('when a signed record was rewritten with a recomputed chain, then the chain links up but its checkpoint no longer matches', async () => {
    const original = await chain(6);
    const checkpoint = sign(original[4]!);
    // Record 2 rewritten and every hash after it recomputed: the chain alone cannot tell...
    const forged = await chain(6, 1);
    expect(forged[1]!.hash).not.toBe(original[1]!.hash);
    expect(verify(forged, []).ok).toBe(true);
    // ...the checkpoint signed over the original can.
    expect(verify(forged, [checkpoint])).toMatchObject({ ok: false, firstBroken: null, checkpoints: { verified: 0, failed: [{ seq: 5, problem: 'the record differs from the one the checkpoint signed' }] } });
  });

  it('when a checkpoint is forged or signed with another key, then it fails with the reason', async () => {
    const records = await chain(4);
    const good = sign(records[2]!);
    const forgedSignature = { ...good, signature: other.sign({ seq: good.seq, hash: good.hash, signedAt: good.signedAt }).signature };
    expect(verify(records, [forgedSignature]).checkpoints?.failed).toEqual([{ seq: 3, problem: 'the signature does not verify' }]);
    const foreign = other.sign({ seq: records[2]!.seq, hash: records[2]!.hash, signedAt: good.signedAt });
    expect(verify(records, [foreign]).checkpoints?.failed).toEqual([{ seq: 3, problem: expect.stringMatching(/^signed with key .* not with the given key/) }]);
    const wrongHash = { ...good, hash: records[1]!.hash };
    expect(verify(records, [wrongHash]).checkpoints?.failed).toEqual([{ seq: 3, problem: 'the record differs from the one the checkpoint signed' }]);
  });

  it('when the key file is missing outside demo mode, or is not an Ed25519 private key, then loading refuses with config-invalid', () => {
    expect(() => loadCheckpointSigner(join(dir, 'absent.json'), { create: false })).toThrow(GatewayError);
    expect(() => publicKeyFromJwk({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })).toThrow(/Ed25519/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the CLI progress bar', () => {
  function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
    const stream = { isTTY, text: '', write(chunk: string) { stream.text += chunk; return true; } };
    return stream as unknown as NodeJS.WriteStream & { text: string };
  }

  it('when the output is a terminal, then it draws a bar with the count and the total, and ends the line', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const stream = fakeStream(true);
      const bar = progressBar('verifying', stream);
      vi.setSystemTime(200);
      bar.update(25_000, 100_000);
      vi.setSystemTime(250);
      bar.update(30_000); // within 100 ms of the last draw: not drawn
      vi.setSystemTime(2_000);
      bar.finish(100_000);
      const frames = stream.text.split('\r').filter(Boolean);
      expect(frames[0]).toMatch(/^verifying \[#{8}\.{22}\] 25,000 \/ 100,000 \(125,000\/s\)/);
      expect(frames).toHaveLength(2);
      expect(frames[1]).toMatch(/^verifying \[#{30}\] 100,000 \/ 100,000 .*\n$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the output is not a terminal (a pipe, CI), then it writes nothing', () => {
    const stream = fakeStream(false);
    const bar = progressBar('verifying', stream);
    bar.update(1, 2);
    bar.finish(2);
    expect(stream.text).toBe('');
  });
});
