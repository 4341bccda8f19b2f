// Waiting-time statistics through HTTP (issue 10): a generated history of care paths in the store
// (SQLite on disk), the real app, every response checked against openapi.yaml. Who sees what, the
// figures against the same computation done directly, the CSV export, and the strict query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createTermResolver } from '../../src/care-path/care-path-terms.ts';
import { ALL, type Cell } from '../../src/statistics/small-cell-suppression.ts';
import { waitingTimeTables } from '../../src/statistics/waiting-times.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { assertConformsToOpenApi } from '../support/openapi-conformance.ts';
import { generateCarePathHistory } from '../../src/cli/demo-care-path-history.ts';

const PATH = '/v1/statistics/waiting-times';
const DIEMEN = '0384';
const DE_BRUG = '42420001';
const history = generateCarePathHistory(3_000, { gemeenten: [DIEMEN, '0363', '0344'], aanbieders: [DE_BRUG, '65656055', '75750001', '43430001'] });

let receiver: FakeReceiver;
let cfg: TestConfig;
let gw: GatewayParts;

async function ask(party: string, query = '', headers: Record<string, string> = {}): Promise<request.Response> {
  const res = await request(gw.app).get(`${PATH}${query}`).set({ authorization: `Bearer ${cfg.token(party)}`, ...headers });
  assertConformsToOpenApi('GET', PATH, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  return res;
}
const cells = (res: request.Response, measure = 'request-answer'): Cell[] => res.body.measures[measure];

beforeAll(async () => {
  receiver = await startFakeReceiver();
  // Diemen and Amsterdam form a region; Utrecht (0344) is on its own.
  cfg = writeTestConfig({ receiverUrl: receiver.url, extra: { carePath: { regions: [{ id: 'amstelland', gemeenten: [DIEMEN, '0363'] }] } } });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
  const changes = [
    ...history.requests.map((fact) => ({ op: 'request' as const, fact })),
    ...history.toewijzingen.map((fact) => ({ op: 'toewijzing' as const, fact })),
    ...history.deliveries.map((fact) => ({ op: 'delivery' as const, fact })),
  ];
  await gw.store.transaction((tx) => tx.applyCarePathChanges(changes));
}, 60_000);

afterAll(async () => {
  await gw.close();
  await receiver.close();
  cfg.cleanup();
});

describe('waiting-time statistics', () => {
  it('when the CBS asks, then it gets the national table, with the figures the computation gives directly', async () => {
    const res = await ask('cbs');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scope: { kind: 'national' }, threshold: 10 });
    const direct = waitingTimeTables(history, createTermResolver(), 10);
    for (const measure of ['request-answer', 'request-toewijzing', 'toewijzing-start', 'request-start'] as const) {
      const key = (c: Cell): string => JSON.stringify(c);
      expect(cells(res, measure).map(key).sort(), measure).toEqual(direct.measures[measure].map(key).sort());
    }
    const months = cells(res).filter((c) => c.dims.gemeente === ALL && c.dims.aanbieder === ALL && c.dims.categorie === ALL && c.suppressed === undefined);
    expect(months.length).toBeGreaterThan(15);
    // Nothing that points at a child leaves the gateway.
    expect(res.text).not.toMatch(/child-\d+/);
  });

  it('when a gemeente asks, then it sees the cells of its region (or its own); an aanbieder only its own figures', async () => {
    const gemeente = await ask('gemeente-diemen');
    expect(gemeente.body.scope).toEqual({ kind: 'region', region: 'amstelland', gemeenten: [DIEMEN, '0363'] });
    expect(new Set(cells(gemeente).map((c) => c.dims.gemeente))).toEqual(new Set([DIEMEN, '0363']));
    const utrecht = await ask('gemeente-utrecht');
    expect(utrecht.body.scope).toEqual({ kind: 'region', region: null, gemeenten: ['0344'] });
    expect(cells(utrecht).length).toBeGreaterThan(0);
    expect(cells(utrecht).every((c) => c.dims.gemeente === '0344')).toBe(true);
    const aanbieder = await ask('jeugdhulp-de-brug', '?measure=toewijzing-start');
    expect(Object.keys(aanbieder.body.measures)).toEqual(['toewijzing-start']);
    expect(cells(aanbieder, 'toewijzing-start').every((c) => c.dims.aanbieder === DE_BRUG)).toBe(true);
    expect(aanbieder.body.refusals.every((c: Cell) => c.dims.aanbieder === DE_BRUG)).toBe(true);
  });

  it('when a small cell is in the table, then nobody sees its figures, whoever asks', async () => {
    const national = cells(await ask('cbs'));
    const suppressed = national.filter((c) => c.suppressed !== undefined);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const c of suppressed) expect(Object.keys(c).sort()).toEqual(['dims', 'suppressed']);
    expect(national.every((c) => c.suppressed !== undefined || c.children >= 10)).toBe(true);
  });

  it('when filtered by month and gemeente, then only those cells come back', async () => {
    const res = await ask('cbs', `?gemeente=${DIEMEN}&from=2025-06&to=2025-08`);
    expect(res.status).toBe(200);
    expect(cells(res).length).toBeGreaterThan(0);
    expect(cells(res).every((c) => c.dims.gemeente === DIEMEN && (c.dims.month ?? '') >= '2025-06' && (c.dims.month ?? '') <= '2025-08')).toBe(true);
  });

  it('when asked for CSV, then a header and one row per cell come back as text/csv, as an attachment', async () => {
    const json = await ask('cbs', '?measure=request-answer');
    const csv = await ask('cbs', '?measure=request-answer&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="wachttijden-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('table,month,gemeente,aanbieder,categorie,reden,children,count,median_days,p90_days,within_term_share,suppressed');
    expect(lines.length - 1).toBe(cells(json).length + (json.body.refusals as Cell[]).length);
    const byAccept = await ask('cbs', '?measure=request-answer', { accept: 'text/csv' });
    expect(byAccept.text).toBe(csv.text);
    expect((await ask('cbs', '', { accept: 'image/png' })).status).toBe(406);
  });

  it('when the query has an unknown or malformed parameter, then 400 names each', async () => {
    const unknown = await ask('cbs', '?gemeente=0384&colour=red&page=2');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/colour', '/query/page']);
    expect((await ask('cbs', '?from=2026-13')).body.errors[0].pointer).toBe('/query/from');
    expect((await ask('cbs', '?measure=request-answer,bogus')).body.errors[0].pointer).toBe('/query/measure');
    expect((await ask('cbs', '?from=2026-05&to=2026-01')).body.errors[0].pointer).toBe('/query/to');
  });

  it('when a party of another role or a staff member asks, then 403', async () => {
    expect((await ask('school-de-regenboog')).status).toBe(403);
    expect((await ask('operator-demo')).status).toBe(403);
  });
});
