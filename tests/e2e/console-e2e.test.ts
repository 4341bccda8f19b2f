// The console end to end, in headless Chromium (playwright-core driving Debian's chromium), against the
// real gateway process (bin/ketenpoort.mjs serve) with demo data and a real OpenID provider process
// (oidc-provider) on another site: a privacy officer signs in at the provider, looks up a child (the
// BSN only in a POST body), reads the timeline, gives a review verdict, downloads the subject-access
// PDF, reads the consents ending soon and those revoked, and the refusals and overrides over time; an
// operator reads the dashboard, filters the traffic, opens an exchange, pauses and resumes a receiver,
// replays a dead letter, creates a schedule and runs it; a person without a role gets a clear page; an
// expired session returns to sign-in and keeps what was typed. Every page is checked with axe-core (no
// serious or critical violations), the browser console must stay free of errors, and every page is
// written as a screenshot (.artifacts/console).

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/build-console.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { startOidcProvider, testAccounts, testGroups, type OidcProvider, type TestStaffAccount } from '../support/oidc-provider.ts';
import { startFakeReceiver, type FakeReceiver } from '../support/fake-receiver.ts';
import { checkA11y, launchChromium, screenshot, type Browser, type WatchedPage } from '../support/browser.ts';
import { batchReceiver, demoBsn, jw315Record, sourceParty } from '../../bench/support/batch-records.ts';
import { OTHER_CHILD, fullCasusinformatie } from '../support/keten-messages.ts';

const started = Date.now();
let port: number;
let base: string;
let provider: OidcProvider;
let receiver: FakeReceiver;
let cfg: TestConfig;
let gateway: GatewayProcess;
/** One browser per person: a browser keeps its provider session and console cookie, as a real one does. */
let officerBrowser: Browser;
let operatorBrowser: Browser;
/** What beforeAll started, stopped in reverse order (also when it failed half-way). */
const cleanups: (() => Promise<unknown> | undefined)[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const p = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return p;
}

async function api(path: string, who: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${cfg.token(who)}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function submitJw315(index: number, kind: 'ok' | 'refused' = 'ok'): Promise<string> {
  const { id: _id, ...envelope } = jw315Record(index, kind);
  const res = await api('/v1/exchanges', sourceParty, { method: 'POST', body: envelope });
  expect([202, 403]).toContain(res.status);
  return res.body.exchangeId as string;
}

/** expect.poll with room for a loaded machine (its default gives up after a second). */
const eventually = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 20_000, interval: 100 });

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Checks the page as it is now: accessible, no console errors, and a screenshot of it. */
async function inspect(watched: WatchedPage, name: string): Promise<void> {
  await watched.page.waitForLoadState('networkidle');
  await checkA11y(watched.page, name);
  watched.assertNoUnexpectedErrors();
  // A click may have scrolled a wide table sideways: the screenshot shows it from its start.
  await watched.page.evaluate("document.querySelectorAll('.table-wrap').forEach((e) => { e.scrollLeft = 0; })");
  await screenshot(watched.page, name);
}

