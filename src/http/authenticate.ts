// Bearer authentication for the /v1 routes: the token names a known party or staff member, whose
// principal the routes then read (request-helpers.ts) and whose id the logger adds to each line.

import type { RequestHandler } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { TokenVerifier } from '../auth/tokens.ts';
import { requestContext } from '../observability/logger.ts';

export function createAuthentication(verifier: TokenVerifier): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new GatewayError('unauthenticated', { detail: 'send Authorization: Bearer <JWT>' }));
      return;
    }
    const principal = verifier.verify(match[1]);
    res.locals.principal = principal;
    const ctx = requestContext.getStore();
    if (ctx !== undefined) ctx.party = principal.id;
    next();
  };
}
