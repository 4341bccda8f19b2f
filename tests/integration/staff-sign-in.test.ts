// Staff sign-in (src/auth/staff-sign-in.ts) against a real OpenID Provider process on 127.0.0.1: the
// authorization code flow with PKCE, nonce and state, the provider's own login page with a password
// check, roles from the organisation's groups claim (in the ID token, or only in userinfo), and the
// failures a relying party must refuse: a replayed code, a wrong nonce, a provider that is away.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffSignIn, rolesFromClaim, type PendingSignIn, type StaffSignIn, type StaffSignInSettings } from '../../src/auth/staff-sign-in.ts';
import { followProviderSignIn, startOidcProvider, testAccounts, testGroups, type OidcProvider, type TestStaffAccount } from '../support/oidc-provider.ts';

const redirectUri = 'http://localhost:8999/console/auth/callback';
const roleValues: StaffSignInSettings['roleValues'] = {
  'privacy-officer': [testGroups.privacyOfficer],
  operator: [testGroups.operator],
  admin: [testGroups.admin],
};

function settingsFor(provider: OidcProvider): StaffSignInSettings {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri,
    scopes: ['openid', 'profile', 'groups'],
    roleClaim: 'groups',
    roleValues,
    nameClaim: 'name',
  };
}

/** Follows the provider's redirects as a browser would, signing in on its login page, until it sends the browser to the gateway. */
const signInAtProvider = (authorizationUrl: string, account: TestStaffAccount, password = account.password): Promise<URL> =>
  followProviderSignIn(authorizationUrl, account, redirectUri, password);

async function signIn(signInFlow: StaffSignIn, account: TestStaffAccount): Promise<{ pending: PendingSignIn; callback: URL }> {
  const begun = await signInFlow.begin('/console/privacy/child', Date.now());
  if (!begun.ok) throw new Error(begun.detail);
  return { pending: begun.value.pending, callback: await signInAtProvider(begun.value.authorizationUrl, account) };
}

describe('staff sign-in with OpenID Connect', () => {
  let provider: OidcProvider | undefined;
  let userinfoProvider: OidcProvider | undefined;
  let flow: StaffSignIn;

  beforeAll(async () => {
    [provider, userinfoProvider] = await Promise.all([
      startOidcProvider({ redirectUris: [redirectUri] }),
      startOidcProvider({ redirectUris: [redirectUri], claimsInIdToken: false }),
    ]);
    flow = createStaffSignIn(settingsFor(provider));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([provider?.stop(), userinfoProvider?.stop()]);
  });

  it('when sign-in starts, then the provider is asked for a code with PKCE (S256), state and nonce, for the registered callback', async () => {
    const begun = await flow.begin('/console/privacy/reviews', 1_000);
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    const url = new URL(begun.value.authorizationUrl);
    expect(url.origin).toBe(provider!.issuer);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(provider!.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('code_challenge')).not.toBe(begun.value.pending.codeVerifier);
    expect(url.searchParams.get('state')).toBe(begun.value.pending.state);
    expect(url.searchParams.get('nonce')).toBe(begun.value.pending.nonce);
    expect(begun.value.pending).toMatchObject({ returnTo: '/console/privacy/reviews', createdAt: 1_000 });
  });

  it('when a privacy officer signs in at the provider, then the gateway gets their subject, name and role from the ID token', async () => {
    const { pending, callback } = await signIn(flow, testAccounts.privacyOfficer);
    const result = await flow.complete(callback, pending);
    expect(result).toMatchObject({ ok: true, value: { issuer: provider!.issuer, subject: 'fg-anna', name: 'Anna de Vries', roles: ['privacy-officer'] } });
    if (result.ok) expect(result.value.idToken.split('.')).toHaveLength(3);
  });

  it('when staff with two roles, or none, sign in, then the roles say so', async () => {
    const two = await signIn(flow, testAccounts.twoRoles);
    expect(await flow.complete(two.callback, two.pending)).toMatchObject({ ok: true, value: { subject: 'dubbel-dirk', roles: ['privacy-officer', 'operator'] } });
    const none = await signIn(flow, testAccounts.noRole);
    expect(await flow.complete(none.callback, none.pending)).toMatchObject({ ok: true, value: { subject: 'zonder-rol', name: 'Zoë Zonder Rol', roles: [] } });
  });

  it('when the provider puts name and groups only in userinfo, then they are read from there', async () => {
    const userinfoFlow = createStaffSignIn(settingsFor(userinfoProvider!));
    const { pending, callback } = await signIn(userinfoFlow, testAccounts.operator);
    const result = await userinfoFlow.complete(callback, pending);
    expect(result).toMatchObject({ ok: true, value: { subject: 'beheer-bram', name: 'Bram Jansen', roles: ['operator'] } });
    // The ID token itself had neither: they came from userinfo.
    const idClaims = result.ok ? JSON.parse(Buffer.from(result.value.idToken.split('.')[1]!, 'base64url').toString('utf8')) : {};
    expect(idClaims.sub).toBe('beheer-bram');
    expect(idClaims.groups).toBeUndefined();
    expect(idClaims.name).toBeUndefined();
  });

  it('when the same code comes back a second time, then the provider refuses it and no identity is given', async () => {
    const { pending, callback } = await signIn(flow, testAccounts.operator);
    expect((await flow.complete(callback, pending)).ok).toBe(true);
    expect(await flow.complete(callback, pending)).toMatchObject({ ok: false, failure: 'token-refused' });
  });

  it('when the callback belongs to another sign-in (its nonce or state), then it is refused', async () => {
    const { pending, callback } = await signIn(flow, testAccounts.admin);
    expect(await flow.complete(callback, { ...pending, nonce: 'another-sign-in-nonce-0123456789' })).toMatchObject({ ok: false, failure: 'id-token-invalid' });
    const second = await signIn(flow, testAccounts.admin);
    expect(await flow.complete(second.callback, { ...second.pending, state: 'another-sign-in-state' })).toMatchObject({ ok: false, failure: 'response-invalid' });
  });

  it('when the PKCE verifier is not the one the challenge was made from, then the provider refuses the code', async () => {
    const { pending, callback } = await signIn(flow, testAccounts.admin);
    expect(await flow.complete(callback, { ...pending, codeVerifier: 'x'.repeat(43) })).toMatchObject({ ok: false, failure: 'token-refused' });
  });

  it('when the provider cannot be reached, then sign-in says so instead of failing later', async () => {
    const away = createStaffSignIn({ ...settingsFor(provider!), issuer: 'http://127.0.0.1:9' });
    expect(await away.begin('/console/', 0)).toMatchObject({ ok: false, failure: 'provider-unavailable' });
  });

  it('when logging out, then the provider end-session URL carries the ID token hint', async () => {
    const url = new URL((await flow.endSessionUrl('header.payload.signature')) ?? 'http://missing');
    expect(url.origin).toBe(provider!.issuer);
    expect(url.searchParams.get('id_token_hint')).toBe('header.payload.signature');
    expect(url.searchParams.get('client_id')).toBe(provider!.clientId);
  });

  it('when claim values are mapped to roles, then only configured values count, in a fixed order', () => {
    expect(rolesFromClaim([testGroups.operator, testGroups.privacyOfficer, 'Medewerkers'], roleValues)).toEqual(['privacy-officer', 'operator']);
    expect(rolesFromClaim(testGroups.admin, roleValues)).toEqual(['admin']);
    expect(rolesFromClaim(undefined, roleValues)).toEqual([]);
    expect(rolesFromClaim([42, { role: 'admin' }], roleValues)).toEqual([]);
  });
});
