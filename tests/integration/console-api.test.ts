// The console's sign-in edge and what it adds to the API, through HTTP (supertest against the real app,
// SQLite on disk) with a real OpenID provider process on 127.0.0.1: the provider sign-in (PKCE, state
// bound to the browser, roles from the groups claim), the session cookie's attributes, CSRF and origin
// checks on changes, expiry (idle), sign-out, a person without a role, the demo sign-in (demo mode
// only), audit records under the person's own identity, and the subject-access report as PDF and print
// page. Every response is checked against openapi.yaml, and every console operation it documents is
// exercised.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildGateway, type GatewayParts } from '../../src/gateway.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/observability/logger.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';
import { followProviderSignIn, startOidcProvider, testAccounts, testGroups, type OidcProvider, type TestStaffAccount } from '../support/oidc-provider.ts';
import { assertConformsToOpenApi, documentedOperations } from '../support/openapi-conformance.ts';
import { isConsolePath } from '../support/operator-paths.ts';
import { pdfTextLines } from '../support/pdf-text.ts';

const publicUrl = 'http://localhost:8998';
const redirectUri = `${publicUrl}/console/auth/callback`;
const CHILD_BSN = '999990019';

let provider: OidcProvider;
let cfg: TestConfig;
let gw: GatewayParts;
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
const exercised = new Set<string>();

function check(method: string, path: string, res: request.Response): request.Response {
  const match = assertConformsToOpenApi(method, path, { status: res.status, headers: res.headers, body: res.body, text: res.text });
  exercised.add(`${match.method} ${match.pathTemplate}`);
  return res;
}

const setCookies = (res: request.Response): string[] => {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
};
const cookieNamed = (res: request.Response, name: string): string | undefined => setCookies(res).find((c) => c.startsWith(`${name}=`));
const pairOf = (cookie: string): string => cookie.split(';')[0]!;

interface Signed {
  readonly cookie: string;
  readonly csrf: string;
}

async function sessionOf(cookie: string): Promise<request.Response> {
  return check('GET', '/console/auth/session', await request(gw.app).get('/console/auth/session').set('cookie', cookie));
}

async function signInWithProvider(account: TestStaffAccount, returnTo = '/console/privacy/child'): Promise<Signed & { readonly location: string }> {
  const login = check('GET', '/console/auth/login', await request(gw.app).get(`/console/auth/login?returnTo=${encodeURIComponent(returnTo)}`));
  expect(login.status).toBe(303);
  const pending = cookieNamed(login, 'ketenpoort-signin');
  expect(pending).toMatch(/; Path=\/console\/auth; Max-Age=600; HttpOnly; SameSite=Lax$/);
  const callback = await followProviderSignIn(login.headers.location as string, account, redirectUri);
  const done = check('GET', '/console/auth/callback', await request(gw.app).get(`${callback.pathname}${callback.search}`).set('cookie', pairOf(pending!)));
  expect(done.status).toBe(303);
  const session = cookieNamed(done, 'ketenpoort-session');
  expect(session, `no session cookie; went to ${String(done.headers.location)}`).toBeDefined();
  const cookie = pairOf(session!);
  const info = await sessionOf(cookie);
  return { cookie, csrf: (info.body as { csrfToken: string }).csrfToken, location: done.headers.location as string };
}

