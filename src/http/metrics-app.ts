// The Prometheus metrics, on a port of their own (config metrics.port), never on the API port: the
// figures (parties' request counts, queue depths, rate-limited principals) are for the operators'
// network, and a scraper needs no token. Only GET /metrics is served; everything else is a problem+json
// 404 or 405 like on the API port.

import express from 'express';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { apiVersion } from './request-context.ts';
import { createProblemHandler, noSuchRoute, rejectOtherMethods } from './problem-responses.ts';

export function createMetricsApp(deps: { readonly metrics: GatewayMetrics; readonly logger: Logger }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('API-Version', apiVersion);
    next();
  });
  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  rejectOtherMethods(router, { '/metrics': 'GET' });
  app.use(router);
  app.use(noSuchRoute);
  app.use(createProblemHandler(deps.logger));
  return app;
}
