// The README's regie walk ("One regievoerder per child"), step by step as a newcomer runs it: the demo
// configuration, the real server process on the demo clock (Friday 4 December 2026, then Tuesday 15
// December), the CLI for tokens and the watchdog's schedule, and the HTTP API. A toewijzing from 1 April
// without regievoerder is, eleven days after the watchdog first looked, a signal to Diemen; Diemen registers itself and the signal closes; De Brug finds Diemen, Horizon finds
// nothing; a handover to the GI, accepted; Veilig Thuis's overdracht brings the GI a RegieNotificatie
// (and tells Veilig Thuis nothing); the subject-access export lists the history and the look-ups.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfigFile } from '../../src/config/load-config.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { demoMessage, demoWalk } from '../support/demo-walk.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ketenpoort-regie-walk-'));
const env: Record<string, string> = { KETENPOORT_DATA_DIR: dataDir, PORT: '0' };
let gateway: GatewayProcess | undefined;
const { cli, token, call } = demoWalk(env, () => gateway);
const CHILD = '999900006';

afterAll(async () => {
  await gateway?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the README walk through the regie register in the demo', () => {
  it('when a child with a toewijzing has no regievoerder, then the signal, the registration that closes it, the look-ups, the handover, the notice and the export', async () => {
    gateway = await startGatewayProcess(defaultConfigFile, env, ['--clock', '2026-12-04T10:00:00+01:00']);
    const [gemeente, provider, gi, vt, other, officer] = await Promise.all(
      ['gemeente-diemen', 'jeugdhulp-de-brug', 'gi-jeugdbescherming-west', 'veilig-thuis-amsterdam', 'zorgaanbieder-horizon', 'privacy-officer-demo'].map(token),
    );

    // 1. The request and the toewijzing from 1 April, its products running into 2027.
    const jw315 = await call('POST', '/v1/exchanges', provider!, { messageType: 'JW315', receiver: 'gemeente-diemen', purpose: 'verzoek-toewijzing', message: demoMessage('jw315.json') });
    expect(jw315.status, JSON.stringify(jw315.body)).toBe(202);
    const toewijzing = demoMessage('jw301.json');
    for (const product of toewijzing.Client.ToegewezenProducten.ToegewezenProduct as Record<string, unknown>[]) product.Einddatum = '2027-06-30';
    const jw301 = await call('POST', '/v1/exchanges', gemeente!, { messageType: 'JW301', receiver: 'jeugdhulp-de-brug', purpose: 'toewijzing', message: toewijzing });
    expect(jw301.status, JSON.stringify(jw301.body)).toBe(202);

    // 2. The watchdog's first look: nothing yet (the days count from it at the earliest).
    let cliToGateway = { KETENPOORT_URL: gateway.url };
    expect((await cli(['schedule', 'add', '--name', 'watchdog', '--cron', '0 7 * * 1-5', '--kind', 'watchdog'], cliToGateway)).code).toBe(0);
    const first = await cli(['schedule', 'run', 'watchdog', '--wait'], cliToGateway);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect((await call('GET', '/v1/signals?kind=regie-missing', gemeente!)).body.items).toEqual([]);
    // Eleven days later, Tuesday 15 December: the signal for the child without regievoerder, to Diemen.
    await gateway.stop();
    gateway = await startGatewayProcess(defaultConfigFile, env, ['--clock', '2026-12-15T09:00:00+01:00']);
    cliToGateway = { KETENPOORT_URL: gateway.url };
    const ran = await cli(['schedule', 'run', 'watchdog', '--wait'], cliToGateway);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const missing = await call('GET', '/v1/signals?kind=regie-missing', gemeente!);
    expect(missing.body.items).toEqual([expect.objectContaining({ kind: 'regie-missing', owedBy: 'gemeente-diemen', status: 'open', dueDay: '2026-12-14' })]);
    expect(JSON.stringify(missing.body)).not.toContain(CHILD);

    // 3. Diemen registers itself: the signal closes; a second registration is a 409 naming Diemen.
    const registration = { bsn: CHILD, contactFunction: 'casemanager team Zuid', legalBasis: 'regievoering-jeugd' };
    expect((await call('POST', '/v1/regie', gemeente!, registration)).status).toBe(201);
    expect((await call('GET', '/v1/signals?kind=regie-missing', gemeente!)).body.items).toEqual([expect.objectContaining({ status: 'closed', closedReason: 'met' })]);
    const again = await call('POST', '/v1/regie', gemeente!, registration);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('gemeente-diemen');

    // 4. De Brug finds Diemen; Horizon, which never exchanged about the child, finds nothing.
    expect((await call('POST', '/v1/regie/lookup', provider!, { bsn: CHILD })).body.regie).toMatchObject({ party: 'gemeente-diemen', contactFunction: 'casemanager team Zuid' });
    expect((await call('POST', '/v1/regie/lookup', other!, { bsn: CHILD })).body).toEqual({ regie: null });

    // 5. The handover to the GI, accepted.
    const proposed = await call('POST', '/v1/regie/handovers', gemeente!, { bsn: CHILD, toParty: 'gi-jeugdbescherming-west', contactFunction: 'gezinsvoogd team West' });
    expect(proposed.status).toBe(201);
    expect((await call('POST', `/v1/regie/handovers/${proposed.body.handoverId as string}/decision`, gi!, { decision: 'accept' })).status).toBe(200);

    // 6. Veilig Thuis hands the case over to De Brug: the GI gets the notice; Veilig Thuis learns nothing of it.
    const overdracht = await call('POST', '/v1/exchanges', vt!, {
      messageType: 'VeiligThuisOverdracht', receiver: 'jeugdhulp-de-brug', purpose: 'hulp-na-melding',
      message: { VeiligThuisReferentie: 'VT-2026-17', Datum: '2026-12-04', Kind: { Bsn: CHILD }, Veiligheid: { Beoordeling: 'structureel-onveilig' }, Contactpersoon: { Naam: 'J. de Vries', Telefoon: '020-1234567' } },
    });
    expect(overdracht.status, JSON.stringify(overdracht.body)).toBe(202);
    expect(JSON.stringify(overdracht.body)).not.toContain('gi-jeugdbescherming-west');
    let notices: Record<string, any>[] = [];
    for (let i = 0; i < 50 && notices.length === 0; i += 1) {
      notices = ((await call('GET', '/v1/inbox', gi!)).body.items as Record<string, any>[]).filter((item) => item.messageType === 'RegieNotificatie');
      if (notices.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(notices).toHaveLength(1);
    const notice = await call('GET', `/v1/inbox/${notices[0]!.exchangeId as string}`, gi!);
    expect(notice.body.message.Uitwisseling).toMatchObject({ Afzender: { Id: 'veilig-thuis-amsterdam' }, Ontvanger: { Id: 'jeugdhulp-de-brug' }, Berichttype: 'VeiligThuisOverdracht' });
    expect(JSON.stringify((await call('GET', '/v1/exchanges', vt!)).body)).not.toContain('gi-jeugdbescherming-west');

    // 7. The subject-access export: the two regies and the look-ups.
    const exported = await call('POST', '/v1/privacy/subject-access-export', officer!, { bsn: CHILD });
    expect(exported.status).toBe(200);
    expect((exported.body.regie as { party: string }[]).map((r) => r.party)).toEqual(['gemeente-diemen', 'gi-jeugdbescherming-west']);
    expect((exported.body.regieLookups as { by: string; result: string }[]).map((l) => `${l.by}:${l.result}`)).toEqual(['jeugdhulp-de-brug:found', 'zorgaanbieder-horizon:not-entitled']);

    // The same through the CLI: a look-up as text and as JSON, the history for the privacy officer,
    // the end, and a refusal (no regie left to end) as exit code 1 with the problem.
    const lookedUp = await cli(['regie', 'lookup', '--as', 'jeugdhulp-de-brug', '--bsn', CHILD], cliToGateway);
    expect(lookedUp.code, lookedUp.stderr).toBe(0);
    expect(lookedUp.stdout).toMatch(/gi-jeugdbescherming-west.*gezinsvoogd team West/);
    const asJson = await cli(['regie', 'lookup', '--as', 'jeugdhulp-de-brug', '--bsn', CHILD, '--json'], cliToGateway);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ regie: { party: 'gi-jeugdbescherming-west' } });
    const history = await cli(['regie', 'history', '--bsn', CHILD], cliToGateway);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/gemeente-diemen .*handed-over/);
    expect(history.stdout).toMatch(/zorgaanbieder-horizon\s+not-entitled/);
    const ended = await cli(['regie', 'end', '--as', 'gi-jeugdbescherming-west', '--bsn', CHILD, '--reason', 'measure-ended'], cliToGateway);
    expect(ended.code, ended.stderr).toBe(0);
    const again2 = await cli(['regie', 'end', '--as', 'gi-jeugdbescherming-west', '--bsn', CHILD, '--reason', 'measure-ended'], cliToGateway);
    expect(again2.code).toBe(1);
    expect(again2.stderr).toMatch(/404|no active regie/);
    expect((await cli(['regie', 'end', '--bsn', CHILD], cliToGateway)).code).toBe(2);
    expect((await cli(['regie', '--help'])).stdout).toContain('usage: ketenpoort regie');
    // Each CLI call is a node process (about a second alone, several on a loaded CI machine).
  }, 420_000);
});
