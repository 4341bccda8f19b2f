// The care path beyond live submissions on SQLite: the XML folder source (pull-sync, through the same
// submit use case) is judged by the same process rules, and a representative path runs on PostgreSQL
// through the HTTP API, two gateway processes' worth of stores sharing one schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { carePathReaderOf } from '../../src/kernel/care-path-record.ts';
import { BSN, DE_BRUG, DIEMEN, jw301, jw305, jw307, jw315 } from '../support/care-path-fixtures.ts';
import { codec, retourCodes, startCarePathGateway, submitJson, submitXml, type CarePathGateway } from '../support/care-path-api.ts';
import { dropSchema, freshSchema, pgSkipReason, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';
import { createPseudonymizer } from '../../src/audit/pseudonym.ts';

const DAY = '2026-01-09';
const actor = { id: 'operator-demo', trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) } };

describe('the XML folder source (pull-sync) and the care path', () => {
  let g: CarePathGateway;
  let exportDir: string;
  beforeAll(async () => {
    exportDir = mkdtempSync(join(tmpdir(), 'ketenpoort-care-path-export-'));
    g = await startCarePathGateway({}, { sources: { 'jeugdhulp-de-brug': { kind: 'ijw-xml-folder', endpoint: exportDir } } }, `${DAY}T10:00:00+01:00`);
  });
  afterAll(async () => {
    await g.close();
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('when an exported file breaks a process rule, then that record is refused with care-path-rule and the rest go through, with their facts kept', async () => {
    writeFileSync(join(exportDir, '0001-JW315.xml'), codec.render('JW315', jw315({ id: 'FOLDER-1', dag: DAY, bsn: BSN[0]!, products: [{ ref: 'F-R1' }] })));
    // The same ReferentieAanbieder for another child (TR347).
    writeFileSync(join(exportDir, '0002-JW315.xml'), codec.render('JW315', jw315({ id: 'FOLDER-2', dag: DAY, bsn: BSN[1]!, products: [{ ref: 'F-R1' }] })));
    writeFileSync(join(exportDir, '0003-JW315.xml'), codec.render('JW315', jw315({ id: 'FOLDER-3', dag: DAY, bsn: BSN[1]!, products: [{ ref: 'F-R2' }] })));
    const created = await g.gw.scheduler.create({ name: 'export', cron: '0 4 * * *', jobKind: 'pull-sync', params: { party: 'jeugdhulp-de-brug', pageSize: 10 }, paused: true }, actor);
    const started = await g.gw.scheduler.runNow(created.scheduleId, actor);
    await g.gw.scheduler.idle();
    const run = await g.gw.scheduler.getRun(created.scheduleId, started.runId);
    expect(run).toMatchObject({ status: 'succeeded', counts: { read: 3, accepted: 2, refused: 1, failed: 0 } });
    expect((run.details as { refusals: unknown[] }).refusals).toEqual([{ recordId: '0002-JW315.xml', code: 'care-path-rule' }]);
    await g.gw.store.transaction(async (tx) => {
      const requests = (await carePathReaderOf(tx).requests([{ aanbieder: DE_BRUG, referentie: 'F-R1' }, { aanbieder: DE_BRUG, referentie: 'F-R2' }])).requests ?? [];
      const pseudonymize = createPseudonymizer(g.cfg.config.pseudonymSecret);
      expect(requests.map((r) => [r.referentie, r.pseudonym, r.status])).toEqual([
        ['F-R1', pseudonymize(BSN[0]!), 'open'],
        ['F-R2', pseudonymize(BSN[1]!), 'open'],
      ]);
    });
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('a care path on PostgreSQL through the HTTP API'), () => {
  const schema = freshSchema('kp_care');
  let g: CarePathGateway;
  let second: CarePathGateway;
  beforeAll(async () => {
    if (pgTestUrl === undefined) throw new Error(pgSkipReason);
    // One cluster: one database and one pseudonym secret (the child is the same pseudonym in every process).
    const extra = { store: { url: pgStoreUrl(schema) }, pseudonymSecret: 'care-path-postgres-test-secret-0123456789abcdef' };
    g = await startCarePathGateway({}, { extra }, `${DAY}T10:00:00+01:00`);
    second = await startCarePathGateway({}, { extra }, `${DAY}T10:00:00+01:00`);
  });
  afterAll(async () => {
    await g.close();
    await second.close();
    await dropSchema(schema);
  });

  it('when a path runs request, retour, toewijzing, start and stop across two gateways on one database, then each sees what the other kept and the rules hold', async () => {
    const request = jw315({ dag: DAY, bsn: BSN[2]!, products: [{ ref: 'PG-R1' }] });
    expect((await submitJson(g, 'JW315', request)).status).toBe(202);
    // The JW316 as the gemeente's system makes it: every class 0200.
    const built = codec.buildRetourXml({ heenType: 'JW315', heen: request, outcome: { accepted: true }, identificatieRetour: 'PG316', dagtekeningRetour: DAY });
    const r316 = { type: 'JW316', message: codec.parse(built!.xml).message };
    const r = await submitXml(second, r316.type, r316.message);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    // A second retour for the same heen message (KP001), through the other gateway.
    const again = await submitJson(g, r316.type, r316.message);
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ rule: 'KP001' })]);
    const assigned = await submitXml(second, 'JW301', jw301({ dag: DAY, bsn: BSN[2]!, products: [{ nummer: 9001, ref: 'PG-R1', ingang: DAY, eind: '2026-06-30' }] }));
    expect(assigned.status, JSON.stringify(retourCodes(assigned.text))).toBe(202);
    second.clock.set('2026-01-12T10:00:00+01:00');
    g.clock.set('2026-01-12T10:00:00+01:00');
    const unknown = await submitJson(second, 'JW305', jw305({ dag: '2026-01-12', bsn: BSN[2]!, products: [{ nummer: 9002, begin: '2026-01-12' }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ rule: 'TR019', retourcode: '9019' })]);
    expect((await submitJson(g, 'JW305', jw305({ dag: '2026-01-12', bsn: BSN[2]!, products: [{ nummer: 9001, begin: '2026-01-12' }] }))).status).toBe(202);
    const stop = jw307({ dag: '2026-01-12', bsn: BSN[2]!, products: [{ nummer: 9001, begin: '2026-01-12', eind: '2026-01-12', reden: '31' }] });
    expect((await submitXml(second, 'JW307', stop)).status).toBe(202);
    const twice = await submitJson(g, 'JW307', jw307({ dag: '2026-01-12', bsn: BSN[2]!, products: [{ nummer: 9001, begin: '2026-01-12', eind: '2026-01-12', reden: '31' }] }));
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([expect.objectContaining({ rule: 'TR074', retourcode: '9074' })]);
    await g.gw.store.transaction(async (tx) => {
      const toewijzingen = (await carePathReaderOf(tx).toewijzingen([{ gemeente: DIEMEN, nummer: 9001 }])) ;
      expect(toewijzingen.toewijzingen?.map((t) => t.referentieAanbieder)).toEqual(['PG-R1']);
      expect(toewijzingen.deliveries?.map((d) => `${d.kind}:${d.begindatum}:${String(d.current)}`).sort()).toEqual(['start:2026-01-12:true', 'stop:2026-01-12:true']);
    });
  });
});
