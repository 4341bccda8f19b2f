// Policy explain (POST /v1/policy/explain): what the policy would decide for a sample envelope, and
// why. The use case (src/exchange/explain-exchange.ts) checks who may ask; this only translates HTTP.

import express, { type Router } from 'express';
import type { ExplainExchange } from '../exchange/explain-exchange.ts';
import { jsonBody, principalOf, rawBody, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface PolicyRouteDeps {
  readonly explainExchange: ExplainExchange;
  readonly bodyLimitBytes: number;
  readonly maxJsonDepth: number;
}

export function createPolicyRoutes(deps: PolicyRouteDeps): Router {
  const router = express.Router();
  router.post('/v1/policy/explain', rawBody(deps.bodyLimitBytes), async (req, res) => {
    const body = jsonBody(req, { maxDepth: deps.maxJsonDepth, jsonSuffix: true });
    res.json(await deps.explainExchange(principalOf(res), body, traceOf(res)));
  });
  rejectOtherMethods(router, { '/v1/policy/explain': 'POST' });
  return router;
}
