// The care path through the HTTP API, beyond the rules themselves: a refusal by a process rule is
// audited with its reason and no exchange, in both formats, and a config that names an unknown rule
// code keeps the gateway from starting. Every process rule, valid and invalid, as a JSON envelope and as
// native iJw XML (with the rule's retourcode on the class concerned, and nothing of a refused message
// kept: no exchange, no outbox row, no care-path fact), strict, warn and migration: in
// care-path-rules-api.test.ts. A PostgreSQL run of a representative path is in
// care-path-batch-and-postgres.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { BSN, jw315 } from '../support/care-path-fixtures.ts';
import { startCarePathGateway, submitJson, submitXml, type CarePathGateway } from '../support/care-path-api.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { buildGateway } from '../../src/gateway.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

type Msg = Record<string, any>;

const DAY = '2026-01-09'; // a Friday

for (const format of ['json', 'xml'] as const) {
  describe(`a care-path refusal through the HTTP API, as ${format === 'json' ? 'a JSON envelope' : 'native iJw XML'}`, () => {
    let g: CarePathGateway;
    const submit = (type: string, message: Msg): Promise<request.Response> => (format === 'json' ? submitJson(g, type, message) : submitXml(g, type, message));

    beforeAll(async () => {
      g = await startCarePathGateway({ migrationRequestDays: 0 }, {}, `${DAY}T10:00:00+01:00`);
    });
    afterAll(async () => {
      await g.close();
    });

    it('when a message is refused by a process rule, then the refusal is audited with its reason and no exchange', async () => {
      const message = jw315({ id: `${format}-AUDIT`, dag: DAY, bsn: BSN[19]!, products: [{ ref: `${format}-AUDIT-R` }] });
      expect((await submit('JW315', message)).status).toBe(202);
      expect((await submit('JW315', message)).status).toBe(422);
      const audit = await g.gw.store.listAudit({ party: 'jeugdhulp-de-brug', limit: 100_000 });
      const last = audit.filter((r) => r.action === 'exchange.submit').at(-1);
      expect(last).toMatchObject({ outcome: 'refused', reason: 'care-path-rule', actor: 'jeugdhulp-de-brug', messageType: 'JW315' });
      expect(last?.exchangeId).toBeUndefined();
    });
  });
}

describe('the care-path config', () => {
  it('when the config names a rule code the gateway does not know, then the gateway does not start', async () => {
    const cfg = writeTestConfig({ carePath: { rules: { TR999: 'warn' } } });
    try {
      await expect(buildGateway(loadConfig(cfg.file, {}), { background: false })).rejects.toMatchObject({ code: 'config-invalid' });
      // The schema: writeTestConfig loads the config it writes.
      expect(() => writeTestConfig({ carePath: { mode: 'lenient' } })).toThrow(/carePath\/mode/);
    } finally {
      cfg.cleanup();
    }
  });
});
