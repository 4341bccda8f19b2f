// A party that publishes its own JWKS (jwksUri): a real HTTP server on 127.0.0.1 serves it and counts
// the fetches, so that caching by Cache-Control, the refetch for an unknown kid, its rate limit and
// failing closed are measured, not assumed. The verifier's clock is moved by hand; HTTP is real.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenVerifier, signPartyToken, type TokenVerifier } from '../../src/auth/tokens.ts';
import { generateAgencyKeyPair, type AgencyKeyPair } from '../../src/auth/agency-keys.ts';
import { defaultRemoteJwksSettings, ttlOf } from '../../src/auth/remote-jwks.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

const party = 'jeugdhulp-de-brug';

interface JwksServer {
  readonly url: string;
  fetches: number;
  /** What the next requests get. */
  answer: { status: number; keys: readonly AgencyKeyPair[]; cacheControl?: string };
  close(): Promise<void>;
}

async function startJwksServer(keys: readonly AgencyKeyPair[], cacheControl?: string): Promise<JwksServer> {
  const state = { fetches: 0, answer: { status: 200, keys, ...(cacheControl !== undefined ? { cacheControl } : {}) } };
  const server: Server = createServer((req, res) => {
    state.fetches += 1;
    const { status, keys: current, cacheControl: cc } = state.answer;
    res.writeHead(status, { 'content-type': 'application/jwk-set+json', ...(cc !== undefined ? { 'cache-control': cc } : {}) });
    res.end(status === 200 ? JSON.stringify({ keys: current.map((k) => k.publicJwk) }) : 'unavailable');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise<void>((r) => { server.close(() => { r(); }); }),
  });
}

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setUp(keys: readonly AgencyKeyPair[], cacheControl?: string): Promise<{ server: JwksServer; t: TestConfig; verifier: TokenVerifier; clock: { now: number }; token: (pair: AgencyKeyPair) => string }> {
  const server = await startJwksServer(keys, cacheControl);
  const t = writeTestConfig({ partySettings: { [party]: { jwksFile: undefined, jwksUri: server.url } } });
  cleanups.push(() => server.close(), () => { t.cleanup(); });
  const clock = { now: Date.now() };
  const verifier = createTokenVerifier(t.config, createPartyRegistry(t.config.parties, t.config.staff), { now: () => clock.now });
  // A new token each time (a new jti): the verifier's cache of verified tokens must not hide the fetches.
  const token = (pair: AgencyKeyPair): string => signPartyToken({ partyId: party, key: pair.privateKey, kid: pair.kid, algorithm: 'ES256', audience: t.config.gateway.audience, lifetimeSeconds: 60 });
  return { server, t, verifier, clock, token };
}

