// The regie register over HTTP (/v1/regie, agency systems). A BSN is only ever accepted in a request
// body, never in a URL; a look-up answers the same for "no regie" and "not yours to know".

import express, { type Request, type Router } from 'express';
import type { RegieRegister } from '../regie/regie-register.ts';
import { idShape, jsonBody, pathId, principalOf, rawBody, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface RegieRouteDeps {
  readonly regie: RegieRegister;
  readonly bodyLimitBytes: number;
  readonly maxJsonDepth: number;
}

export function createRegieRoutes(deps: RegieRouteDeps): Router {
  const router = express.Router();
  const raw = rawBody(deps.bodyLimitBytes);
  const body = (req: Request): unknown => jsonBody(req, { maxDepth: deps.maxJsonDepth, emptyIsObject: true, jsonSuffix: true });

  router.post('/v1/regie', raw, async (req, res) => {
    res.status(201).json(await deps.regie.register(principalOf(res), body(req), traceOf(res)));
  });
  router.post('/v1/regie/lookup', raw, async (req, res) => {
    res.json(await deps.regie.lookup(principalOf(res), body(req), traceOf(res)));
  });
  router.post('/v1/regie/handovers', raw, async (req, res) => {
    res.status(201).json(await deps.regie.proposeHandover(principalOf(res), body(req), traceOf(res)));
  });
  router.post('/v1/regie/handovers/:handoverId/decision', raw, async (req, res) => {
    res.json(await deps.regie.decideHandover(principalOf(res), pathId(req, 'handoverId', idShape), body(req), traceOf(res)));
  });
  router.post('/v1/regie/end', raw, async (req, res) => {
    res.json(await deps.regie.end(principalOf(res), body(req), traceOf(res)));
  });

  rejectOtherMethods(router, {
    '/v1/regie': 'POST',
    '/v1/regie/lookup': 'POST',
    '/v1/regie/handovers': 'POST',
    '/v1/regie/handovers/:handoverId/decision': 'POST',
    '/v1/regie/end': 'POST',
  });
  return router;
}
