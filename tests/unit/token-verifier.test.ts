import { describe, expect, it } from 'vitest';
import { createTokenVerifier, mintDemoToken } from '../../src/auth/tokens.ts';
import { createPartyRegistry } from '../../src/config/party-registry.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

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
