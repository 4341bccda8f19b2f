// The care path's process rules through the HTTP API, on SQLite (a PostgreSQL run of a representative
// path is in care-path-postgres.test.ts): for each rule a message that keeps it is accepted and one
// that breaks it is refused, as a JSON envelope (problem+json 422 care-path-rule, pointer, rule and
// retourcode) and as native iJw XML (the retour, with the rule's retourcode on the class concerned).
// A refused message leaves nothing behind: no exchange, no outbox row, no care-path fact. Each format
// runs on a gateway of its own; the clock follows each message's Dagtekening.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { BSN, jw301, jw305, jw307, jw315, jw319, jw323 } from '../support/care-path-fixtures.ts';
import { retourCodes, startCarePathGateway, submitJson, submitXml, type CarePathGateway } from '../support/care-path-api.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { buildGateway } from '../../src/gateway.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

type Msg = Record<string, any>;
type Step = readonly [type: string, message: Msg];

const DAY = '2026-01-09'; // a Friday

/** What a scenario may use without meeting another one: its own children, references and numbers. */
interface Ns {
  readonly bsn: string;
  readonly bsn2: string;
  readonly ref: (s: string) => string;
  readonly n: number;
}

interface Scenario {
  readonly rule: string;
  readonly retourcode: string;
  /** The rule the finding is reported under, when the brief's rule is carried out by another (OP072 via TR382). */
  readonly via?: string;
  readonly setup: (ns: Ns) => readonly Step[];
  readonly valid: (ns: Ns) => Step;
  readonly invalid: (ns: Ns) => Step;
  /** The pointer of the violation, into the message. */
  readonly pointer: string;
}

