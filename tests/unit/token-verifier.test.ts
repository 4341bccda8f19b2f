import { describe, expect, it } from 'vitest';
import { createTokenVerifier, mintDemoToken, signPartyToken } from '../../src/auth/tokens.ts';
import { generateAgencyKeyPair } from '../../src/auth/agency-keys.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { writeTestConfig, type TestConfig } from '../support/test-gateway.ts';

describe('the token verifier', () => {
  it('when a verified token is used again, then it is accepted until it expires, and refused after', async () => {
    const t = writeTestConfig();
    let clock = Date.now();
    const verifier = createTokenVerifier(t.config, createPartyRegistry(t.config.parties, t.config.staff), { now: () => clock });
    const token = mintDemoToken(t.config, 'gemeente-diemen', 60);
    expect((await verifier.verify(token)).id).toBe('gemeente-diemen');
    expect((await verifier.verify(token)).id).toBe('gemeente-diemen');
    clock += (60 + t.config.auth.clockToleranceSeconds + 1) * 1000;
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
    t.cleanup();
  });

  it('when a token claims to be issued in the future to stretch its lifetime, then it is refused', async () => {
    // Regression (review): exp - iat was checked, and jsonwebtoken accepts an iat in the future.
    const t = writeTestConfig();
    const verifier = createTokenVerifier(t.config, createPartyRegistry(t.config.parties, t.config.staff));
    const { readFileSync } = await import('node:fs');
    const { createPrivateKey } = await import('node:crypto');
    const jwt = (await import('jsonwebtoken')).default;
    const { demoPrivateKeyFile } = await import('../../src/config/demo-keys.ts');
    const jwk = JSON.parse(readFileSync(demoPrivateKeyFile(t.config.dataDir, 'gemeente-diemen'), 'utf8')) as { kid: string };
    const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
    const future = Math.floor(Date.now() / 1000) + 10 * 365 * 86400;
    const token = jwt.sign({ iat: future, exp: future + 300 }, key, { algorithm: 'ES256', keyid: jwk.kid, issuer: 'gemeente-diemen', audience: t.config.gateway.audience });
    await expect(verifier.verify(token)).rejects.toThrow(/future|lifetime/);
    t.cleanup();
  });

  it('when a token fails verification, then it is not remembered (the next try fails too)', async () => {
    const t = writeTestConfig();
    const verifier = createTokenVerifier(t.config, createPartyRegistry(t.config.parties, t.config.staff));
    const token = mintDemoToken(t.config, 'gemeente-diemen', 60);
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(verifier.verify(tampered)).rejects.toThrow();
    await expect(verifier.verify(tampered)).rejects.toThrow();
    t.cleanup();
  });
});

describe('the token verifier with the keys of `ketenpoort keys`', () => {
  const pairFor = (partyId: string, notAfter?: string): { jwk: Record<string, unknown>; pair: ReturnType<typeof generateAgencyKeyPair> } => {
    const pair = generateAgencyKeyPair(partyId, 'ES256', new Date());
    return { pair, jwk: { ...pair.publicJwk, ...(notAfter !== undefined ? { notAfter } : {}) } };
  };
  const sign = (t: TestConfig, partyId: string, pair: ReturnType<typeof generateAgencyKeyPair>): string =>
    signPartyToken({ partyId, key: pair.privateKey, kid: pair.kid, algorithm: 'ES256', audience: t.config.gateway.audience, lifetimeSeconds: 120 });

  it('when a key is past its notAfter, then its tokens are refused, the other key still works, and a token verified before is not accepted after', async () => {
    const notAfter = new Date(Date.now() + 60_000);
    const old = pairFor('gemeente-diemen', notAfter.toISOString());
    const current = pairFor('gemeente-diemen');
    const t = writeTestConfig({ partySettings: { 'gemeente-diemen': { jwksFile: undefined, jwks: { keys: [old.jwk, current.jwk] } } } });
    let clock = Date.now();
    const verifier = createTokenVerifier(t.config, createPartyRegistry(t.config.parties, t.config.staff), { now: () => clock });
    expect(t.config.parties.find((p) => p.id === 'gemeente-diemen')?.keys.map((k) => k.notAfterMs)).toEqual([notAfter.getTime(), undefined]);
    const early = sign(t, 'gemeente-diemen', old.pair);
    expect((await verifier.verify(early)).id).toBe('gemeente-diemen');
    clock = notAfter.getTime() + 1;
    // Remembered as verified, but not beyond the key's end.
    await expect(verifier.verify(early)).rejects.toThrow(/expired/);
    await expect(verifier.verify(sign(t, 'gemeente-diemen', old.pair))).rejects.toMatchObject({ code: 'invalid-token', detail: expect.stringMatching(/key ".+" expired at .+\(rotated\)/) });
    expect((await verifier.verify(sign(t, 'gemeente-diemen', current.pair))).id).toBe('gemeente-diemen');
    t.cleanup();
  });

  it('when a party is disabled, then its well-signed token is refused with party-disabled, and other parties are not affected', async () => {
    const t = writeTestConfig({ partySettings: { 'gemeente-diemen': { disabled: true } } });
    const verifier = createTokenVerifier(t.config, createPartyRegistry(t.config.parties, t.config.staff));
    await expect(verifier.verify(t.token('gemeente-diemen'))).rejects.toMatchObject({ code: 'party-disabled', status: 401, detail: expect.stringContaining('disabled') });
    expect((await verifier.verify(t.token('jeugdhulp-de-brug'))).id).toBe('jeugdhulp-de-brug');
    t.cleanup();
  });
});