describe('a party with a jwksUri', () => {
  it('when its tokens arrive, then the JWKS is fetched once and used for as long as its max-age, then fetched again', async () => {
    const key = generateAgencyKeyPair(party, 'ES256', new Date());
    const { server, verifier, clock, token } = await setUp([key], 'public, max-age=120');
    for (let i = 0; i < 5; i++) expect((await verifier.verify(token(key))).id).toBe(party);
    expect(server.fetches).toBe(1);
    clock.now += 119_000;
    await verifier.verify(token(key));
    expect(server.fetches).toBe(1);
    clock.now += 2_000;
    await verifier.verify(token(key));
    expect(server.fetches).toBe(2);
  });

  it('when a token names a kid the cached JWKS lacks, then it is fetched again, but not more than once per 30 s; a rotated key is then accepted', async () => {
    const first = generateAgencyKeyPair(party, 'ES256', new Date());
    const rotated = generateAgencyKeyPair(party, 'ES256', new Date());
    const { server, verifier, clock, token } = await setUp([first], 'max-age=3600');
    await verifier.verify(token(first));
    expect(server.fetches).toBe(1);
    // Tokens with kids nobody published: no refetch within 30 s of the last fetch, then one, then
    // none again within 30 s however many come.
    const stranger = generateAgencyKeyPair(party, 'ES256', new Date());
    await expect(verifier.verify(token(stranger))).rejects.toMatchObject({ code: 'invalid-token', detail: 'unknown key id for this issuer' });
    expect(server.fetches).toBe(1);
    clock.now += 30_000;
    await expect(verifier.verify(token(stranger))).rejects.toMatchObject({ code: 'invalid-token', detail: 'unknown key id for this issuer' });
    expect(server.fetches).toBe(2);
    for (let i = 0; i < 10; i++) await expect(verifier.verify(token(stranger))).rejects.toMatchObject({ code: 'invalid-token' });
    expect(server.fetches).toBe(2);
    // The party rotates: within the 30 s the new kid is not fetched yet; after them it is.
    server.answer = { status: 200, keys: [first, rotated], cacheControl: 'max-age=3600' };
    clock.now += 10_000;
    await expect(verifier.verify(token(rotated))).rejects.toMatchObject({ code: 'invalid-token' });
    expect(server.fetches).toBe(2);
    clock.now += 21_000;
    expect((await verifier.verify(token(rotated))).id).toBe(party);
    expect(server.fetches).toBe(3);
    expect((await verifier.verify(token(first))).id).toBe(party);
    expect(server.fetches).toBe(3);
  });

  it('when the JWKS cannot be fetched and nothing fresh is cached, then tokens are refused (401), with the next fetch no sooner than 30 s later', async () => {
    const key = generateAgencyKeyPair(party, 'ES256', new Date());
    const { server, verifier, clock, token } = await setUp([key], 'max-age=60');
    server.answer = { status: 503, keys: [] };
    await expect(verifier.verify(token(key))).rejects.toMatchObject({ code: 'invalid-token', status: 401, detail: expect.stringMatching(/cannot be fetched .*answered 503.*nothing valid is cached/) });
    await expect(verifier.verify(token(key))).rejects.toMatchObject({ code: 'invalid-token' });
    expect(server.fetches).toBe(1);
    // It comes back: the next fetch after 30 s, and the party's tokens are accepted again.
    server.answer = { status: 200, keys: [key], cacheControl: 'max-age=60' };
    clock.now += 30_000;
    expect((await verifier.verify(token(key))).id).toBe(party);
    expect(server.fetches).toBe(2);
    // Cached for its 60 s; then the server is down again and the cache stale: refused, not trusted for ever.
    server.answer = { status: 503, keys: [] };
    clock.now += 61_000;
    await expect(verifier.verify(token(key))).rejects.toMatchObject({ code: 'invalid-token', detail: expect.stringContaining('cannot be fetched') });
    expect(server.fetches).toBe(3);
  });

  it('when the server is not there at all, then the token is refused with why', async () => {
    const key = generateAgencyKeyPair(party, 'ES256', new Date());
    const { server, verifier, token } = await setUp([key]);
    await server.close();
    cleanups = cleanups.slice(1); // closed already
    await expect(verifier.verify(token(key))).rejects.toMatchObject({ code: 'invalid-token', detail: expect.stringMatching(/cannot reach it: ECONNREFUSED/) });
  });

  it('when requests arrive together, then one fetch serves them all', async () => {
    const key = generateAgencyKeyPair(party, 'ES256', new Date());
    const { server, verifier, token } = await setUp([key]);
    const principals = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(token(key))));
    expect(principals.every((p) => p.id === party)).toBe(true);
    expect(server.fetches).toBe(1);
  });

  it('when the config names a plain-http jwksUri on another machine, or keys in two places, then the config is refused', () => {
    expect(() => writeTestConfig({ partySettings: { [party]: { jwksFile: undefined, jwksUri: 'http://keys.example/jwks.json' } } })).toThrow(/jwksUri: must be https/);
    expect(() => writeTestConfig({ partySettings: { [party]: { jwksUri: 'https://keys.example/jwks.json' } } })).toThrow(/keys in one place only: jwksFile and jwksUri/);
  });
});

describe('the cache lifetime of a fetched JWKS', () => {
  it('when Cache-Control says max-age, no-store or nothing, then the lifetime is that max-age within 60 s and 24 h, the minimum, or 5 minutes', () => {
    const s = defaultRemoteJwksSettings;
    expect(ttlOf('public, max-age=600', s)).toBe(600_000);
    expect(ttlOf('max-age=5', s)).toBe(60_000);
    expect(ttlOf('max-age=31536000', s)).toBe(86_400_000);
    expect(ttlOf('no-store', s)).toBe(60_000);
    expect(ttlOf('No-Cache, max-age=600', s)).toBe(60_000);
    expect(ttlOf(null, s)).toBe(300_000);
  });
});