/** Signs in at the provider's own login page (or passes through when the provider still knows the person). */
async function signInAtProvider(page: Page, account: TestStaffAccount): Promise<void> {
  await page.getByRole('link', { name: 'Aanmelden met uw organisatieaccount' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer || url.origin === base);
  if (new URL(page.url()).origin === provider.issuer) {
    await page.getByLabel('Gebruikersnaam').fill(account.login);
    await page.getByLabel('Wachtwoord').fill(account.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith('/console/sign-in') && !url.pathname.startsWith('/console/auth'));
}

beforeAll(async () => {
  await ensureConsoleBuilt();
  port = await freePort();
  base = `http://localhost:${port}`;
  [provider, receiver] = await Promise.all([
    startOidcProvider({ redirectUris: [`${base}/console/auth/callback`], postLogoutRedirectUris: [`${base}/console/sign-in`] }),
    startFakeReceiver(),
  ]);
  cleanups.push(() => provider.stop(), () => receiver.close());
  cfg = writeTestConfig({
    port,
    adapters: { [batchReceiver]: { kind: 'rest-json', endpoint: `${receiver.url}/${batchReceiver}` } },
    delivery: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 100 },
    extra: {
      console: {
        publicUrl: base,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          roleClaim: 'groups',
          roleValues: { 'privacy-officer': [testGroups.privacyOfficer], operator: [testGroups.operator], admin: [testGroups.admin] },
        },
      },
    },
  });
  cleanups.push(() => {
    cfg.cleanup();
    return undefined;
  });
  gateway = await startGatewayProcess(cfg.file);
  cleanups.push(() => gateway.stop());

  // Demo data: three delivered JW315s and one refused about the demo child; two that die at a
  // receiver that answers 503 (dead letters); a break-glass override for another child (to review).
  for (let i = 0; i < 3; i++) await submitJw315(i);
  await submitJw315(3, 'refused');
  await until('three deliveries', () => (receiver.received.length >= 3 ? true : undefined));
  receiver.respondWith(503);
  await submitJw315(4);
  await submitJw315(5);
  await until('two dead letters', async () => {
    const res = await api('/v1/dead-letters', 'operator-demo');
    return res.body.items.length >= 2 ? true : undefined;
  });
  receiver.respondWith(201);
  const override = await api('/v1/exchanges', sourceParty, {
    method: 'POST',
    body: {
      messageType: 'Casusinformatie',
      receiver: 'school-de-regenboog',
      purpose: 'overdracht-hulpverlening',
      message: fullCasusinformatie(),
      override: { reasonCode: 'acuut-gevaar', justification: 'Acuut gevaar: het kind vertelde vandaag over geweld thuis en de ouders zijn niet bereikbaar.' },
    },
  });
  expect(override.status).toBe(202);
  // The demo child's regie: Diemen registers itself; the provider that sent the JW315s asks who it is.
  const regie = await api('/v1/regie', 'gemeente-diemen', { method: 'POST', body: { bsn: demoBsn, contactFunction: 'casemanager team Zuid', legalBasis: 'regievoering-jeugd' } });
  expect(regie.status).toBe(201);
  expect((await api('/v1/regie/lookup', sourceParty, { method: 'POST', body: { bsn: demoBsn } })).status).toBe(200);
  // Consents for another child: one that ends in ten days, and one revoked (the consents page lists both).
  const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const registerConsent = (validUntil: string) =>
    api('/v1/consents', 'jeugdhulp-de-brug', {
      method: 'POST',
      body: {
        bsn: OTHER_CHILD.bsn,
        givers: [{ capacity: 'custodial-parent', reference: 'moeder' }],
        custodianCount: 1,
        scope: { purposes: ['overdracht-hulpverlening'], receivers: { roles: ['school'] }, dataCategories: ['basisgegevens'] },
        givenOn: day(-1),
        validFrom: day(-1),
        validUntil,
        evidence: { reference: 'dossier 2026-0533, toestemmingsformulier', form: 'written' },
      },
    });
  expect((await registerConsent(day(10))).status).toBe(201);
  const toRevoke = await registerConsent(day(200));
  expect(toRevoke.status).toBe(201);
  const revocation = await api(`/v1/consents/${toRevoke.body.id}/revocation`, 'jeugdhulp-de-brug', { method: 'POST', body: { revokedBy: { capacity: 'custodial-parent', reference: 'moeder' }, reason: 'Moeder wil niet dat school dit weet.' } });
  expect(revocation.status).toBe(200);
  officerBrowser = await launchChromium();
  cleanups.push(() => officerBrowser.close());
  operatorBrowser = await launchChromium();
  cleanups.push(() => operatorBrowser.close());
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  process.stdout.write(`console e2e suite: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

describe('a privacy officer at the console', () => {
  it('when she signs in with the organisation\'s provider, looks up a child, reviews an override and downloads the report, then every step works without curl', async () => {
    const watched = await officerBrowser.newPage();
    const { page } = watched;
    const posted: string[] = [];
    page.on('request', (req) => {
      posted.push(`${req.method()} ${req.url()} ${req.postData() ?? ''}`);
    });
    await page.goto(`${base}/console/privacy/child`);
    await page.waitForURL(/\/console\/sign-in\?/);
    await eventually(() => page.getByRole('heading', { name: 'Aanmelden' }).isVisible()).toBe(true);
    await inspect(watched, 'sign-in');
    await signInAtProvider(page, testAccounts.privacyOfficer);
    expect(new URL(page.url()).pathname).toBe('/console/privacy/child');
    await eventually(() => page.getByText('Aangemeld als Anna de Vries').isVisible()).toBe(true);
    await inspect(watched, 'privacy-child');

    // One child, one page: the BSN goes in a POST body only.
    await page.getByLabel('BSN van het kind').fill(demoBsn);
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    await page.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
    const timeline = page.locator('ol.timeline > li');
    await eventually(() => timeline.count()).toBe(6);
    await eventually(() => page.getByText('geweigerd').first().isVisible()).toBe(true);
    await inspect(watched, 'privacy-child-timeline');
    // The child's regie: who has it, since when, and who asked the register.
    await page.getByRole('heading', { name: 'Regie' }).waitFor();
    await eventually(() => page.getByText('Regievoerder: gemeente-diemen (casemanager team Zuid)', { exact: false }).isVisible()).toBe(true);
    await eventually(() => page.getByRole('table', { name: 'Wie vroeg wie de regie heeft' }).getByText('gevonden en gegeven').isVisible()).toBe(true);
    expect(page.url()).not.toContain(demoBsn);
    expect(posted.filter((line) => line.includes(demoBsn)).every((line) => line.startsWith('POST ') && !line.split(' ')[1]!.includes(demoBsn))).toBe(true);
    expect(await page.evaluate<string>('JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage })')).not.toContain(demoBsn);

    // The subject-access report as a PDF download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF downloaden' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await eventually(() => page.getByText(/is gedownload/).isVisible()).toBe(true);

    // The review queue: a verdict with a note.
    await page.getByRole('link', { name: 'Beoordelen' }).click();
    await page.getByRole('heading', { name: 'Doorbraken beoordelen' }).waitFor();
    await inspect(watched, 'privacy-reviews');
    await page.getByRole('button', { name: 'Beoordelen' }).first().click();
    await page.getByLabel('Terecht', { exact: true }).check();
    await page.getByLabel('Toelichting (verplicht)').fill('Acuut gevaar aannemelijk; melding bij Veilig Thuis volgt.');
    await inspect(watched, 'privacy-review-verdict');
    await page.getByRole('button', { name: 'Oordeel vastleggen' }).click();
    await eventually(() => page.getByText('Uw oordeel is vastgelegd.').isVisible()).toBe(true);
    const reviews = await api('/v1/privacy/reviews', 'privacy-officer-demo');
    expect(reviews.body.items[0]).toMatchObject({ status: 'justified', reviewedBy: 'staff-fg-anna' });

    // Consents across children: the one ending soon, the one revoked with its reason.
    await page.getByRole('link', { name: 'Toestemmingen' }).click();
    await page.getByRole('heading', { name: 'Loopt af in de komende 30 dagen' }).waitFor();
    const expiring = page.locator('section[aria-labelledby="consents-expiring-heading"] tbody tr');
    await eventually(() => expiring.filter({ hasText: 'gezaghebbende ouder (moeder)' }).count()).toBe(1);
    const revoked = page.locator('section[aria-labelledby="consents-revoked-heading"] tbody tr');
    await eventually(() => revoked.filter({ hasText: 'Moeder wil niet dat school dit weet.' }).count()).toBe(1);
    await inspect(watched, 'privacy-consents');

    // Refusals and overrides over time: the demo party's refusal and override are counted.
    await page.getByRole('link', { name: 'Weigeringen' }).click();
    await page.getByRole('heading', { name: 'Weigeringen en doorbraken' }).waitFor();
    const perParty = page.locator('section[aria-labelledby="decisions-parties-heading"] tbody tr').filter({ hasText: sourceParty });
    await eventually(() => perParty.count()).toBe(1);
    expect(await perParty.locator('td').nth(1).textContent()).toBe('1');
    expect(await perParty.locator('td').nth(2).textContent()).toBe('1');
    await eventually(() => page.getByRole('img', { name: /^1 in 30 dagen/ }).count()).toBe(2);
    await inspect(watched, 'privacy-decisions');

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await inspect(watched, 'privacy-audit');
    await page.close();
  }, 120_000);
});

describe('an operator at the console', () => {
  it('when he signs in, reads the dashboard, filters traffic, pauses and resumes a receiver, replays a dead letter and runs a new schedule, then each is done and audited as him', async () => {
    const watched = await operatorBrowser.newPage();
    const { page } = watched;
    await page.goto(`${base}/console/`);
    await page.waitForURL(/\/console\/sign-in\?/);
    await signInAtProvider(page, testAccounts.operator);
    await page.getByRole('heading', { name: 'Overzicht' }).waitFor();
    await eventually(() => page.getByText(/2 onbestelbaar/).isVisible()).toBe(true);
    await inspect(watched, 'operations-dashboard');

    // Traffic, filtered to what failed; one exchange's history.
    await page.getByRole('link', { name: 'Berichtenverkeer' }).click();
    await page.getByRole('heading', { name: 'Berichtenverkeer' }).waitFor();
    await eventually(() => page.locator('tbody tr').count()).toBe(7);
    await page.getByLabel('Status').selectOption('dead-letter');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await eventually(() => page.locator('tbody tr').count()).toBe(2);
    await inspect(watched, 'operations-traffic');
    await page.locator('tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Eén uitwisseling' }).waitFor();
    await eventually(() => page.getByText('ontvanger niet bereikbaar').first().isVisible()).toBe(true);
    await inspect(watched, 'operations-exchange');
    expect(await page.content()).not.toContain(demoBsn);

    // Receivers: pause and resume Diemen.
    await page.getByRole('link', { name: 'Ontvangers' }).click();
    await page.getByRole('heading', { name: 'Ontvangers' }).waitFor();
    await page.getByLabel('Reden bij pauzeren (optioneel, geen BSN)').fill('Onderhoud koppeling tot 14:00');
    const diemen = cfg.config.parties.find((p) => p.id === batchReceiver)!.name;
    await page.getByRole('button', { name: `Pauzeren ${diemen}` }).click();
    await eventually(() => page.getByText(`De aflevering aan ${diemen} is gepauzeerd.`).isVisible()).toBe(true);
    await page.getByRole('button', { name: `Hervatten ${diemen}` }).waitFor();
    await inspect(watched, 'operations-receivers');
    expect((await api(`/v1/operator/receivers/${batchReceiver}`, 'operator-demo')).body.paused).toMatchObject({ by: 'staff-beheer-bram', reason: 'Onderhoud koppeling tot 14:00' });
    await page.getByRole('button', { name: `Hervatten ${diemen}` }).click();
    await eventually(() => page.getByText(`De aflevering aan ${diemen} is hervat.`).isVisible()).toBe(true);
    expect((await api(`/v1/operator/receivers/${batchReceiver}`, 'operator-demo')).body.paused).toBeNull();

    // Dead letters: replay one; the receiver now answers, so it is delivered.
    await page.getByRole('link', { name: 'Onbestelbaar' }).click();
    await page.getByRole('heading', { name: 'Onbestelbare berichten' }).waitFor();
    await eventually(() => page.locator('tbody tr').count()).toBe(2);
    await inspect(watched, 'operations-dead-letters');
    const before = receiver.received.length;
    await page.locator('tbody tr').first().getByRole('checkbox').check();
    await page.getByRole('button', { name: '1 bericht opnieuw aanbieden' }).click();
    await eventually(() => page.getByText(/opnieuw in de wachtrij/).isVisible()).toBe(true);
    await until('the replayed delivery', () => (receiver.received.length > before ? true : undefined));

    // Schedules: create one and run it now.
    await page.getByRole('link', { name: 'Planningen' }).click();
    await page.getByRole('heading', { name: 'Planningen' }).waitFor();
    await page.getByLabel('Naam', { exact: true }).fill('e2e-checkpoint');
    await page.getByLabel('Wanneer (cron)').fill('0 2 * * 1-5');
    await eventually(() => page.getByText(/Dat is: /).isVisible()).toBe(true);
    await page.getByLabel('Taak', { exact: true }).selectOption('audit-checkpoint');
    await inspect(watched, 'operations-schedules-new');
    await page.getByRole('button', { name: 'Planning aanmaken' }).click();
    await eventually(() => page.getByText('De planning is aangemaakt.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'e2e-checkpoint' }).click();
    await page.getByRole('button', { name: 'Nu uitvoeren' }).click();
    await eventually(() => page.getByText('gelukt').first().isVisible()).toBe(true);
    await inspect(watched, 'operations-schedule');

    const chain = await api('/v1/privacy/audit-search', 'privacy-officer-demo', { method: 'POST', body: { party: 'staff-beheer-bram', limit: 100 } });
    const actions = (chain.body.items as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.sign-in', 'receiver.pause', 'receiver.resume', 'delivery.replay', 'schedule.change', 'schedule.run']));
    await page.close();
  }, 120_000);

  it('when he reloads the configuration from the console, then he sees what changed, or every error with its place in the file and nothing changed', async () => {
    const watched = await operatorBrowser.newPage();
    const { page } = watched;
    await page.goto(`${base}/console/operations/config`);
    await page.waitForLoadState('networkidle');
    if (page.url().includes('/sign-in')) await signInAtProvider(page, testAccounts.operator);
    await page.getByRole('heading', { name: 'Configuratie opnieuw laden' }).waitFor();
    const reload = page.getByRole('button', { name: 'Configuratie opnieuw laden' });
    await reload.click();
    await eventually(() => page.getByText(/er was niets veranderd/).isVisible()).toBe(true);

    const original = readFileSync(cfg.file, 'utf8');
    try {
      const raw = JSON.parse(original) as { gateway: Record<string, unknown>; parties: { id: string }[] };
      writeFileSync(cfg.file, JSON.stringify({ ...raw, parties: raw.parties.map((p) => (p.id === 'zorgaanbieder-horizon' ? { ...p, disabled: true } : p)) }, null, 2));
      await reload.click();
      await eventually(() => page.getByText('Partijen gewijzigd: zorgaanbieder-horizon').isVisible()).toBe(true);
      await inspect(watched, 'operations-config');

      // A start-up-only setting: refused, with its pointer, and nothing changed.
      writeFileSync(cfg.file, JSON.stringify({ ...raw, gateway: { ...raw.gateway, bodyLimitBytes: 4096 } }, null, 2));
      await reload.click();
      await eventually(() => page.getByRole('alert').getByText(/\/gateway\/bodyLimitBytes/).isVisible()).toBe(true);
    } finally {
      writeFileSync(cfg.file, original);
    }
    await reload.click();
    await eventually(() => page.getByText('Partijen gewijzigd: zorgaanbieder-horizon').isVisible()).toBe(true);
    const chain = await api('/v1/privacy/audit-search', 'privacy-officer-demo', { method: 'POST', body: { party: 'staff-beheer-bram', limit: 200 } });
    const reloads = (chain.body.items as { action: string; outcome: string }[]).filter((r) => r.action === 'config.reload').map((r) => r.outcome);
    expect(reloads).toEqual(expect.arrayContaining(['reloaded', 'refused']));
    await page.close();
  }, 120_000);
});

describe('access and sessions', () => {
  it('when a person without a Ketenpoort role signs in, then a clear page says so', async () => {
    const other = await launchChromium();
    try {
      const watched = await other.newPage();
      const { page } = watched;
      await page.goto(`${base}/console/`);
      await page.waitForURL(/\/console\/sign-in\?/);
      await signInAtProvider(page, testAccounts.noRole);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await eventually(() => page.getByText(/Zoë Zonder Rol/).first().isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
      await inspect(watched, 'no-role');
    } finally {
      await other.close();
    }
  }, 60_000);

  it('when the session ends while an operator is typing, then sign-in comes back to the page with what was typed', async () => {
    const watched = await operatorBrowser.newPage();
    const { page } = watched;
    await page.goto(`${base}/console/operations/traffic`);
    await page.waitForURL(/\/console\/(sign-in|operations)/);
    if (page.url().includes('/sign-in')) await signInAtProvider(page, testAccounts.operator);
    await page.getByRole('heading', { name: 'Berichtenverkeer' }).waitFor();
    await page.getByLabel('Van', { exact: true }).fill(sourceParty);
    await page.getByLabel('Soort bericht').fill('JW315');
    // The session ends at the gateway (as when it expires): the next call gets 401.
    const info = await page.request.get(`${base}/console/auth/session`);
    const { csrfToken } = (await info.json()) as { csrfToken: string };
    expect((await page.request.post(`${base}/console/auth/logout`, { headers: { 'x-csrf-token': csrfToken, origin: base } })).status()).toBe(200);
    watched.expectConsoleError(/401/);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/\/console\/sign-in\?/);
    await eventually(() => page.getByText('Uw sessie is verlopen.', { exact: false }).isVisible()).toBe(true);
    await inspect(watched, 'session-expired');
    await signInAtProvider(page, testAccounts.operator);
    expect(new URL(page.url()).pathname).toBe('/console/operations/traffic');
    await page.getByRole('heading', { name: 'Berichtenverkeer' }).waitFor();
    expect(await page.getByLabel('Van', { exact: true }).inputValue()).toBe(sourceParty);
    expect(await page.getByLabel('Soort bericht').inputValue()).toBe('JW315');
    watched.assertNoUnexpectedErrors();
    await page.close();
  }, 60_000);
});

