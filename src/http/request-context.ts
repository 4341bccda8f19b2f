// The first middleware of every request: its ids (request id, W3C trace), the API-Version header, the
// request metrics once the answer is written, and the ambient request context for the logger.

import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { requestContext, type RequestContext } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { traceFromHeader } from '../kernel/trace-context.ts';

export const apiVersion = '1.0.0';

export function createRequestContext(metrics: GatewayMetrics): RequestHandler {
  return (req, res, next) => {
    const trace = traceFromHeader(req.get('traceparent'));
    const requestId = randomUUID();
    res.locals.trace = trace;
    res.locals.requestId = requestId;
    res.setHeader('API-Version', apiVersion);
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The route's pattern, not the path: ids in paths would make a label per exchange.
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    const context: RequestContext = { requestId, traceId: trace.traceId, spanId: trace.spanId };
    requestContext.run(context, next);
  };
}
