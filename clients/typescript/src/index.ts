// @ketenpoort/client: the Ketenpoort exchange API, typed from openapi.yaml (openapi-typescript +
// openapi-fetch), with the party's bearer token signed from its private key and renewed before it
// expires. Every request, response body and problem+json error is typed by the API's own document:
//
//   const client = createKetenpoortClient({ baseUrl, partyId, signingKey: readPrivateKeyFile(file), audience });
//   const { data, error, response } = await client.POST('/v1/exchanges', { body: { ... } });
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi.js';
import { signPartyToken, type PartySigningKey } from './token.js';

export type { components, operations, paths } from './openapi.js';
export { readPrivateKeyFile, signPartyToken, type PartySigningKey, type PartyTokenOptions, type SigningAlgorithm } from './token.js';

export interface KetenpoortClientOptions {
  /** The gateway, e.g. https://ketenpoort.example.nl (no /v1). */
  readonly baseUrl: string;
  /** The agency's party id at the gateway (the token's iss and sub). */
  readonly partyId: string;
  /** The agency's private key (readPrivateKeyFile). */
  readonly signingKey: PartySigningKey;
  /** The gateway's `gateway.audience`. */
  readonly audience: string;
  /** Seconds each token lives (default 300, the gateway's maximum by default). */
  readonly tokenLifetimeSeconds?: number;
  /** A token is renewed this many seconds before it expires (default 30). */
  readonly renewBeforeSeconds?: number;
  /** Another fetch (tests, proxies); default the global fetch. */
  readonly fetch?: typeof fetch;
}

export type KetenpoortClient = Client<paths>;

/** A typed client whose every request carries a fresh token of the party. */
export function createKetenpoortClient(options: KetenpoortClientOptions): KetenpoortClient {
  const lifetime = options.tokenLifetimeSeconds ?? 300;
  const renewBefore = Math.min(options.renewBeforeSeconds ?? 30, lifetime - 1);
  let current: { token: string; renewAtMs: number } | undefined;
  const token = (): string => {
    const now = Date.now();
    if (current === undefined || now >= current.renewAtMs) {
      current = {
        token: signPartyToken({ partyId: options.partyId, signingKey: options.signingKey, audience: options.audience, lifetimeSeconds: lifetime, now }),
        renewAtMs: now + (lifetime - renewBefore) * 1000,
      };
    }
    return current.token;
  };
  const authenticate: Middleware = {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token()}`);
      return request;
    },
  };
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.fetch !== undefined ? { fetch: options.fetch } : {}) });
  client.use(authenticate);
  return client;
}
