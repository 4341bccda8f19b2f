// The console's sign-in edge at /console/auth: who is signed in (session), sign-in through the
// organisation's OpenID provider (login, callback), the demo sign-in (demo mode only) and sign-out.
// The session is an HttpOnly cookie: SameSite=Strict, Secure unless the browser talks to this machine
// (localhost), with the session's own lifetime. Every /v1 call the console makes then authenticates
// with that cookie (authenticate.ts), state-changing calls with the session's CSRF token as well.
// The pending sign-in's cookie is SameSite=Lax: the browser comes back from the provider by a
// cross-site navigation, which does not carry Strict cookies.

import express, { type Request, type Response, type Router } from 'express';
import type { StaffMember } from '../config/config-types.ts';
import type { StaffSignIn } from '../auth/staff-sign-in.ts';
import { sameToken, type StaffSession, type StaffSessions } from '../auth/staff-sessions.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Logger } from '../observability/logger.ts';
import { localsOf, operatorBody, operatorJson } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface ConsoleAuthDeps {
  readonly sessions: StaffSessions;
  /** The provider sign-in; undefined when none is configured. */
  readonly signIn: StaffSignIn | undefined;
  /** The demo staff members (demo mode only); undefined outside demo mode. */
  readonly demoStaff: readonly StaffMember[] | undefined;
  /** PUBLIC_URL (no trailing slash), or null: the request's own origin. */
  readonly publicUrl: string | null;
  readonly now: () => number;
  readonly logger: Logger;
  /** Records the sign-in (or sign-out) in the audit log under the person's own identity. */
  readonly recordSession: (event: 'sign-in' | 'sign-out', session: StaffSession, trace: ReturnType<typeof localsOf>['trace']) => Promise<void>;
}

const sessionCookie = { secure: '__Host-ketenpoort-session', plain: 'ketenpoort-session' } as const;
const pendingCookie = 'ketenpoort-signin';

