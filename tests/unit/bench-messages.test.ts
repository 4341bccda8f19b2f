// The benchmark's messages are distinct per request (bench/support/distinct-message.ts): a gateway that
// keeps care paths refuses a repeated message, so a bench of one repeated body would measure refusals.
import { describe, expect, it } from 'vitest';
import { benchBsn, fillMessage } from '../../bench/support/distinct-message.ts';
import { benchMessage } from '../../bench/support/message.ts';
import { isBsn } from '../../src/validation/identifiers.ts';

describe('bench messages', () => {
  it('when numbered, then every BSN passes the 11-test and no two are the same', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200_000; n += 1) {
      const bsn = benchBsn(n);
      expect(bsn).toMatch(/^9[89]\d{7}$/);
      seen.add(bsn);
    }
    expect(seen.size).toBe(200_000);
    for (const n of [0, 1, 17, 99_999, 400_001]) expect(isBsn(benchBsn(n)), benchBsn(n)).toBe(true);
  });

  it('when the template is filled for two numbers, then id, references and child differ, and nothing is left unfilled', () => {
    const { body } = benchMessage();
    const [a, b] = [JSON.parse(fillMessage(body, 1)), JSON.parse(fillMessage(body, 2))];
    expect(fillMessage(body, 1)).not.toContain('{{');
    expect(a.message.Header.BerichtIdentificatie.Identificatie).not.toBe(b.message.Header.BerichtIdentificatie.Identificatie);
    expect(a.message.Client.Bsn).not.toBe(b.message.Client.Bsn);
    const refs = (m: any): string[] => m.message.Client.AangevraagdeProducten.AangevraagdProduct.map((p: { ReferentieAanbieder: string }) => p.ReferentieAanbieder);
    expect(new Set([...refs(a), ...refs(b)]).size).toBe(refs(a).length * 2);
  });
});
