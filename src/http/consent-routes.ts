// The consent registry over HTTP (/v1/consents, agencies and privacy officers). A BSN is only ever
// accepted in a request body, never in a URL.

import express, { type Request, type Router } from 'express';
import type { ConsentRegistry } from '../privacy/consent-registry.ts';
import { idShape, jsonBody, pathId, principalOf, queryInt, queryString, rawBody, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface ConsentRouteDeps {
  readonly consents: ConsentRegistry;
  readonly bodyLimitBytes: number;
  readonly maxJsonDepth: number;
}

export function createConsentRoutes(deps: ConsentRouteDeps): Router {
  const router = express.Router();
  const raw = rawBody(deps.bodyLimitBytes);
  /** The JSON body; an empty body is `{}` (a revocation needs nothing). */
  const body = (req: Request): unknown => jsonBody(req, { maxDepth: deps.maxJsonDepth, emptyIsObject: true, jsonSuffix: true });

  router.post('/v1/consents', raw, async (req, res) => {
    const consent = await deps.consents.register(principalOf(res), body(req), traceOf(res));
    res.status(201).setHeader('Location', `/v1/consents/${consent.id}`);
    res.json(consent);
  });
  router.get('/v1/consents', async (req, res) => {
    const after = queryString(req, 'after', idShape, 'must be an id from a previous page');
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 4 }, 50);
    res.json(await deps.consents.list(principalOf(res), { limit, ...(after !== undefined ? { after } : {}) }, traceOf(res)));
  });
  router.get('/v1/consents/:consentId', async (req, res) => {
    res.json(await deps.consents.get(principalOf(res), pathId(req, 'consentId', idShape), traceOf(res)));
  });
  router.post('/v1/consents/:consentId/revocation', raw, async (req, res) => {
    res.json(await deps.consents.revoke(principalOf(res), pathId(req, 'consentId', idShape), body(req), traceOf(res)));
  });

  rejectOtherMethods(router, {
    '/v1/consents': 'GET, POST',
    '/v1/consents/:consentId': 'GET',
    '/v1/consents/:consentId/revocation': 'POST',
  });
  return router;
}
