// pull-sync against real sources: the rest-json pull contract served by a real HTTP server on
// 127.0.0.1, and a real folder of iJw XML files (the official iJw 3.2 samples). What happens when the
// source fails, answers nonsense or grows; that the gateway holds one page at a time; and that reading
// the same records again never submits one twice.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startBatchSource, recordId, type BatchSource } from '../../bench/support/batch-source.ts';
import { demoBsn, jw315Record, sourceParty } from '../../bench/support/batch-records.ts';

const samples = resolve(repoRoot, '../shared/reference/ijw-3.2/samples');
const actor = { id: 'operator-demo', trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) } };

let cfg: TestConfig | undefined;
let gw: GatewayParts | undefined;
let source: BatchSource | undefined;
const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  await gw?.close();
  await source?.close();
  cfg?.cleanup();
  gw = undefined;
  source = undefined;
  cfg = undefined;
});

async function gatewayWith(sourceConfig: { kind: string; endpoint: string }): Promise<GatewayParts> {
  cfg = writeTestConfig({ sources: { [sourceParty]: sourceConfig } });
  gw = await buildGateway(cfg.config, { background: false, logger: createLogger({ level: 'error', silent: true }) });
  return gw;
}

async function runOnce(g: GatewayParts, scheduleId: string) {
  const started = await g.scheduler.runNow(scheduleId, actor);
  await g.scheduler.idle();
  return g.scheduler.getRun(scheduleId, started.runId);
}

async function pullSchedule(g: GatewayParts, pageSize = 10): Promise<string> {
  const created = await g.scheduler.create({ name: 'sync', cron: '0 4 * * *', jobKind: 'pull-sync', params: { party: sourceParty, pageSize }, paused: true }, actor);
  return created.scheduleId;
}

const outboxTotal = async (g: GatewayParts): Promise<number> => Object.values(await g.store.countOutbox()).reduce((a, b) => a + b, 0);

