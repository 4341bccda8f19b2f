import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSpanId, traceFromHeader } from '../../src/kernel/trace-context.ts';
import { createPseudonymizer } from '../../src/audit/pseudonym.ts';

describe('trace and span ids from the random pool', () => {
  it('when many more ids are made than one pool holds, then each is well-formed and none repeats', () => {
    const spans = Array.from({ length: 5_000 }, () => newSpanId());
    const traces = Array.from({ length: 2_000 }, () => traceFromHeader(undefined));
    expect(spans.every((s) => /^[0-9a-f]{16}$/.test(s))).toBe(true);
    expect(traces.every((t) => /^[0-9a-f]{32}$/.test(t.traceId) && /^[0-9a-f]{16}$/.test(t.spanId))).toBe(true);
    expect(new Set([...spans, ...traces.map((t) => t.spanId)]).size).toBe(7_000);
    expect(new Set(traces.map((t) => t.traceId)).size).toBe(2_000);
  });
});

describe('pseudonymizer', () => {
  it('when BSNs are asked for again, in and beyond the remembered few hundred, then each pseudonym is the HMAC-SHA256 of its BSN with the secret', () => {
    const secret = 'een-geheim-van-de-gateway';
    const pseudonymize = createPseudonymizer(secret);
    const bsns = Array.from({ length: 1_500 }, (_, i) => String(100_000_000 + i * 7));
    for (let round = 0; round < 2; round++) {
      for (const bsn of [...bsns, ...bsns.slice(0, 10).reverse()]) {
        expect(pseudonymize(bsn)).toBe(createHmac('sha256', secret).update(bsn).digest('hex'));
      }
    }
    expect(createPseudonymizer('een ander geheim')(bsns[0] as string)).not.toBe(pseudonymize(bsns[0] as string));
  });
});