/** A request and its toewijzing (Ingangsdatum DAY, until 2026-06-30), and when asked a start on 2026-01-12. */
const assigned = (ns: Ns, start = false): Step[] => [
  ['JW315', jw315({ dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R1') }] })],
  ['JW301', jw301({ dag: DAY, bsn: ns.bsn, products: [{ nummer: ns.n, ref: ns.ref('R1'), ingang: DAY, eind: '2026-06-30' }] })],
  ...(start ? [['JW305', jw305({ dag: '2026-01-12', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12' }] })] as Step] : []),
];

const SCENARIOS: readonly Scenario[] = [
  {
    rule: 'TR056', retourcode: '9056', pointer: '/Header/BerichtIdentificatie/Identificatie',
    setup: () => [],
    valid: (ns) => ['JW315', jw315({ id: ns.ref('ID'), dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R1') }] })],
    invalid: (ns) => ['JW315', jw315({ id: ns.ref('ID'), dag: DAY, bsn: ns.bsn2, products: [{ ref: ns.ref('R2') }] })],
  },
  {
    rule: 'TR347', retourcode: '9347', pointer: '/Client/AangevraagdeProducten/AangevraagdProduct/0/ReferentieAanbieder',
    setup: (ns) => [['JW315', jw315({ dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R1') }] })], ['JW319', jw319({ dag: DAY, ref: ns.ref('R1'), antwoord: '1' })]],
    valid: (ns) => ['JW315', jw315({ dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R2') }] })],
    invalid: (ns) => ['JW315', jw315({ dag: DAY, bsn: ns.bsn2, products: [{ ref: ns.ref('R1') }] })],
  },
  {
    rule: 'TR355', retourcode: '9355', pointer: '/Antwoord/ReferentieAanbieder',
    setup: (ns) => [['JW315', jw315({ dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R1') }] })]],
    valid: (ns) => ['JW319', jw319({ dag: DAY, ref: ns.ref('R1'), antwoord: '1' })],
    invalid: (ns) => ['JW319', jw319({ dag: DAY, ref: ns.ref('R9'), antwoord: '1' })],
  },
  {
    rule: 'TR019', retourcode: '9019', pointer: '/Client/StartProducten/StartProduct/0/ToewijzingNummer',
    setup: (ns) => assigned(ns),
    valid: (ns) => ['JW305', jw305({ dag: '2026-01-12', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12' }] })],
    invalid: (ns) => ['JW305', jw305({ dag: '2026-01-12', bsn: ns.bsn, products: [{ nummer: ns.n + 1, begin: '2026-01-12' }] })],
  },
  {
    rule: 'TR063', retourcode: '9063', pointer: '/Client/StartProducten/StartProduct/0/StatusAanlevering',
    setup: (ns) => assigned(ns, true),
    invalid: (ns) => ['JW305', jw305({ dag: '2026-01-13', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-11', status: '3' }] })],
    valid: (ns) => ['JW305', jw305({ dag: '2026-01-13', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12', status: '3' }] })],
  },
  {
    rule: 'OP072', via: 'TR382', retourcode: '9069', pointer: '/Client/StopProducten/StopProduct/0/Begindatum',
    setup: (ns) => assigned(ns),
    invalid: (ns) => ['JW307', jw307({ dag: '2026-01-20', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12', eind: '2026-01-19' }] })],
    valid: (ns) => ['JW305', jw305({ dag: '2026-01-12', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12' }] })],
  },
  {
    rule: 'TR414', retourcode: '9414', pointer: '/Client/StopProducten/StopProduct/0/Einddatum',
    setup: (ns) => [...assigned(ns, true), ['JW307', jw307({ dag: '2026-01-20', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12', eind: '2026-01-16', reden: '20' }] })]],
    invalid: (ns) => ['JW307', jw307({ dag: '2026-01-21', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12', eind: '2026-01-15', reden: '31' }] })],
    valid: (ns) => ['JW307', jw307({ dag: '2026-01-21', bsn: ns.bsn, products: [{ nummer: ns.n, begin: '2026-01-12', eind: '2026-01-20', reden: '31' }] })],
  },
  {
    rule: 'TR314', retourcode: '8021', pointer: '/Declaratie/Clienten/Client/0/Prestaties/Prestatie/0/ProductReferentie/ReferentieNummer',
    setup: (ns) => [...assigned(ns, true), ['JW323', jw323({ dag: '2026-02-03', nummer: ns.ref('D1'), clients: [{ bsn: ns.bsn, prestaties: [{ ref: ns.ref('P1'), nummer: ns.n, begin: DAY, eind: '2026-01-31' }] }] })]],
    valid: (ns) => ['JW323', jw323({ dag: '2026-03-03', nummer: ns.ref('D2'), clients: [{ bsn: ns.bsn, prestaties: [{ ref: ns.ref('P2'), nummer: ns.n, begin: '2026-02-01', eind: '2026-02-28' }] }] })],
    invalid: (ns) => ['JW323', jw323({ dag: '2026-04-02', nummer: ns.ref('D3'), clients: [{ bsn: ns.bsn, prestaties: [{ ref: ns.ref('P1'), nummer: ns.n, begin: '2026-03-01', eind: '2026-03-31' }] }] })],
  },
  {
    rule: 'TR374', retourcode: '9374', pointer: '/Client',
    setup: (ns) => [['JW315', jw315({ dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R1') }] })]],
    invalid: (ns) => ['JW315', jw315({ dag: DAY, bsn: ns.bsn, products: [{ ref: ns.ref('R2') }] })],
    valid: (ns) => ['JW315', jw315({ dag: DAY, bsn: ns.bsn2, products: [{ ref: ns.ref('R3') }] })],
  },
  {
    rule: 'TR332', retourcode: '9332', pointer: '/Client/ToegewezenProducten/ToegewezenProduct/0/ToewijzingNummer',
    setup: (ns) => [...assigned(ns), ['JW315', jw315({ dag: DAY, bsn: ns.bsn2, products: [{ ref: ns.ref('R2') }] })]],
    invalid: (ns) => ['JW301', jw301({ dag: '2026-01-12', bsn: ns.bsn2, products: [{ nummer: ns.n, ref: ns.ref('R2'), ingang: '2026-01-12', eind: '2026-06-30' }] })],
    valid: (ns) => ['JW301', jw301({ dag: '2026-01-12', bsn: ns.bsn2, products: [{ nummer: ns.n + 1, ref: ns.ref('R2'), ingang: '2026-01-12', eind: '2026-06-30' }] })],
  },
];

const hasRetour = (type: string): boolean => ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319'].includes(type);
const dagOf = (m: Msg): string => m['Header']['BerichtIdentificatie']['Dagtekening'];
const nsOf = (i: number, format: string): Ns => ({ bsn: BSN[2 * i]!, bsn2: BSN[2 * i + 1]!, ref: (s) => `${format}${i}${s}`, n: 1000 * (i + 1) + (format === 'X' ? 500 : 0) });

for (const format of ['json', 'xml'] as const) {
  describe(`process rules through the HTTP API, as ${format === 'json' ? 'a JSON envelope' : 'native iJw XML'}`, () => {
    let g: CarePathGateway;
    const submit = (type: string, message: Msg): Promise<request.Response> => {
      g.clock.set(`${dagOf(message)}T10:00:00+01:00`);
      return format === 'json' ? submitJson(g, type, message) : submitXml(g, type, message);
    };

    beforeAll(async () => {
      // Requests the gateway does not know are errors from its first day (no migration window).
      g = await startCarePathGateway({ migrationRequestDays: 0 }, {}, `${DAY}T09:00:00+01:00`);
    });
    afterAll(async () => {
      await g.close();
    });

    SCENARIOS.forEach((s, i) => {
      it(`when a message keeps ${s.rule}, then it is accepted; when one breaks it, then it is refused with ${s.retourcode} and nothing of it is kept`, async () => {
        const ns = nsOf(i, format === 'json' ? 'J' : 'X');
        for (const [type, message] of s.setup(ns)) {
          const res = await submit(type, message);
          expect(res.status, `setup ${type}: ${res.text}`).toBe(202);
        }
        const [validType, valid] = s.valid(ns);
        const [invalidType, invalid] = s.invalid(ns);
        // TR063 and OP072: the invalid message is judged on the state before the valid one.
        const order: [Step, boolean][] = ['TR063', 'OP072', 'TR414', 'TR374', 'TR332'].includes(s.rule) ? [[[invalidType, invalid], false], [[validType, valid], true]] : [[[validType, valid], true], [[invalidType, invalid], false]];
        for (const [[type, message], ok] of order) {
          const before = (await g.gw.store.listExchanges({ party: 'jeugdhulp-de-brug', limit: 1000 })).length;
          const res = await submit(type, message);
          if (ok) {
            expect(res.status, res.text).toBe(202);
            expect(String(res.headers['content-type']).startsWith('application/xml')).toBe(format === 'xml' && hasRetour(type));
            if (format === 'xml' && hasRetour(type)) expect(new Set(retourCodes(res.text).map((r) => r.code))).toEqual(new Set(['0200']));
            continue;
          }
          expect(res.status, res.text).toBe(422);
          // A JW323 has no technical retour (its answer is the JW325): as XML too, the refusal is problem+json.
          if (format === 'json' || !hasRetour(type)) {
            expect(res.body.code).toBe('care-path-rule');
            expect(res.body.errors).toEqual([expect.objectContaining({ pointer: format === 'json' ? `/message${s.pointer}` : s.pointer, rule: s.via ?? s.rule, retourcode: s.retourcode })]);
          } else {
            expect(res.headers['content-type']).toMatch(/^application\/xml/);
            // The retourcode sits on the class that holds the offending element.
            const onClass = retourCodes(res.text).filter((r) => r.code === s.retourcode && (s.pointer === r.pointer || s.pointer.startsWith(`${r.pointer}/`)));
            expect(onClass, JSON.stringify(retourCodes(res.text))).not.toEqual([]);
          }
          // Nothing of the refused message was kept: no exchange row for it.
          expect((await g.gw.store.listExchanges({ party: 'jeugdhulp-de-brug', limit: 1000 })).length).toBe(before);
        }
      });
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

describe('strict, warn and migration through the HTTP API', () => {
  let g: CarePathGateway;
  beforeAll(async () => {
    g = await startCarePathGateway({ rules: { TR056: 'warn' } }, {}, `${DAY}T10:00:00+01:00`);
  });
  afterAll(async () => {
    await g.close();
  });

  it('when TR056 is set to warn, then a repeated BerichtIdentificatie is accepted with the warning in the 202 answer', async () => {
    expect((await submitJson(g, 'JW315', jw315({ id: 'W-1', dag: DAY, bsn: BSN[0]!, products: [{ ref: 'W-R1' }] }))).status).toBe(202);
    const again = await submitJson(g, 'JW315', jw315({ id: 'W-1', dag: DAY, bsn: BSN[1]!, products: [{ ref: 'W-R2' }] }));
    expect(again.status).toBe(202);
    expect(again.body.warnings).toEqual([{ pointer: '/Header/BerichtIdentificatie/Identificatie', detail: expect.any(String), rule: 'TR056', retourcode: '9056', migration: false }]);
    // Other rules stay strict.
    const pending = await submitJson(g, 'JW315', jw315({ dag: DAY, bsn: BSN[0]!, products: [{ ref: 'W-R3' }] }));
    expect(pending.status).toBe(422);
    expect(pending.body.errors[0]).toMatchObject({ rule: 'TR374', retourcode: '9374' });
  });

  it('when a stop comes on a path the gateway never saw (migration), then it is accepted with a migration warning even in strict mode', async () => {
    const res = await submitJson(g, 'JW307', jw307({ dag: DAY, bsn: BSN[5]!, products: [{ nummer: 77, begin: '2025-09-03', eind: '2026-01-08' }] }));
    expect(res.status, res.text).toBe(202);
    expect(res.body.warnings.length).toBeGreaterThan(0);
    for (const w of res.body.warnings) expect(w).toMatchObject({ rule: expect.any(String), migration: true });
  });

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

