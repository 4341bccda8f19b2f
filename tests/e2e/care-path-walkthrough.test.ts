// The README's care-path walk ("A care path in the demo: no request left unanswered"), step by step as
// a newcomer runs it: the demo configuration, the real server process on the demo clock, the CLI for
// seeding, tokens and the watchdog's schedule, and the HTTP API with the demo messages. A JW315 on
// Friday 4 December 2026 gets no answer; sent again it is refused (TR056); on Monday 14 December (the
// sixth werkdag) the watchdog raises the overdue answer (OP274, due Friday 11 December) and the missing
// retour (OP090); Diemen's JW301 closes the answer signals; the wait (10 calendar days, outside the
// term) is counted in December's statistics.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfigFile } from '../../src/config/load-config.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { demoMessage, demoWalk } from '../support/demo-walk.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-walk-'));
const env: Record<string, string> = { KETENPOORT_DATA_DIR: dataDir, PORT: '0' };
let gateway: GatewayProcess | undefined;
const { cli, token, call } = demoWalk(env, () => gateway);

/** Diemen's December cell (request → answer, all aanbieders and categories), as the README asks for it. */
async function decemberCell(bearer: string): Promise<{ children?: number; count?: number; suppressed?: string; generatedAt: string }> {
  const res = await call('GET', '/v1/statistics/waiting-times?measure=request-answer&gemeente=0384&aanbieder=*&categorie=*&from=2026-12', bearer);
  expect(res.status).toBe(200);
  const cell = (res.body.measures['request-answer'] as { dims: Record<string, string> }[]).find((c) => c.dims.month === '2026-12');
  expect(cell, 'a December cell for Diemen').toBeDefined();
  return { ...(cell as object), generatedAt: res.body.generatedAt as string };
}

afterAll(async () => {
  await gateway?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the README walk through a care path in the demo', () => {
  it('when a JW315 gets no answer, then the sixth werkdag brings the signals, the JW301 closes them, and the wait is in the statistics', async () => {
    // 0. A year of generated history, ending on the walk's first day.
    const seeded = await cli(['demo', 'seed-care-paths', '--until', '2026-12-04']);
    expect(seeded.code, seeded.stderr).toBe(0);

    // 1. Friday 4 December 2026.
    gateway = await startGatewayProcess(defaultConfigFile, env, ['--clock', '2026-12-04T10:00:00+01:00']);
    const provider = await token('jeugdhulp-de-brug');
    const gemeente = await token('gemeente-diemen');

    // 2. De Brug asks Diemen for a toewijzing; the same message again is refused (TR056).
    const jw315 = { messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: demoMessage('jw315.json') };
    const first = await call('POST', '/v1/exchanges', provider, jw315);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const again = await call('POST', '/v1/exchanges', provider, jw315);
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.body)).toContain('TR056');
    expect(JSON.stringify(again.body)).toContain('9056');
    await gateway.stop();

    // Monday 14 December: the sixth werkdag after the request.
    gateway = await startGatewayProcess(defaultConfigFile, env, ['--clock', '2026-12-14T09:00:00+01:00']);
    const cliToGateway = { KETENPOORT_URL: gateway.url };
    // 3. The watchdog, scheduled once and run now.
    const added = await cli(['schedule', 'add', '--name', 'watchdog', '--cron', '0 7 * * 1-5', '--kind', 'watchdog'], cliToGateway);
    expect(added.code, added.stderr).toBe(0);
    const ran = await cli(['schedule', 'run', 'watchdog', '--wait'], cliToGateway);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const open = await call('GET', '/v1/signals?status=open', gemeente);
    expect(open.status).toBe(200);
    const openSignals = open.body.items as { id: string; rule: string; dueDay: string; owedBy: string; status: string }[];
    const answerSignals = openSignals.filter((s) => s.rule === 'OP274');
    expect(answerSignals.length).toBeGreaterThan(0);
    for (const s of answerSignals) expect(s).toMatchObject({ dueDay: '2026-12-11', owedBy: 'gemeente-diemen' });
    expect(openSignals.some((s) => s.rule === 'OP090')).toBe(true);
    // Signals carry references only: no BSN anywhere in them.
    expect(JSON.stringify(open.body)).not.toMatch(/\b\d{9}\b/);
    const before = await decemberCell(gemeente);

    // 4. Diemen answers with the toewijzing; the answer signals close themselves.
    const jw301 = { messageType: 'JW301', receiver: 'jeugdhulp-de-brug', purpose: 'toewijzing', message: demoMessage('jw301.json') };
    const answered = await call('POST', '/v1/exchanges', gemeente, jw301);
    expect(answered.status, JSON.stringify(answered.body)).toBe(202);
    const closed = await call('GET', '/v1/signals?status=closed', gemeente);
    const closedIds = new Set((closed.body.items as { id: string }[]).map((s) => s.id));
    for (const s of answerSignals) expect(closedIds.has(s.id), `signal ${s.id} (OP274) closed`).toBe(true);
    const stillOpen = (await call('GET', '/v1/signals?status=open', gemeente)).body.items as { rule: string }[];
    expect(stillOpen.some((s) => s.rule === 'OP274')).toBe(false);
    expect(stillOpen.some((s) => s.rule === 'OP090')).toBe(true);

    // 5. The wait in December's figures for Diemen: once the table is computed again (the demo keeps
    //    it 5 s), the cell counts one more child, and one more wait per requested product (each has its
    //    own OP274 signal).
    let after = await decemberCell(gemeente);
    for (let i = 0; i < 40 && after.generatedAt === before.generatedAt; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      after = await decemberCell(gemeente);
    }
    expect(before.suppressed, 'December is published for Diemen before the answer').toBeUndefined();
    expect(after.suppressed).toBeUndefined();
    expect(after.count).toBe((before.count ?? 0) + answerSignals.length);
    expect(after.children).toBe((before.children ?? 0) + 1);
  }, 240_000);
});
