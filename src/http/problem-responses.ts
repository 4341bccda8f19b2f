// Every error answer of the HTTP edge is RFC 9457 problem+json, written here (conventions 7): the
// 405 for a known path with another method, the 404 for anything else, and the one error middleware
// that turns catalogue errors, body-parser errors and unknown failures into their answers.

import type { ErrorRequestHandler, Request, RequestHandler, Response, Router } from 'express';
import { GatewayError, isGatewayError } from '../kernel/gateway-error.ts';
import { problemFromError } from '../kernel/problem.ts';
import { maskBsns } from '../kernel/bsn.ts';
import type { Logger } from '../observability/logger.ts';
import type { RequestLocals } from './request-helpers.ts';

/** A 405 naming the methods the path does allow (the error middleware writes the problem). */
export function methodNotAllowed(methods: string): RequestHandler {
  return (_req, res) => {
    res.setHeader('Allow', methods);
    throw new GatewayError('method-not-allowed');
  };
}

/**
 * Known paths with another method: 405 with Allow. A router adds these after its own routes, so that
 * express meets them in the same router (an OPTIONS request then gets the 405 too, not express's
 * automatic answer); other paths fall through to the app's 404.
 */
export function rejectOtherMethods(router: Router, allowed: Readonly<Record<string, string>>): void {
  for (const [path, methods] of Object.entries(allowed)) router.all(path, methodNotAllowed(methods));
}

export const noSuchRoute: RequestHandler = () => {
  throw new GatewayError('not-found', { detail: 'no such route' });
};

/** The one error middleware: catalogue errors as their problem, unknown errors logged and a bare 500. */
export function createProblemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next) => {
    // Answered already: the body timeout (http-server.ts) answers 408 while a route still waits for
    // the body, and that route then fails with the aborted request. Nothing more can be said.
    if (res.headersSent) return;
    const gatewayError = toGatewayError(error);
    const trace = (res.locals as Partial<RequestLocals>).trace;
    if (gatewayError === undefined) {
      logger.error('unhandled error', { error, path: req.path });
      res.status(500).type('application/problem+json').send(
        JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, code: 'internal', ...(trace ? { traceId: trace.traceId } : {}) }),
      );
      return;
    }
    // Back-pressure refusals are the gateway working as meant, and come in floods: counted in
    // ketenpoort_backpressure_rejections_total, not logged one by one.
    if (gatewayError.category === 'system' && gatewayError.code !== 'overloaded') logger.error('request failed', { code: gatewayError.code, error: gatewayError.cause ?? gatewayError.message });
    if (gatewayError.code === 'unauthenticated' || gatewayError.code === 'invalid-token') res.setHeader('WWW-Authenticate', 'Bearer');
    if (gatewayError.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(gatewayError.retryAfterSeconds))));
    const body = problemFromError(gatewayError, { instance: instanceOf(req.originalUrl), ...(trace ? { traceId: trace.traceId } : {}) });
    res.status(gatewayError.status).type('application/problem+json').send(JSON.stringify(body));
  };
}

/**
 * The path of the request as the problem's instance, without its query, and with a segment that holds
 * a BSN once decoded masked (`%31%32…` must not smuggle one past the masking of the problem body).
 */
export function instanceOf(originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  return path.split('/').map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      decoded = segment;
    }
    const masked = maskBsns(decoded);
    return masked === decoded ? segment : encodeURIComponent(masked);
  }).join('/');
}

/**
 * Body-parser errors (size, encoding), broken compressed bodies and undecodable URL parameters are the
 * client's fault: they become catalogue errors. Anything else stays unknown (a bare 500, logged).
 */
function toGatewayError(error: unknown): GatewayError | undefined {
  if (isGatewayError(error)) return error;
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  const zlibCode = (error as { code?: unknown } | null)?.code;
  if (typeof zlibCode === 'string' && zlibCode.startsWith('Z_')) {
    return new GatewayError('invalid-input', { detail: 'the compressed body could not be decompressed' });
  }
  if (error instanceof URIError) return new GatewayError('not-found', { detail: 'the path could not be decoded' });
  const type = (error as { type?: unknown } | null)?.type;
  if (type === undefined && typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new GatewayError('payload-too-large');
    if (status === 415) return new GatewayError('unsupported-media-type');
    return new GatewayError('invalid-input', { detail: 'the request could not be read' });
  }
  switch (type) {
    case 'entity.too.large':
      return new GatewayError('payload-too-large', { detail: 'the body exceeds the configured limit' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new GatewayError('unsupported-media-type', { detail: 'unsupported content encoding or charset' });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new GatewayError('invalid-input', { detail: 'the request body could not be read' });
    default:
      return undefined;
  }
}
