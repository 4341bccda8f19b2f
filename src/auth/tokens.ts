// Bearer JWTs (architecture.md step 1): each party signs with its own key; the gateway verifies with
// the party's public keys from the registry. Algorithms are pinned per key (ES256 or RS256, never
// `none`, never HS*), `aud` must be this gateway, `iss` names the party, `exp` is required and short.
// The authenticated party is the sender; nothing in a request body can change that.

import { createPrivateKey, randomUUID, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayConfig, PartyKey, Principal } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import { demoPrivateKeyFile } from './demo-keys.ts';

export interface TokenVerifier {
  /** Returns the authenticated principal (an agency or a staff member) or throws GatewayError('invalid-token'). */
  verify(token: string): Principal;
}

function invalid(detail: string): GatewayError {
  return new GatewayError('invalid-token', { detail });
}

export function createTokenVerifier(config: GatewayConfig, parties: PartyRegistry): TokenVerifier {
  const { maxTokenLifetimeSeconds, clockToleranceSeconds } = config.auth;
  return {
    verify(token) {
      const decoded = jwt.decode(token, { complete: true });
      if (decoded === null || typeof decoded.payload === 'string') throw invalid('not a JWT');
      const iss = decoded.payload.iss;
      const principal = typeof iss === 'string' ? parties.principal(iss) : undefined;
      if (principal === undefined) throw invalid('unknown issuer');
      const keys: readonly PartyKey[] = principal.role === 'agency' ? principal.party.keys : principal.staff.keys;
      const kid = decoded.header.kid;
      const key = kid === undefined && keys.length === 1 ? keys[0] : keys.find((k) => k.kid === kid);
      if (key === undefined) throw invalid('unknown key id for this issuer');
      let claims: jwt.JwtPayload;
      try {
        claims = jwt.verify(token, key.key, {
          algorithms: [key.algorithm],
          audience: config.gateway.audience,
          issuer: principal.id,
          clockTolerance: clockToleranceSeconds,
          complete: false,
        }) as jwt.JwtPayload;
      } catch (cause) {
        throw new GatewayError('invalid-token', { detail: (cause as Error).message, cause });
      }
      if (typeof claims.exp !== 'number') throw invalid('exp is required');
      const issuedAt = typeof claims.iat === 'number' ? claims.iat : undefined;
      const lifetime = claims.exp - (issuedAt ?? Math.floor(Date.now() / 1000));
      if (lifetime > maxTokenLifetimeSeconds + clockToleranceSeconds) {
        throw invalid(`token lifetime exceeds ${maxTokenLifetimeSeconds} s`);
      }
      return principal;
    },
  };
}

/** `ketenpoort token --party ID`: demo keys only; refuses outside the demo configuration. */
export function mintDemoToken(config: GatewayConfig, partyId: string, lifetimeSeconds = 300): string {
  if (!config.demo) throw new GatewayError('demo-only', { detail: 'tokens can only be minted with the demo configuration' });
  const party = [...config.parties, ...config.staff].find((p) => p.id === partyId);
  if (party === undefined) throw new GatewayError('not-found', { detail: `no party or staff member "${partyId}"` });
  const lifetime = Math.min(lifetimeSeconds, config.auth.maxTokenLifetimeSeconds);
  const jwk = JSON.parse(readFileSync(demoPrivateKeyFile(config.dataDir, partyId), 'utf8')) as JsonWebKey & { kid: string };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return jwt.sign({ jti: randomUUID() }, key, {
    algorithm: 'ES256',
    keyid: jwk.kid,
    issuer: party.id,
    subject: party.id,
    audience: config.gateway.audience,
    expiresIn: lifetime,
  });
}
