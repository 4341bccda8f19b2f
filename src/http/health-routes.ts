// Routes without a token: liveness and readiness for the orchestrator, the Prometheus metrics, and the
// published OpenAPI document.

import express, { type RequestHandler, type Router } from 'express';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface HealthRouteDeps {
  readonly ready: () => Promise<boolean>;
  readonly isShuttingDown: () => boolean;
  readonly metrics: GatewayMetrics;
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
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  rejectOtherMethods(router, { '/health/live': 'GET', '/health/ready': 'GET', '/metrics': 'GET' });
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