describe('pull-sync from a rest-json source', () => {
  it('when the source fails on a later page, then the run fails with the reason, keeps what was committed, and the next run resumes there', async () => {
    source = await startBatchSource({ total: 30, record: (i) => jw315Record(i) });
    const g = await gatewayWith({ kind: 'rest-json', endpoint: source.url });
    const id = await pullSchedule(g);
    source.onPage((request) => {
      source?.failWith(request.after === recordId(10) ? 503 : null);
    });
    const failed = await runOnce(g, id);
    expect(failed).toMatchObject({ status: 'failed', error: 'source-unavailable: HTTP 503', counts: { read: 10, accepted: 10 }, cursorReached: recordId(10) });
    expect((await g.store.getSchedule(id))?.cursor).toBe(recordId(10));
    source.onPage(undefined);
    source.failWith(null);
    const resumed = await runOnce(g, id);
    expect(resumed).toMatchObject({ status: 'succeeded', cursorFrom: recordId(10), cursorReached: recordId(30), counts: { read: 20, accepted: 20 } });
    expect(await outboxTotal(g)).toBe(30);
    const audit = (await g.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'schedule.run');
    expect(audit.map((r) => [r.outcome, r.reason])).toEqual([['failed', 'source-unavailable'], ['succeeded', undefined]]);
  });

  it('when the source answers something that is not a page, or is down, then the run fails and says why; the cursor stays', async () => {
    source = await startBatchSource({ total: 5, record: (i) => jw315Record(i) });
    const g = await gatewayWith({ kind: 'rest-json', endpoint: source.url });
    const id = await pullSchedule(g);
    source.failWith(404);
    expect(await runOnce(g, id)).toMatchObject({ status: 'failed', error: 'source-unavailable: HTTP 404', counts: { read: 0 }, cursorReached: null });
    await source.close();
    expect((await runOnce(g, id)).error).toMatch(/^source-unavailable: network: ECONNREFUSED/);
    expect((await g.store.getSchedule(id))?.cursor).toBeNull();
  });

  it('when a record has no id or is not an object, then that record is refused and audited, and the rest go through', async () => {
    source = await startBatchSource({
      total: 4,
      record: (i) => {
        const { id: _id, ...withoutId } = jw315Record(i);
        return i === 2 ? (withoutId as never) : jw315Record(i);
      },
    });
    const g = await gatewayWith({ kind: 'rest-json', endpoint: source.url });
    const id = await pullSchedule(g);
    const run = await runOnce(g, id);
    expect(run).toMatchObject({ status: 'succeeded', counts: { read: 4, accepted: 3, refused: 1, failed: 0 } });
    expect((run.details as any).refusals).toEqual([{ recordId: 'start#1', code: 'invalid-input' }]);
    const refused = (await g.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'exchange.submit' && r.outcome === 'refused');
    expect(refused).toEqual([expect.objectContaining({ actor: sourceParty, reason: 'invalid-input', detail: 'batch record start#1: 1 error(s)' })]);
  });

  it('when a record is larger than a live request may be, then it is refused (payload-too-large) and audited, like at the HTTP edge', async () => {
    source = await startBatchSource({
      total: 3,
      record: (i) => (i === 2 ? { ...jw315Record(i), message: { ...(jw315Record(i).message as object), padding: 'x'.repeat(1_100_000) } } : jw315Record(i)),
    });
    const g = await gatewayWith({ kind: 'rest-json', endpoint: source.url });
    const run = await runOnce(g, await pullSchedule(g));
    expect(run).toMatchObject({ status: 'succeeded', counts: { read: 3, accepted: 2, refused: 1, failed: 0 } });
    expect((run.details as any).refusals).toEqual([{ recordId: recordId(2), code: 'payload-too-large' }]);
    const refused = (await g.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'exchange.submit' && r.outcome === 'refused');
    expect(refused).toEqual([expect.objectContaining({ reason: 'payload-too-large', detail: `batch record ${recordId(2)}` })]);
  });

  it('when a sync runs, then the gateway asks for the next page only after every record of the page before is committed: it holds one page', async () => {
    source = await startBatchSource({ total: 1000, record: (i) => jw315Record(i) });
    const g = await gatewayWith({ kind: 'rest-json', endpoint: source.url });
    const id = await pullSchedule(g, 100);
    const seen: { after: string | null; committed: number }[] = [];
    source.onPage(async (request) => {
      seen.push({ after: request.after, committed: await outboxTotal(g) });
    });
    const run = await runOnce(g, id);
    expect(run.counts).toEqual({ read: 1000, accepted: 1000, refused: 0, failed: 0 });
    // Asked after record N, exactly N records were committed: none of the next page was read ahead,
    // none of the previous page was still in flight.
    expect(seen).toHaveLength(11);
    for (const { after, committed } of seen) expect(committed).toBe(after === null ? 0 : Number(after.slice(4)));
  });

  it('when the same records are read again (cursor reset), then none is submitted twice: each gets its first answer back', async () => {
    source = await startBatchSource({ total: 12, record: (i) => jw315Record(i, i === 5 ? 'refused' : 'ok') });
    const g = await gatewayWith({ kind: 'rest-json', endpoint: source.url });
    const id = await pullSchedule(g, 5);
    expect((await runOnce(g, id)).counts).toEqual({ read: 12, accepted: 11, refused: 1, failed: 0 });
    const submitsBefore = (await g.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'exchange.submit').length;
    const exchangesBefore = (await g.store.listExchanges({ party: sourceParty, limit: 1000 })).length;
    await g.scheduler.update(id, { resetCursor: true }, actor);
    const again = await runOnce(g, id);
    expect(again).toMatchObject({ cursorFrom: null, counts: { read: 12, accepted: 11, refused: 1, failed: 0 }, details: expect.objectContaining({ alreadySubmitted: 12 }) });
    expect((await g.store.readAuditChain(1, 100_000)).filter((r) => r.action === 'exchange.submit')).toHaveLength(submitsBefore);
    expect(await g.store.listExchanges({ party: sourceParty, limit: 1000 })).toHaveLength(exchangesBefore);
    expect(exchangesBefore).toBe(12);
  });
});

