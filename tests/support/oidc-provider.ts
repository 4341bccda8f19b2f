// Starts and stops the test OpenID Provider (tests/support/oidc-provider-process.ts) as a real process
// on 127.0.0.1, with the test staff of each role. The gateway in the browser tests runs on `localhost`,
// so the provider is another site, as a real organisation's IdP is.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { OidcProcessConfig, TestStaffAccount } from './oidc-provider-process.ts';

export type { TestStaffAccount };

/** The organisation's group names, mapped to Ketenpoort's roles in the gateway's configuration. */
export const testGroups = { privacyOfficer: 'KP-Functionaris-Gegevensbescherming', operator: 'KP-Applicatiebeheer', admin: 'KP-Systeembeheer' } as const;

/** Test staff: one per role, one without any role, one with two. */
export const testAccounts = {
  privacyOfficer: { login: 'fg-anna', password: 'anna-wachtwoord-1', name: 'Anna de Vries', groups: [testGroups.privacyOfficer, 'Medewerkers'] },
  operator: { login: 'beheer-bram', password: 'bram-wachtwoord-2', name: 'Bram Jansen', groups: [testGroups.operator] },
  admin: { login: 'admin-ada', password: 'ada-wachtwoord-3', name: 'Ada Bakker', groups: [testGroups.admin] },
  noRole: { login: 'zonder-rol', password: 'geen-wachtwoord-4', name: 'Zoë Zonder Rol', groups: ['Medewerkers'] },
  twoRoles: { login: 'dubbel-dirk', password: 'dirk-wachtwoord-5', name: 'Dirk Dubbel', groups: [testGroups.privacyOfficer, testGroups.operator] },
} as const satisfies Record<string, TestStaffAccount>;

export interface OidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export interface OidcProviderOptions {
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  readonly claimsInIdToken?: boolean;
  readonly tokenTtlSeconds?: number;
  readonly accounts?: readonly TestStaffAccount[];
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const clientId = 'ketenpoort-console';
  const clientSecret = randomBytes(24).toString('base64url');
  const config: OidcProcessConfig = {
    clientId,
    clientSecret,
    redirectUris: options.redirectUris,
    postLogoutRedirectUris: options.postLogoutRedirectUris ?? [],
    accounts: options.accounts ?? Object.values(testAccounts),
    claimsInIdToken: options.claimsInIdToken ?? true,
    ...(options.tokenTtlSeconds !== undefined ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'oidc-provider-process.ts')], {
    env: { ...process.env, KETENPOORT_TEST_OIDC: JSON.stringify(config), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start:\n${output.join('')}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      const match = /\{"issuer":"([^"]+)"\}/.exec(text);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited:\n${output.join('')}`));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A browser's cookie jar, just enough for the provider's interaction cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Follows the provider's redirects as a browser would, signing in on its login page, until it sends the browser to redirectUri. */
export async function followProviderSignIn(authorizationUrl: string, account: TestStaffAccount, redirectUri: string, password = account.password): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { method, redirect: 'manual', headers: { cookie: jar.header() }, ...(body !== undefined ? { body } : {}) });
    jar.store(response);
    const location = response.headers.get('location');
    if (location !== null) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next;
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (action === undefined) throw new Error(`no login form at ${url.href} (${response.status}): ${html.slice(0, 300)}`);
    if (body !== undefined) throw new Error(`login refused (${response.status})`);
    url = new URL(action, url);
    method = 'POST';
    body = new URLSearchParams({ login: account.login, password });
  }
  throw new Error('too many redirects');
}
