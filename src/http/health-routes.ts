// Routes without a token: liveness and readiness for the orchestrator and the published OpenAPI
// document. The Prometheus metrics are not here: they are served on a port of their own (metrics-app.ts).

import express, { type RequestHandler, type Router } from 'express';
import { rejectOtherMethods } from './problem-responses.ts';

export interface HealthRouteDeps {
  readonly ready: () => Promise<boolean>;
  readonly isShuttingDown: () => boolean;
}

export function createHealthRoutes(deps: HealthRouteDeps): Router {
  const router = express.Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const ok = !deps.isShuttingDown() && (await deps.ready().catch(() => false));
    res.status(ok ? 200 : 503).json(ok ? { status: 'ready', checks: { store: 'ok' } } : { status: 'not-ready', checks: { store: 'fail' } });
  });
  rejectOtherMethods(router, { '/health/live': 'GET', '/health/ready': 'GET' });
  return router;
}

export const openApiPath = '/v1/openapi.json';

/**
 * GET of the OpenAPI document. The app mounts it before authentication and the 405 for its other
 * methods after it (create-app.ts), so that a write to it needs a token like every other /v1 path.
 */
export function publishOpenApi(openApiDocument: () => unknown): RequestHandler {
  return (_req, res) => {
    res.json(openApiDocument());
  };
}
