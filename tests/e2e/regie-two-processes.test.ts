// Two registrations of a regievoerder for one child at the same moment, sent to two gateway processes
// on one PostgreSQL database: exactly one wins, every other answer is a 409 naming the winner's
// organisation, and the child has one active regie (the partial unique index decides, not the process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { giMeasure, involveGemeente, type SendExchange } from '../support/regie-setup.ts';

const CHILD = '999900018';

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('the regie register in two processes on one PostgreSQL database'), () => {
  const schema = freshSchema('kp_regie2');
  let cfg: TestConfig;
  const gateways: GatewayProcess[] = [];

  beforeAll(async () => {
    cfg = writeTestConfig();
    const url = pgStoreUrl(schema);
    gateways.push(...(await Promise.all([0, 1].map(() => startGatewayProcess(cfg.file, { KETENPOORT_STORE_URL: url })))));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    cfg.cleanup();
    await dropSchema(schema);
  }, 30_000);

  it('when the gemeente and the GI register the same child in parallel at both processes, then one 201 and the rest 409 naming the winner', async () => {
    // Both may: the gemeente has exchanged about the child, the GI carries out its OTS.
    const send: SendExchange = async (party, envelope) => {
      const res = await fetch(`${gateways[0]!.url}/v1/exchanges`, { method: 'POST', headers: { authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
      return { status: res.status, body: (await res.json()) };
    };
    await involveGemeente(send, CHILD);
    await giMeasure(send, CHILD);
    const attempt = async (i: number): Promise<{ status: number; body: Record<string, unknown> }> => {
      const party = i % 2 === 0 ? 'gemeente-diemen' : 'gi-jeugdbescherming-west';
      const res = await fetch(`${gateways[i % 2]!.url}/v1/regie`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.token(party)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ bsn: CHILD, contactFunction: `team ${i}`, legalBasis: 'jw-7.4.0-lid-1' }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i)));
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    const lost = answers.filter((a) => a.status !== 201);
    expect(lost.every((a) => a.status === 409 && String(a.body.detail).includes(String(won[0]!.body.partyName)))).toBe(true);
    const look = await fetch(`${gateways[1]!.url}/v1/regie/lookup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cfg.token(String(won[0]!.body.party))}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bsn: CHILD }),
    });
    expect(((await look.json()) as { regie: { party: string } }).regie.party).toBe(won[0]!.body.party);
  }, 60_000);
});
