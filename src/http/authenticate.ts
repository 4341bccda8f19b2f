// Authentication for the /v1 routes: a bearer token of a known party or staff member (agency systems,
// scripts), or the console's session cookie (a person signed in at /console). Routes then read the
// principal (request-helpers.ts); the logger adds its id to each line. A session authenticates only
// while it lives; a state-changing call with a session must also carry the session's CSRF token
// (X-CSRF-Token) and, when the browser names one, come from this origin.

import type { Request, RequestHandler } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { TokenVerifier } from '../auth/tokens.ts';
import type { Principal } from '../config/config-types.ts';
import { principalOfSession, sameToken, type StaffSessions } from '../auth/staff-sessions.ts';
import { requestContext } from '../observability/logger.ts';
import { sessionIdOf } from './console-auth-routes.ts';

export interface SessionAuthentication {
  readonly sessions: StaffSessions;
  readonly now: () => number;
  /** PUBLIC_URL, or null: the request's own origin. */
  readonly publicUrl: string | null;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createAuthentication(verifier: TokenVerifier, console?: SessionAuthentication): RequestHandler {
  const fromSession = (req: Request): Principal | undefined => {
    if (console === undefined) return undefined;
    const id = sessionIdOf(req);
    if (id === undefined) return undefined;
    const session = console.sessions.touch(id, console.now());
    if (session === undefined) throw new GatewayError('unauthenticated', { detail: 'the console session has ended; sign in again' });
    if (!safeMethods.has(req.method)) {
      const token = req.get('x-csrf-token');
      if (token === undefined || !sameToken(token, session.csrfToken)) throw new GatewayError('forbidden', { detail: "a change needs the session's X-CSRF-Token" });
      const origin = req.get('origin');
      const own = console.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
      if (origin !== undefined && origin !== own) throw new GatewayError('forbidden', { detail: 'the request comes from another site' });
    }
    const principal = principalOfSession(session);
    if (principal === undefined) throw new GatewayError('forbidden', { detail: 'this account has no Ketenpoort role' });
    return principal;
  };
  // Express 5 passes a rejected promise on to the error handler (a problem+json answer).
  return async (req, res, next) => {
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] !== undefined ? await verifier.verify(match[1]) : header === undefined ? fromSession(req) : undefined;
    if (principal === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new GatewayError('unauthenticated', { detail: 'send Authorization: Bearer <JWT>, or sign in at /console' }));
      return;
    }
    res.locals.principal = principal;
    const ctx = requestContext.getStore();
    if (ctx !== undefined) ctx.party = principal.id;
    next();
  };
}
