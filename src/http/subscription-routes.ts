// Status callbacks over HTTP (src/exchange/subscriptions.ts): an agency system subscribes a URL to
// events about its own exchanges, lists its subscriptions and deletes one. The secret is in the
// answer to the create only.

import express, { type Router } from 'express';
import type { Subscriptions } from '../exchange/subscriptions.ts';
import { agencyOf, jsonBody, onlyQuery, pathId, rawBody, traceOf, uuid } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface SubscriptionRouteDeps {
  readonly subscriptions: Subscriptions;
}

export function createSubscriptionRoutes(deps: SubscriptionRouteDeps): Router {
  const router = express.Router();
  router.post('/v1/subscriptions', rawBody('16kb'), async (req, res) => {
    onlyQuery(req, []);
    const party = agencyOf(res).id;
    const created = await deps.subscriptions.create(party, jsonBody(req, { maxDepth: 4 }), traceOf(res));
    res.status(201).location(`/v1/subscriptions/${created.id}`).set('cache-control', 'no-store').json(created);
  });
  router.get('/v1/subscriptions', async (req, res) => {
    onlyQuery(req, []);
    res.json(await deps.subscriptions.list(agencyOf(res).id));
  });
  router.delete('/v1/subscriptions/:subscriptionId', async (req, res) => {
    onlyQuery(req, []);
    await deps.subscriptions.remove(agencyOf(res).id, pathId(req, 'subscriptionId', uuid), traceOf(res));
    res.status(204).end();
  });
  rejectOtherMethods(router, { '/v1/subscriptions': 'GET, POST', '/v1/subscriptions/:subscriptionId': 'DELETE' });
  return router;
}
