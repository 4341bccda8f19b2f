// The client package for agency developers (clients/typescript): its tokens are what the gateway's own
// verifier accepts (ES256 from a JWK file, RS256 from a PEM file with the kid passed), a wrong
// audience is refused, and the client signs every request and renews its token before it expires.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createKetenpoortClient, readPrivateKeyFile, signPartyToken } from '../../clients/typescript/src/index.ts';
import { generateAgencyKeyPair, privateKeyText, type AgencyKeyPair } from '../../src/auth/agency-keys.ts';
import { createTokenVerifier } from '../../src/auth/tokens.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A gateway config with the party 'jeugdhulp-nieuw' holding these public keys; its verifier; a folder for key files. */
function partyWith(pairs: readonly AgencyKeyPair[]): { dir: string; audience: string; verify: (token: string) => Promise<string> } {
  const t = writeTestConfig();
  cleanups.push(() => { t.cleanup(); });
  const base = JSON.parse(readFileSync(t.file, 'utf8')) as { parties: unknown[] };
  const file = join(t.dir, 'with-party.json');
  writeFileSync(file, JSON.stringify({ ...base, parties: [...base.parties, { id: 'jeugdhulp-nieuw', role: 'aanbieder', name: 'Nieuw', identifiers: { agb: '42420077' }, adapter: { kind: 'inbox' }, jwks: { keys: pairs.map((p) => p.publicJwk) } }] }));
  const config = loadConfig(file, {});
  const verifier = createTokenVerifier(config, createPartyRegistry(config.parties, config.staff));
  return { dir: t.dir, audience: config.gateway.audience, verify: async (token) => (await verifier.verify(token)).id };
}

describe('the client package\'s tokens', () => {
  it('when signed from the JWK file `keys create` writes, then the gateway\'s verifier accepts them (ES256, kid from the file)', async () => {
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const other = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const party = partyWith([other, pair]);
    const file = join(party.dir, 'key.jwk.json');
    writeFileSync(file, privateKeyText(pair, 'jwk'));
    const signingKey = readPrivateKeyFile(file);
    expect(signingKey).toMatchObject({ algorithm: 'ES256', kid: pair.kid });
    expect(await party.verify(signPartyToken({ partyId: 'jeugdhulp-nieuw', signingKey, audience: party.audience }))).toBe('jeugdhulp-nieuw');
  });

  it('when signed from a PEM file with the kid passed, then an RS256 token is accepted; without the kid (two keys) it is refused', async () => {
    const rsa = generateAgencyKeyPair('jeugdhulp-nieuw', 'RS256', new Date());
    const ec = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const party = partyWith([rsa, ec]);
    const file = join(party.dir, 'key.pem');
    writeFileSync(file, privateKeyText(rsa, 'pem'));
    expect(await party.verify(signPartyToken({ partyId: 'jeugdhulp-nieuw', signingKey: readPrivateKeyFile(file, rsa.kid), audience: party.audience }))).toBe('jeugdhulp-nieuw');
    await expect(party.verify(signPartyToken({ partyId: 'jeugdhulp-nieuw', signingKey: readPrivateKeyFile(file), audience: party.audience }))).rejects.toThrow(/unknown key id/);
  });

  it('when the audience or the lifetime is wrong, then the gateway refuses the token', async () => {
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const party = partyWith([pair]);
    const signingKey = { key: pair.privateKey, algorithm: pair.algorithm, kid: pair.kid };
    await expect(party.verify(signPartyToken({ partyId: 'jeugdhulp-nieuw', signingKey, audience: 'https://elders.example.nl' }))).rejects.toThrow(/audience/);
    await expect(party.verify(signPartyToken({ partyId: 'jeugdhulp-nieuw', signingKey, audience: party.audience, lifetimeSeconds: 3600 }))).rejects.toThrow(/lifetime/);
  });
});

describe('the client', () => {
  it('when it makes requests, then each carries a token of the party, the same one until it is due for renewal', async () => {
    const pair = generateAgencyKeyPair('jeugdhulp-nieuw', 'ES256', new Date());
    const party = partyWith([pair]);
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"next":null}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => { server.close(); });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const signingKey = { key: pair.privateKey, algorithm: pair.algorithm, kid: pair.kid };
    const reused = createKetenpoortClient({ baseUrl, partyId: 'jeugdhulp-nieuw', signingKey, audience: party.audience });
    await reused.GET('/v1/exchanges');
    await reused.GET('/v1/exchanges');
    // A token that lives 2 s and is renewed 1 s before: a request 1.1 s later gets a new one.
    const renewing = createKetenpoortClient({ baseUrl, partyId: 'jeugdhulp-nieuw', signingKey, audience: party.audience, tokenLifetimeSeconds: 2, renewBeforeSeconds: 1 });
    await renewing.GET('/v1/exchanges');
    await new Promise((r) => setTimeout(r, 1100));
    await renewing.GET('/v1/exchanges');

    expect(seen).toHaveLength(4);
    for (const header of seen) {
      expect(header).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(await party.verify(header.slice('Bearer '.length))).toBe('jeugdhulp-nieuw');
    }
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[3]);
  });
});
