// A real OpenID Provider for the tests (oidc-provider 9, the certified OP implementation), run as its
// own process on 127.0.0.1 by tests/support/oidc-provider.ts. It knows one confidential client (the
// gateway: authorization code, PKCE required, client_secret_basic) and the test staff below, each
// with a password that is really checked on its own login page. Roles travel in the `groups` claim
// as the organisation names them; the gateway's configuration maps them to Ketenpoort's roles.
//
// Configuration comes as JSON in KETENPOORT_TEST_OIDC; when listening, the process prints one line
// `{"issuer": "http://127.0.0.1:PORT"}` on stdout.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface TestStaffAccount {
  readonly login: string;
  readonly password: string;
  readonly name: string;
  readonly groups: readonly string[];
  readonly email?: string;
}

export interface OidcProcessConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly accounts: readonly TestStaffAccount[];
  /** true: name and groups are in the ID token; false: only in userinfo (as some providers do). */
  readonly claimsInIdToken: boolean;
  /** Lifetime of ID and access tokens, seconds. */
  readonly tokenTtlSeconds?: number;
}

const config = JSON.parse(process.env.KETENPOORT_TEST_OIDC ?? '{}') as OidcProcessConfig;
const accounts = new Map(config.accounts.map((a) => [a.login, a]));

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, clientId: string, error?: string): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inloggen bij de test-IdP</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"></head>
<body><main><h1>Inloggen bij de test-IdP</h1><p>Voor ${escapeHtml(clientId)}</p>
${error === undefined ? '' : `<p role="alert">${escapeHtml(error)}</p>`}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<p><label for="login">Gebruikersnaam</label><br><input id="login" name="login" autocomplete="username" required></p>
<p><label for="password">Wachtwoord</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Inloggen</button></p>
</form></main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const ttl = config.tokenTtlSeconds ?? 600;
  const configuration: Configuration = {
    clients: [
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        redirect_uris: [...config.redirectUris],
        post_logout_redirect_uris: [...config.postLogoutRedirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    conformIdTokenClaims: !config.claimsInIdToken,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    ttl: { IdToken: ttl, AccessToken: ttl, Session: 3600, Interaction: 600, Grant: 3600 },
    cookies: { keys: ['test-only-cookie-key-not-secret-0123456789'] },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    // The gateway is this organisation's own application: no consent screen (as a real IdP would be
    // configured for a first-party client).
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (grantId !== undefined) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing !== undefined) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client?.clientId ?? '', accountId: ctx.oidc.session?.accountId ?? '' });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (account === undefined) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: account.name,
          preferred_username: account.login,
          ...(account.email !== undefined ? { email: account.email } : {}),
          groups: [...account.groups],
        }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const login = /^\/interaction\/([\w-]+)\/login$/.exec(url.pathname);
      const show = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
      try {
        if (show !== null && req.method === 'GET') {
          const details = await provider.interactionDetails(req, res);
          if (details.prompt.name === 'login') {
            send(res, 200, loginPage(details.uid, String(details.params.client_id)));
            return;
          }
          // Consent is granted by loadExistingGrant; anything else ends the interaction as it is.
          await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
          return;
        }
        if (login !== null && req.method === 'POST') {
          const details = await provider.interactionDetails(req, res);
          const form = await readForm(req);
          const account = accounts.get(form.get('login') ?? '');
          if (account === undefined || account.password !== form.get('password')) {
            send(res, 401, loginPage(details.uid, String(details.params.client_id), 'Gebruikersnaam of wachtwoord klopt niet.'));
            return;
          }
          await provider.interactionFinished(req, res, { login: { accountId: account.login } }, { mergeWithLastSubmission: false });
          return;
        }
        await callback(req, res);
      } catch (error) {
        send(res, 500, `<!doctype html><title>error</title><p>${escapeHtml((error as Error).message)}</p>`);
      }
    })();
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