async function demoSignIn(staffId: string): Promise<Signed> {
  const res = check('POST', '/console/auth/demo', await request(gw.app).post('/console/auth/demo').set('content-type', 'application/json').send(JSON.stringify({ staffId })));
  expect(res.status).toBe(204);
  const cookie = pairOf(cookieNamed(res, 'ketenpoort-session')!);
  return { cookie, csrf: ((await sessionOf(cookie)).body as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [redirectUri], postLogoutRedirectUris: [`${publicUrl}/console/sign-in`] });
  cfg = writeTestConfig({
    extra: {
      console: {
        publicUrl,
        idleMinutes: 5,
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
  gw = await buildGateway(cfg.config, { logger: createLogger({ level: 'error' }), background: false, clock });
}, 60_000);

afterAll(async () => {
  await gw.close();
  cfg.cleanup();
  await provider.stop();
});

describe('the console sign-in edge', () => {
  it('when nobody is signed in, then the session says how to sign in: the provider, and the demo staff in demo mode', async () => {
    const res = await request(gw.app).get('/console/auth/session');
    check('GET', '/console/auth/session', res);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      authenticated: false,
      signIn: { oidc: true, demo: cfg.config.staff.map((m) => ({ id: m.id, name: m.name, role: m.role })) },
    });
  });

  it('when a privacy officer signs in with the provider, then an HttpOnly SameSite=Strict session acts as her on /v1, audited under her own identity', async () => {
    const login = await request(gw.app).get('/console/auth/login?returnTo=/console/privacy/reviews');
    const authorize = new URL(login.headers.location as string);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(redirectUri);

    const signed = await signInWithProvider(testAccounts.privacyOfficer, '/console/privacy/reviews');
    expect(signed.location).toBe('/console/privacy/reviews');
    const info = await sessionOf(signed.cookie);
    expect(info.body).toMatchObject({ authenticated: true, user: { subject: 'fg-anna', name: 'Anna de Vries', roles: ['privacy-officer'], activeRole: 'privacy-officer' } });

    const reviews = check('GET', '/v1/privacy/reviews', await request(gw.app).get('/v1/privacy/reviews').set('cookie', signed.cookie));
    expect(reviews.status).toBe(200);
    const exported = check(
      'POST',
      '/v1/privacy/subject-access-export',
      await request(gw.app).post('/v1/privacy/subject-access-export').set('cookie', signed.cookie).set('x-csrf-token', signed.csrf).set('content-type', 'application/json').send(JSON.stringify({ bsn: CHILD_BSN })),
    );
    expect(exported.status).toBe(200);
    expect(exported.body.generatedBy).toBe('staff-fg-anna');

    const chain = await gw.store.readAuditChain(1, 1_000_000);
    const signIn = chain.find((r) => r.action === 'staff.sign-in' && r.actor === 'staff-fg-anna');
    expect(signIn).toMatchObject({ outcome: 'signed-in' });
    expect(signIn?.detail).toContain('Anna de Vries');
    expect(signIn?.detail).toContain('sub fg-anna');
    expect(chain.some((r) => r.action === 'privacy.read' && r.actor === 'staff-fg-anna' && r.detail?.startsWith('subject-access-export'))).toBe(true);
  });

  it('when the session cookie is set, then it is HttpOnly, SameSite=Strict, lives as long as the session, and is Secure outside localhost', async () => {
    const login = await request(gw.app).get('/console/auth/login');
    const pending = pairOf(cookieNamed(login, 'ketenpoort-signin')!);
    const callback = await followProviderSignIn(login.headers.location as string, testAccounts.operator, redirectUri);
    const done = await request(gw.app).get(`${callback.pathname}${callback.search}`).set('cookie', pending);
    expect(cookieNamed(done, 'ketenpoort-session')).toMatch(/^ketenpoort-session=[\w-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    // The same sign-in through a public host name: the __Host- cookie, Secure.
    const remote = await request(gw.app).post('/console/auth/demo').set('host', 'ketenpoort.example.nl').set('content-type', 'application/json').send('{"staffId":"operator-demo"}');
    expect(remote.status).toBe(204);
    expect(cookieNamed(remote, '__Host-ketenpoort-session')).toMatch(/; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('when a callback arrives without this browser\'s sign-in cookie (login CSRF) or with a used state, then no session starts', async () => {
    const login = await request(gw.app).get('/console/auth/login');
    const pending = pairOf(cookieNamed(login, 'ketenpoort-signin')!);
    const callback = await followProviderSignIn(login.headers.location as string, testAccounts.privacyOfficer, redirectUri);
    const foreign = check('GET', '/console/auth/callback', await request(gw.app).get(`${callback.pathname}${callback.search}`));
    expect(foreign.headers.location).toBe('/console/sign-in?error=response-invalid');
    expect(cookieNamed(foreign, 'ketenpoort-session')).toBeUndefined();
    // The state was not consumed by the foreign attempt: the right browser still completes once...
    const own = await request(gw.app).get(`${callback.pathname}${callback.search}`).set('cookie', pending);
    expect(cookieNamed(own, 'ketenpoort-session')).toBeDefined();
    // ...and never twice.
    const again = await request(gw.app).get(`${callback.pathname}${callback.search}`).set('cookie', pending);
    expect(again.headers.location).toBe('/console/sign-in?error=response-invalid');
  });

  it('when returnTo points outside the console, then sign-in returns to the console instead', async () => {
    const signed = await signInWithProvider(testAccounts.operator, 'https://evil.example/console');
    expect(signed.location).toBe('/console/');
    const sneaky = await signInWithProvider(testAccounts.operator, '/console//evil.example');
    expect(sneaky.location).toBe('/console/');
  });

  it('when a change comes with the session but without its CSRF token, or from another origin, then it is refused', async () => {
    const signed = await demoSignIn('privacy-officer-demo');
    const body = JSON.stringify({ bsn: CHILD_BSN });
    const post = () => request(gw.app).post('/v1/privacy/subject-access-export').set('cookie', signed.cookie).set('content-type', 'application/json');
    const missing = check('POST', '/v1/privacy/subject-access-export', await post().send(body));
    expect(missing.status).toBe(403);
    expect(missing.body.detail).toContain('X-CSRF-Token');
    expect((await post().set('x-csrf-token', 'x'.repeat(43)).send(body)).status).toBe(403);
    expect((await post().set('x-csrf-token', signed.csrf).set('origin', 'http://evil.example').send(body)).status).toBe(403);
    expect((await post().set('x-csrf-token', signed.csrf).set('origin', publicUrl).send(body)).status).toBe(200);
    const demoFromElsewhere = check('POST', '/console/auth/demo', await request(gw.app).post('/console/auth/demo').set('origin', 'http://evil.example').set('content-type', 'application/json').send('{"staffId":"admin-demo"}'));
    expect(demoFromElsewhere.status).toBe(403);
    const wrongStaff = check('POST', '/console/auth/demo', await request(gw.app).post('/console/auth/demo').set('content-type', 'application/json').send('{"staffId":"nobody"}'));
    expect(wrongStaff.status).toBe(400);
    expect(wrongStaff.body.errors[0].pointer).toBe('/staffId');
    const notJson = check('POST', '/console/auth/demo', await request(gw.app).post('/console/auth/demo').set('content-type', 'text/plain').send('operator-demo'));
    expect(notJson.status).toBe(415);
  });

  it('when a person without a Ketenpoort role signs in, then the session says so and the API refuses them', async () => {
    const signed = await signInWithProvider(testAccounts.noRole);
    expect((await sessionOf(signed.cookie)).body).toMatchObject({ user: { name: 'Zoë Zonder Rol', roles: [], activeRole: null } });
    const res = check('GET', '/v1/privacy/reviews', await request(gw.app).get('/v1/privacy/reviews').set('cookie', signed.cookie));
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('this account has no Ketenpoort role');
  });

  it('when the session has been idle too long, then /v1 answers 401 and the session endpoint says signed out', async () => {
    const signed = await demoSignIn('operator-demo');
    expect((await request(gw.app).get('/v1/schedules').set('cookie', signed.cookie)).status).toBe(200);
    offsetMs += 4 * 60_000;
    // A request within the idle time keeps the session alive...
    expect((await request(gw.app).get('/v1/schedules').set('cookie', signed.cookie)).status).toBe(200);
    offsetMs += 4 * 60_000;
    expect((await request(gw.app).get('/v1/schedules').set('cookie', signed.cookie)).status).toBe(200);
    // ...five quiet minutes end it.
    offsetMs += 5 * 60_000 + 1;
    const expired = check('GET', '/v1/schedules', await request(gw.app).get('/v1/schedules').set('cookie', signed.cookie));
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toContain('session has ended');
    expect((await sessionOf(signed.cookie)).body).toMatchObject({ authenticated: false });
  });

  it('when staff sign out, then the session ends, the cookie is cleared, the sign-out is audited and the provider logout is named', async () => {
    const signed = await signInWithProvider(testAccounts.operator);
    const refused = check('POST', '/console/auth/logout', await request(gw.app).post('/console/auth/logout').set('cookie', signed.cookie));
    expect(refused.status).toBe(403);
    const out = check('POST', '/console/auth/logout', await request(gw.app).post('/console/auth/logout').set('cookie', signed.cookie).set('x-csrf-token', signed.csrf));
    expect(out.status).toBe(200);
    const end = new URL(out.body.endSessionUrl as string);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/console/sign-in`);
    expect(cookieNamed(out, 'ketenpoort-session')).toMatch(/^ketenpoort-session=; Path=\/; Max-Age=0;/);
    expect((await request(gw.app).get('/v1/schedules').set('cookie', signed.cookie)).status).toBe(401);
    const again = check('POST', '/console/auth/logout', await request(gw.app).post('/console/auth/logout').set('cookie', signed.cookie).set('x-csrf-token', signed.csrf));
    expect(again.status).toBe(401);
    const chain = await gw.store.readAuditChain(1, 1_000_000);
    expect(chain.some((r) => r.action === 'staff.sign-out' && r.outcome === 'signed-out' && r.actor === 'staff-beheer-bram')).toBe(true);
  });

  it('when a bearer token is sent, then it is used and the session cookie is not', async () => {
    const signed = await demoSignIn('privacy-officer-demo');
    const res = await request(gw.app).get('/v1/schedules').set('cookie', signed.cookie).set('authorization', `Bearer ${cfg.token('operator-demo')}`);
    expect(res.status).toBe(200);
    const broken = await request(gw.app).get('/v1/privacy/reviews').set('cookie', signed.cookie).set('authorization', 'Basic abc');
    expect(broken.status).toBe(401);
  });

  it('when a route is not documented for a method, then it is 405 on the console edge too', async () => {
    const res = await request(gw.app).put('/console/auth/session');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
  });
});

describe('the subject-access report', () => {
  let officer: Signed;
  beforeAll(async () => {
    officer = await demoSignIn('privacy-officer-demo');
  });
  const report = (accept: string, body: unknown) =>
    request(gw.app)
      .post('/v1/privacy/subject-access-report')
      .set('cookie', officer.cookie)
      .set('x-csrf-token', officer.csrf)
      .set('accept', accept)
      .set('content-type', 'application/json')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .send(JSON.stringify(body));

  it('when a PDF is asked for, then a tagged PDF in Dutch for a parent comes as a download', async () => {
    const res = await report('application/pdf', { bsn: CHILD_BSN });
    assertConformsToOpenApi('POST', '/v1/privacy/subject-access-report', { status: res.status, headers: res.headers, body: (res.body as Buffer).toString('latin1') });
    exercised.add('POST /v1/privacy/subject-access-report');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="inzage-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf"$/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextLines(pdf).join('\n');
    expect(text).toContain('Inzage: gegevens over uw kind in Ketenpoort');
    expect(text).not.toContain(CHILD_BSN);
  });

  it('when the print page is asked for, for a child in English, then it is HTML whose CSP allows only its own style', async () => {
    const res = await report('text/html', { bsn: CHILD_BSN, reader: 'child', language: 'en' });
    assertConformsToOpenApi('POST', '/v1/privacy/subject-access-report', { status: res.status, headers: res.headers, body: (res.body as Buffer).toString('utf8') });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; /);
    const html = (res.body as Buffer).toString('utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain(CHILD_BSN);
  });

  it('when the report is asked for as JSON, with a bad reader, or by an operator, then it is refused', async () => {
    const json = await request(gw.app).post('/v1/privacy/subject-access-report').set('cookie', officer.cookie).set('x-csrf-token', officer.csrf).set('accept', 'application/json').set('content-type', 'application/json').send(JSON.stringify({ bsn: CHILD_BSN }));
    check('POST', '/v1/privacy/subject-access-report', json);
    expect(json.status).toBe(406);
    const bad = await request(gw.app).post('/v1/privacy/subject-access-report').set('cookie', officer.cookie).set('x-csrf-token', officer.csrf).set('accept', 'application/pdf').set('content-type', 'application/json').send(JSON.stringify({ bsn: CHILD_BSN, reader: 'neighbour', extra: 1 }));
    check('POST', '/v1/privacy/subject-access-report', bad);
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { pointer: string }[]).map((e) => e.pointer).sort()).toEqual(['/extra', '/reader']);
    const operator = await demoSignIn('operator-demo');
    const forbidden = await request(gw.app).post('/v1/privacy/subject-access-report').set('cookie', operator.cookie).set('x-csrf-token', operator.csrf).set('accept', 'application/pdf').set('content-type', 'application/json').send(JSON.stringify({ bsn: CHILD_BSN }));
    check('POST', '/v1/privacy/subject-access-report', forbidden);
    expect(forbidden.status).toBe(403);
  });
});

describe('outside demo mode', () => {
  it('when the gateway does not run the demo configuration, then there is no demo sign-in and no demo staff in the session', async () => {
    const file = join(cfg.dir, 'production.json');
    const raw = JSON.parse(JSON.stringify({ ...JSON.parse((await import('node:fs')).readFileSync(cfg.file, 'utf8')), demo: false }));
    delete raw.console;
    raw.pseudonymSecret = 'a-production-secret-for-this-test-only-0123456789';
    raw.store = { url: 'sqlite:${dataDir}/production.db' };
    writeFileSync(file, JSON.stringify(raw));
    const production = await buildGateway(loadConfig(file, {}), { logger: createLogger({ level: 'error' }), background: false });
    try {
      const session = await request(production.app).get('/console/auth/session');
      expect(session.body).toEqual({ authenticated: false, signIn: { oidc: false, demo: null } });
      const demo = check('POST', '/console/auth/demo', await request(production.app).post('/console/auth/demo').set('content-type', 'application/json').send('{"staffId":"operator-demo"}'));
      expect(demo.status).toBe(404);
      const login = check('GET', '/console/auth/login', await request(production.app).get('/console/auth/login'));
      expect(login.status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe('completeness', () => {
  it('then every documented console operation has been exercised by this suite', () => {
    const missing = documentedOperations().filter((op) => isConsolePath(op.pathTemplate) && !exercised.has(`${op.method} ${op.pathTemplate}`));
    expect(missing).toEqual([]);
  });
});