/** The request's cookies (RFC 6265 cookie-string; values are not decoded beyond the pair split). */
export function cookiesOf(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The session id the browser sent, if any. */
export function sessionIdOf(req: Request): string | undefined {
  const cookies = cookiesOf(req);
  return cookies.get(sessionCookie.secure) ?? cookies.get(sessionCookie.plain);
}

/** Plain http cookies only for a browser on this machine; everywhere else Secure. */
function isLocalRequest(req: Request): boolean {
  const host = (req.get('host') ?? '').replace(/:\d+$/, '');
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

function cookie(name: string, value: string, options: { secure: boolean; sameSite: 'Strict' | 'Lax'; path: string; maxAgeSeconds: number }): string {
  return [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.round(options.maxAgeSeconds))}`, 'HttpOnly', `SameSite=${options.sameSite}`, ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** A 303 without a body (express's redirect writes one). */
function seeOther(res: Response, location: string): void {
  res.status(303).location(location).end();
}

function setSessionCookie(req: Request, res: Response, value: string, maxAgeSeconds: number): void {
  const secure = !isLocalRequest(req);
  res.append('Set-Cookie', cookie(secure ? sessionCookie.secure : sessionCookie.plain, value, { secure, sameSite: 'Strict', path: '/', maxAgeSeconds }));
}

/** A path under /console to return to, never anything else (no open redirect). */
export function safeReturnTo(value: unknown): string {
  if (typeof value === 'string' && /^\/console(\/[A-Za-z0-9\-._~%/?=&]*)?$/.test(value) && !value.includes('//') && !value.startsWith('/console/auth')) return value;
  return '/console/';
}

export function createConsoleAuthRoutes(deps: ConsoleAuthDeps): Router {
  const router = express.Router();
  const { sessions } = deps;
  const noStore = (res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
  };
  const originOf = (req: Request): string => deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  /** A state-changing request must come from this origin (the Origin header, when the browser sends one). */
  const checkOrigin = (req: Request): void => {
    const origin = req.get('origin');
    if (origin !== undefined && origin !== originOf(req)) throw new GatewayError('forbidden', { detail: 'the request comes from another site' });
  };
  const startSession = async (req: Request, res: Response, session: StaffSession): Promise<void> => {
    setSessionCookie(req, res, session.id, (session.expiresAt - deps.now()) / 1000);
    await deps.recordSession('sign-in', session, localsOf(res).trace);
    deps.logger.info('staff signed in', { actor: session.actorId, issuer: session.identity.issuer, role: session.activeRole });
  };

  router.get('/console/auth/session', (req, res) => {
    noStore(res);
    const id = sessionIdOf(req);
    const session = id === undefined ? undefined : sessions.peek(id, deps.now());
    if (session === undefined) {
      res.json({
        authenticated: false,
        signIn: {
          oidc: deps.signIn !== undefined,
          demo: deps.demoStaff === undefined ? null : deps.demoStaff.map((m) => ({ id: m.id, name: m.name, role: m.role })),
        },
      });
      return;
    }
    res.json({
      authenticated: true,
      user: { subject: session.identity.subject, name: session.identity.name, roles: session.identity.roles, activeRole: session.activeRole },
      csrfToken: session.csrfToken,
      expiresAt: new Date(sessions.endsAt(session)).toISOString(),
    });
  });

  router.get('/console/auth/login', async (req, res) => {
    noStore(res);
    if (deps.signIn === undefined) throw new GatewayError('not-found', { detail: 'no OpenID provider is configured' });
    const begun = await deps.signIn.begin(safeReturnTo(req.query.returnTo), deps.now());
    if (!begun.ok) {
      deps.logger.warn('staff sign-in could not start', { failure: begun.failure, detail: begun.detail });
      seeOther(res, `/console/sign-in?error=${begun.failure}`);
      return;
    }
    sessions.rememberPending(begun.value.pending);
    res.append('Set-Cookie', cookie(pendingCookie, begun.value.pending.state, { secure: !isLocalRequest(req), sameSite: 'Lax', path: '/console/auth', maxAgeSeconds: 600 }));
    seeOther(res, begun.value.authorizationUrl);
  });

  router.get('/console/auth/callback', async (req, res) => {
    noStore(res);
    if (deps.signIn === undefined) throw new GatewayError('not-found', { detail: 'no OpenID provider is configured' });
    res.append('Set-Cookie', cookie(pendingCookie, '', { secure: !isLocalRequest(req), sameSite: 'Lax', path: '/console/auth', maxAgeSeconds: 0 }));
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    // The state must be the one this browser was given: a callback from another browser's sign-in
    // (login CSRF) finds no matching cookie.
    const bound = cookiesOf(req).get(pendingCookie);
    const pending = state !== undefined && bound !== undefined && sameToken(state, bound) ? sessions.takePending(state, deps.now()) : undefined;
    if (pending === undefined) {
      seeOther(res, '/console/sign-in?error=response-invalid');
      return;
    }
    const callbackUrl = new URL(req.originalUrl, `${originOf(req)}/`);
    const done = await deps.signIn.complete(callbackUrl, pending);
    if (!done.ok) {
      deps.logger.warn('staff sign-in failed', { failure: done.failure, detail: done.detail });
      seeOther(res, `/console/sign-in?error=${done.failure}`);
      return;
    }
    const previous = sessionIdOf(req);
    if (previous !== undefined) sessions.end(previous);
    const session = sessions.create({ issuer: done.value.issuer, subject: done.value.subject, name: done.value.name, roles: done.value.roles, idToken: done.value.idToken }, deps.now());
    await startSession(req, res, session);
    seeOther(res, pending.returnTo);
  });

  if (deps.demoStaff !== undefined) {
    const demoStaff = deps.demoStaff;
    router.post('/console/auth/demo', operatorBody, async (req, res) => {
      noStore(res);
      checkOrigin(req);
      const body = operatorJson(req) as { staffId?: unknown } | null;
      const staffId = body !== null && typeof body === 'object' ? body.staffId : undefined;
      const member = demoStaff.find((m) => m.id === staffId);
      if (member === undefined) {
        throw new GatewayError('invalid-input', { errors: [{ pointer: '/staffId', detail: `must be one of ${demoStaff.map((m) => m.id).join(', ')}` }] });
      }
      const previous = sessionIdOf(req);
      if (previous !== undefined) sessions.end(previous);
      const session = sessions.create({ issuer: 'demo', subject: member.id, name: member.name, roles: [member.role] }, deps.now());
      await startSession(req, res, session);
      res.status(204).end();
    });
  }

  router.post('/console/auth/logout', async (req, res) => {
    noStore(res);
    checkOrigin(req);
    const id = sessionIdOf(req);
    const session = id === undefined ? undefined : sessions.peek(id, deps.now());
    if (session === undefined) throw new GatewayError('unauthenticated', { detail: 'no console session' });
    const token = req.get('x-csrf-token');
    if (token === undefined || !sameToken(token, session.csrfToken)) throw new GatewayError('forbidden', { detail: 'send the session\'s X-CSRF-Token' });
    sessions.end(session.id);
    setSessionCookie(req, res, '', 0);
    await deps.recordSession('sign-out', session, localsOf(res).trace);
    const endSessionUrl = session.identity.issuer !== 'demo' && deps.signIn !== undefined ? await deps.signIn.endSessionUrl(session.identity.idToken) : undefined;
    res.json(endSessionUrl === undefined ? {} : { endSessionUrl });
  });

  rejectOtherMethods(router, {
    '/console/auth/session': 'GET',
    '/console/auth/login': 'GET',
    '/console/auth/callback': 'GET',
    ...(deps.demoStaff !== undefined ? { '/console/auth/demo': 'POST' } : {}),
    '/console/auth/logout': 'POST',
  });
  return router;
}
