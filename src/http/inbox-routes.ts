// The pull inbox of an agency without a receiving endpoint: list what was delivered to it, read one
// message, acknowledge it.

import express, { type Router } from 'express';
import type { ExchangeQueries } from '../exchange/exchange-queries.ts';
import { agencyOf, idShape, pathId, queryBool, queryInt, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface InboxRouteDeps {
  readonly queries: ExchangeQueries;
}

export function createInboxRoutes(deps: InboxRouteDeps): Router {
  const router = express.Router();
  router.get('/v1/inbox', async (req, res) => {
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 9 }, 50);
    res.json(await deps.queries.listInbox(agencyOf(res), { limit, includeAcknowledged: queryBool(req, 'includeAcknowledged') }));
  });
  router.get('/v1/inbox/:exchangeId', async (req, res) => {
    res.json(await deps.queries.getInboxItem(agencyOf(res), pathId(req, 'exchangeId', idShape)));
  });
  router.post('/v1/inbox/:exchangeId/ack', async (req, res) => {
    await deps.queries.acknowledgeInboxItem(agencyOf(res), pathId(req, 'exchangeId', idShape), traceOf(res));
    res.status(204).end();
  });

  rejectOtherMethods(router, { '/v1/inbox': 'GET', '/v1/inbox/:exchangeId': 'GET', '/v1/inbox/:exchangeId/ack': 'POST' });
  return router;
}