describe('pull-sync from a folder of iJw XML files', () => {
  it('when a back office exports iJw XML files, then each is read in name order, routed by its header and submitted; an unreadable one and one under another sender are refused', async () => {
    const exportDir = mkdtempSync(join(tmpdir(), 'ketenpoort-export-'));
    folders.push(exportDir);
    // The official JW315 sample has ToewijzingEinddatum 2027-06-31, a date that does not exist (the
    // gateway refuses it, rightly): the export carries the corrected date.
    const jw315Xml = readFileSync(join(samples, 'JW315.xml'), 'utf8').replaceAll('2027-06-31', '2027-06-30');
    writeFileSync(join(exportDir, '0001-JW315.xml'), jw315Xml);
    copyFileSync(join(samples, 'JW302.xml'), join(exportDir, '0002-JW302.xml'));
    // Named after the child's BSN, as some back offices do: the BSN must not reach the run history or the audit.
    writeFileSync(join(exportDir, `0003-${demoBsn}.xml`), '<Bericht><Header>');
    copyFileSync(join(samples, 'JW305.xml'), join(exportDir, '0004-JW305-other-provider.xml'));
    writeFileSync(join(exportDir, 'readme.txt'), 'not a message');
    mkdirSync(join(exportDir, '0000-subfolder.xml'));
    const g = await gatewayWith({ kind: 'ijw-xml-folder', endpoint: exportDir });
    const id = await pullSchedule(g, 2);
    const run = await runOnce(g, id);
    expect(run).toMatchObject({ status: 'succeeded', counts: { read: 4, accepted: 2, refused: 2, failed: 0 }, cursorReached: '0004-JW305-other-provider.xml' });
    expect((run.details as any).refusals).toEqual([
      { recordId: '0003-[bsn].xml', code: 'invalid-input' },
      { recordId: '0004-JW305-other-provider.xml', code: 'sender-mismatch' },
    ]);
    expect(JSON.stringify(run)).not.toContain(demoBsn);
    const audit = JSON.stringify(await g.store.readAuditChain(1, 100_000));
    expect(audit).toContain('batch record 0003-[bsn].xml');
    expect(audit).not.toContain(demoBsn);
    const exchanges = await g.store.listExchanges({ party: sourceParty, limit: 10 });
    expect(exchanges.map((e) => `${e.messageType}:${e.receiver}:${e.purpose}:${e.status}`).sort()).toEqual([
      'JW302:gemeente-diemen:technische-bevestiging:queued',
      'JW315:gemeente-diemen:verzoek-toewijzing:queued',
    ]);
    // Files that appear later are picked up by the next run; the export itself is left alone.
    writeFileSync(join(exportDir, `0005-${demoBsn}.xml`), jw315Xml);
    const next = await runOnce(g, id);
    expect(next).toMatchObject({ cursorFrom: '0004-JW305-other-provider.xml', cursorReached: '0005-[bsn].xml', counts: { read: 1, accepted: 1 } });
    // The stored cursor is exact (the next run compares file names with it); only what operators see is masked.
    expect((await g.store.getSchedule(id))?.cursor).toBe(`0005-${demoBsn}.xml`);
    expect((await g.scheduler.get(id)).cursor).toBe('0005-[bsn].xml');
  });

  it('when the folder does not exist, then the run fails and says so', async () => {
    const g = await gatewayWith({ kind: 'ijw-xml-folder', endpoint: '/nonexistent/ketenpoort-export' });
    const id = await pullSchedule(g);
    expect(await runOnce(g, id)).toMatchObject({ status: 'failed', error: 'source-unavailable: cannot list the folder: ENOENT' });
  });
});
