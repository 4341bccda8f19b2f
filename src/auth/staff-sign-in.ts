// Staff sign-in with OpenID Connect: the gateway is a confidential relying party of the organisation's
// own identity provider, using the authorization code flow with PKCE (S256), state and nonce
// (OpenID Connect Core 1.0 §3.1; RFC 7636; RFC 9700 §2.1.1). openid-client does the protocol work:
// discovery, the token request, and the ID token's validation (signature by the provider's published
// keys, issuer, audience, expiry, nonce). This module adds what is Ketenpoort's own: which claim holds
// the staff member's name and roles, and how the organisation's role values map to Ketenpoort roles.
// Framework-free: the HTTP edge keeps the pending sign-in and the session; nothing here throws for a
// failed sign-in, it returns why.

import * as oidc from 'openid-client';
import type { StaffRole } from '../config/config-types.ts';

export interface StaffSignInSettings {
  /** The provider's issuer identifier (discovery at ISSUER/.well-known/openid-configuration). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The gateway's callback: PUBLIC_URL/console/auth/callback, registered at the provider. */
  readonly redirectUri: string;
  /** Where the provider sends the browser after logout (registered at the provider), if it supports that. */
  readonly postLogoutRedirectUri?: string;
  readonly scopes: readonly string[];
  /** The claim that carries the staff member's roles or groups (a string or an array of strings). */
  readonly roleClaim: string;
  /** Which claim values give which Ketenpoort role. */
  readonly roleValues: Readonly<Record<StaffRole, readonly string[]>>;
  /** The claim with the staff member's display name (falls back to preferred_username, then sub). */
  readonly nameClaim: string;
}

/** What the gateway keeps between sending the browser to the provider and its return. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A path under /console to return to after sign-in. */
  readonly returnTo: string;
  readonly createdAt: number;
}

export interface StaffIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly name: string;
  /** The Ketenpoort roles the provider's claims give, in a fixed order; empty: none. */
  readonly roles: readonly StaffRole[];
  /** Kept for the logout request (id_token_hint). */
  readonly idToken: string;
}

export type SignInFailure =
  /** Discovery, the token or the userinfo request could not reach the provider or got nonsense back. */
  | 'provider-unavailable'
  /** The provider answered the authorization request with an error (e.g. access_denied). */
  | 'provider-refused'
  /** The token request was refused (a used or expired code, a wrong PKCE verifier, client auth). */
  | 'token-refused'
  /** The ID token failed validation (signature, issuer, audience, expiry, nonce) or has no subject. */
  | 'id-token-invalid'
  /** The callback or a provider's answer is not what the protocol requires (e.g. a state that does not match). */
  | 'response-invalid';

export type SignInResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: SignInFailure; readonly detail: string };

export interface StaffSignIn {
  readonly issuer: string;
  /** The provider's authorization URL for a new sign-in, and what to keep until the browser returns. */
  begin(returnTo: string, now: number): Promise<SignInResult<{ readonly authorizationUrl: string; readonly pending: PendingSignIn }>>;
  /** Completes the sign-in from the callback URL the browser came back with. */
  complete(callbackUrl: URL, pending: PendingSignIn): Promise<SignInResult<StaffIdentity>>;
  /** The provider's logout URL (RP-initiated logout), or undefined when it has none. */
  endSessionUrl(idTokenHint: string | undefined): Promise<string | undefined>;
}

const roleOrder: readonly StaffRole[] = ['privacy-officer', 'operator', 'admin'];

/** The Ketenpoort roles a claim value (a string or an array of strings) gives. */
export function rolesFromClaim(value: unknown, roleValues: StaffSignInSettings['roleValues']): StaffRole[] {
  const given = new Set(typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return roleOrder.filter((role) => roleValues[role].some((v) => given.has(v)));
}

/** Plain http is for a provider on this machine only (tests, a local IdP); anything else needs https. */
export function isLoopbackUrl(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

function failure(kind: SignInFailure, error: unknown): { ok: false; failure: SignInFailure; detail: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, failure: kind, detail: typeof code === 'string' ? `${code}: ${message}` : message };
}

function classify(error: unknown): { ok: false; failure: SignInFailure; detail: string } {
  if (error instanceof oidc.AuthorizationResponseError) return failure('provider-refused', error);
  if (error instanceof oidc.ResponseBodyError) return failure('token-refused', error);
  // oauth4webapi's error codes (openid-client passes its errors through).
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
    case 'OAUTH_KEY_SELECTION_FAILED':
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
    case 'ERR_JWT_EXPIRED':
      return failure('id-token-invalid', error);
    case 'OAUTH_INVALID_RESPONSE':
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      return failure('response-invalid', error);
    default:
      return failure('provider-unavailable', error);
  }
}

function claimString(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
}

export function createStaffSignIn(settings: StaffSignInSettings): StaffSignIn {
  const issuerUrl = new URL(settings.issuer);
  const insecure = issuerUrl.protocol === 'http:' && isLoopbackUrl(issuerUrl);
  let configuration: Promise<oidc.Configuration> | undefined;

  /** Discovery once; a failure is not cached (the provider may be back on the next attempt). */
  function discover(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(issuerUrl, settings.clientId, settings.clientSecret, oidc.ClientSecretBasic(settings.clientSecret), {
        // Deprecated only as a warning sign: used for a provider on this machine, never over a network.
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  }

  return {
    issuer: settings.issuer,

    async begin(returnTo, now) {
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch (error) {
        return failure('provider-unavailable', error);
      }
      const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), returnTo, createdAt: now };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes.join(' '),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { ok: true, value: { authorizationUrl: url.href, pending } };
    },

    async complete(callbackUrl, pending) {
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch (error) {
        return failure('provider-unavailable', error);
      }
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        return classify(error);
      }
      const idClaims = tokens.claims();
      const idToken = tokens.id_token;
      if (idClaims === undefined || idToken === undefined || typeof idClaims.sub !== 'string' || idClaims.sub === '') {
        return { ok: false, failure: 'id-token-invalid', detail: 'the ID token has no subject' };
      }
      let claims: Record<string, unknown> = { ...idClaims };
      // Some providers put only sub in the ID token and the rest in userinfo (OIDC Core §5.4).
      if (claims[settings.roleClaim] === undefined || claims[settings.nameClaim] === undefined) {
        try {
          const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...userinfo, ...claims };
        } catch (error) {
          if (config.serverMetadata().userinfo_endpoint !== undefined) return classify(error);
        }
      }
      return {
        ok: true,
        value: {
          issuer: settings.issuer,
          subject: idClaims.sub,
          name: claimString(claims, settings.nameClaim) ?? claimString(claims, 'preferred_username') ?? idClaims.sub,
          roles: rolesFromClaim(claims[settings.roleClaim], settings.roleValues),
          idToken,
        },
      };
    },

    async endSessionUrl(idTokenHint) {
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch {
        return undefined;
      }
      if (config.serverMetadata().end_session_endpoint === undefined) return undefined;
      return oidc.buildEndSessionUrl(config, {
        client_id: settings.clientId,
        ...(idTokenHint !== undefined ? { id_token_hint: idTokenHint } : {}),
        ...(settings.postLogoutRedirectUri !== undefined ? { post_logout_redirect_uri: settings.postLogoutRedirectUri } : {}),
      }).href;
    },
  };
}
