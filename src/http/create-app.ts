// The HTTP edge: express 5 translating HTTP to the framework-free use cases and back. Nothing here
// decides anything; it authenticates, reads parameters, calls a use case and writes its answer.

import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { GatewayError, isGatewayError } from '../kernel/gateway-error.ts';
import { problemFromError } from '../kernel/problem.ts';
import type { Party, Principal, PrincipalRole } from '../config/config-types.ts';
import type { TokenVerifier } from '../auth/tokens.ts';
import type { SubmitExchange, SubmitRequest, SubmitResponse } from '../exchange/submit-exchange.ts';
import type { IjwRetour, IjwRetourAnswers } from '../exchange/ijw-retour-answer.ts';
import type { ExchangeQueries } from '../exchange/exchange-queries.ts';
import type { ChainVerification } from '../audit/audit-log.ts';
import type { Logger } from '../observability/logger.ts';
import { requestContext, type RequestContext } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { traceFromHeader, type TraceContext } from '../kernel/trace-context.ts';
import { createConsentRoutes } from './consent-routes.ts';
import type { ConsentRegistry } from '../privacy/consent-registry.ts';
import type { PrivacyOfficer } from '../privacy/privacy-officer.ts';
import { createOperatorRoutes, type OperatorRouteDeps } from './operator-routes.ts';

export const apiVersion = '1.0.0';

export interface AppDeps {
  readonly bodyLimitBytes: number;
  readonly verifier: TokenVerifier;
  readonly submitExchange: SubmitExchange;
  readonly queries: ExchangeQueries;
  readonly consents: ConsentRegistry;
  readonly privacy: PrivacyOfficer;
  readonly maxJsonDepth: number;
  readonly verifyAuditChain: () => Promise<ChainVerification>;
  readonly ready: () => Promise<boolean>;
  readonly isShuttingDown: () => boolean;
  readonly openApiDocument: () => unknown;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** iJw retours as the answer to a submission (Accept: application/xml); absent: JSON answers only. */
  readonly retours?: IjwRetourAnswers;
  /** Schedules, dead letters and staff audit routes (issue 6). */
  readonly operator: OperatorRouteDeps;
}

interface Locals {
  principal?: Principal;
  trace: TraceContext;
  requestId: string;
}

const locals = (res: Response): Locals => res.locals as Locals;

function authenticatedPrincipal(res: Response): Principal {
  const principal = locals(res).principal;
  if (principal === undefined) throw new GatewayError('unauthenticated');
  return principal;
}

/** Agency routes: only a party (an agency system) may submit and read its own exchanges. */
function authenticatedParty(res: Response): Party {
  const principal = authenticatedPrincipal(res);
  if (principal.role !== 'agency') throw new GatewayError('forbidden', { detail: `this route is for agency systems, not the ${principal.role} role` });
  return principal.party;
}

export function requireRole(res: Response, roles: readonly PrincipalRole[]): Principal {
  const principal = authenticatedPrincipal(res);
  if (!roles.includes(principal.role)) throw new GatewayError('forbidden', { detail: `needs the role ${roles.join(' or ')}` });
  return principal;
}

function intParam(req: Request, name: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: `must be an integer from ${min} to ${max}` }] });
  }
  return Number(raw);
}

function boolParam(req: Request, name: string): boolean {
  const raw = req.query[name];
  if (raw === undefined) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: 'must be true or false' }] });
}

function idParam(req: Request, name: string, pattern = /^[0-9a-f-]{36}$/): string {
  const raw = req.params[name] ?? req.query[name];
  if (typeof raw !== 'string' || !pattern.test(raw)) throw new GatewayError('not-found');
  return raw;
}

function optionalQuery(req: Request, name: string, pattern: RegExp): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !pattern.test(raw)) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: 'has the wrong form' }] });
  }
  return raw;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // Request context: ids, trace, API-Version, metrics.
  app.use((req, res, next) => {
    const trace = traceFromHeader(req.get('traceparent'));
    const requestId = randomUUID();
    res.locals.trace = trace;
    res.locals.requestId = requestId;
    res.setHeader('API-Version', apiVersion);
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      deps.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      deps.metrics.httpDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    const context: RequestContext = { requestId, traceId: trace.traceId, spanId: trace.spanId };
    requestContext.run(context, next);
  });

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const ok = !deps.isShuttingDown() && (await deps.ready().catch(() => false));
    res.status(ok ? 200 : 503).json(ok ? { status: 'ready', checks: { store: 'ok' } } : { status: 'not-ready', checks: { store: 'fail' } });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(deps.openApiDocument());
  });

  // Authentication: every other /v1 route needs a bearer token of a known party.
  app.use('/v1', (req, res, next) => {
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new GatewayError('unauthenticated', { detail: 'send Authorization: Bearer <JWT>' }));
      return;
    }
    const principal = deps.verifier.verify(match[1]);
    res.locals.principal = principal;
    const ctx = requestContext.getStore();
    if (ctx !== undefined) ctx.party = principal.id;
    next();
  });

  const raw = express.raw({ type: () => true, limit: deps.bodyLimitBytes });
  app.post('/v1/exchanges', raw, async (req, res) => {
    if (deps.isShuttingDown()) throw new GatewayError('shutting-down');
    const idempotencyKey = req.get('idempotency-key');
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 255)) {
      throw new GatewayError('invalid-input', { errors: [{ pointer: '/headers/idempotency-key', detail: 'must be 1 to 255 characters' }] });
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const submitRequest: SubmitRequest = {
      party: authenticatedParty(res),
      contentType: req.get('content-type'),
      body,
      trace: locals(res).trace,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    };
    // A sender that speaks only iJw asks for the retour of its message (Accept: application/xml).
    const preferred = req.accepts(['application/json', 'application/xml', 'text/xml']);
    const retours = preferred === 'application/xml' || preferred === 'text/xml' ? deps.retours : undefined;
    let result: SubmitResponse;
    try {
      result = await deps.submitExchange(submitRequest);
    } catch (error) {
      const retour = retours !== undefined && isGatewayError(error) ? await retours.forError(submitRequest, error) : undefined;
      if (retour === undefined || !isGatewayError(error)) throw error;
      sendRetour(res, error.status, retour);
      return;
    }
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (result.statusCode === 202) res.setHeader('Location', `/v1/exchanges/${result.exchangeId}`);
    // The exchange is committed by now: whatever happens while writing the retour, the answer must
    // not turn into an error (a client would resend and create a duplicate). Fall back to JSON.
    let retour: Awaited<ReturnType<NonNullable<typeof retours>['forResponse']>> | undefined;
    try {
      retour = retours !== undefined ? await retours.forResponse(submitRequest, result) : undefined;
    } catch (error) {
      deps.logger.warn('retour could not be written; answering with JSON', { exchangeId: result.exchangeId, error: isGatewayError(error) ? error.code : (error as Error).name });
      retour = undefined;
    }
    if (retour !== undefined) {
      res.setHeader('Exchange-Id', result.exchangeId);
      sendRetour(res, result.statusCode, retour);
      return;
    }
    res.status(result.statusCode).type(result.contentType).send(JSON.stringify(result.body));
  });
  app.get('/v1/exchanges', async (req, res) => {
    const limit = intParam(req, 'limit', 1, 200, 50) ?? 50;
    const before = optionalQuery(req, 'before', /^[0-9a-f-]{36}$/);
    res.json(await deps.queries.listExchanges(authenticatedParty(res), { limit, ...(before !== undefined ? { before } : {}) }));
  });
  app.get('/v1/exchanges/:exchangeId', async (req, res) => {
    res.json(await deps.queries.getExchange(authenticatedParty(res), idParam(req, 'exchangeId'), locals(res).trace));
  });
  app.get('/v1/inbox', async (req, res) => {
    const limit = intParam(req, 'limit', 1, 200, 50) ?? 50;
    res.json(await deps.queries.listInbox(authenticatedParty(res), { limit, includeAcknowledged: boolParam(req, 'includeAcknowledged') }));
  });
  app.get('/v1/inbox/:exchangeId', async (req, res) => {
    res.json(await deps.queries.getInboxItem(authenticatedParty(res), idParam(req, 'exchangeId')));
  });
  app.post('/v1/inbox/:exchangeId/ack', async (req, res) => {
    await deps.queries.acknowledgeInboxItem(authenticatedParty(res), idParam(req, 'exchangeId'), locals(res).trace);
    res.status(204).end();
  });
  app.get('/v1/audit', async (req, res) => {
    const limit = intParam(req, 'limit', 1, 500, 100) ?? 100;
    const afterSeq = intParam(req, 'afterSeq', 0, Number.MAX_SAFE_INTEGER);
    const exchangeId = optionalQuery(req, 'exchangeId', /^[0-9a-f-]{36}$/);
    res.json(
      await deps.queries.listAudit(
        authenticatedParty(res),
        { limit, ...(afterSeq !== undefined ? { afterSeq } : {}), ...(exchangeId !== undefined ? { exchangeId } : {}) },
        locals(res).trace,
      ),
    );
  });
  app.get('/v1/audit/verification', async (_req, res) => {
    // Walking the whole chain is costly and reveals its size: staff only, not every agency.
    requireRole(res, ['privacy-officer', 'operator', 'admin']);
    res.json(await deps.verifyAuditChain());
  });

  app.use(createConsentRoutes({ consents: deps.consents, privacy: deps.privacy, bodyLimitBytes: deps.bodyLimitBytes, maxJsonDepth: deps.maxJsonDepth }));
  app.use(createOperatorRoutes(deps.operator));

  // Known paths with another method: 405 with Allow; anything else: 404. Both as problem+json.
  const allowed: Record<string, string> = {
    '/v1/exchanges': 'GET, POST',
    '/v1/exchanges/:exchangeId': 'GET',
    '/v1/inbox': 'GET',
    '/v1/inbox/:exchangeId': 'GET',
    '/v1/inbox/:exchangeId/ack': 'POST',
    '/v1/audit': 'GET',
    '/v1/audit/verification': 'GET',
    '/v1/openapi.json': 'GET',
    '/health/live': 'GET',
    '/health/ready': 'GET',
    '/metrics': 'GET',
  };
  for (const [path, methods] of Object.entries(allowed)) {
    app.all(path, (_req, res) => {
      res.setHeader('Allow', methods);
      throw new GatewayError('method-not-allowed');
    });
  }
  app.use(() => {
    throw new GatewayError('not-found', { detail: 'no such route' });
  });

  // The one error middleware (conventions 7): RFC 9457 problem+json for everything.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const gatewayError = toGatewayError(error);
    const trace = (res.locals as Partial<Locals>).trace;
    if (gatewayError === undefined) {
      deps.logger.error('unhandled error', { error, path: req.path });
      res.status(500).type('application/problem+json').send(
        JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, code: 'internal', ...(trace ? { traceId: trace.traceId } : {}) }),
      );
      return;
    }
    if (gatewayError.category === 'system') deps.logger.error('request failed', { code: gatewayError.code, error: gatewayError.cause ?? gatewayError.message });
    if (gatewayError.code === 'unauthenticated' || gatewayError.code === 'invalid-token') res.setHeader('WWW-Authenticate', 'Bearer');
    const body = problemFromError(gatewayError, { instance: req.originalUrl.split('?')[0] ?? req.path, ...(trace ? { traceId: trace.traceId } : {}) });
    res.status(gatewayError.status).type('application/problem+json').send(JSON.stringify(body));
  });
  return app;
}

/** An iJw retour as the answer (its type in a header, so a client need not parse it to know). */
function sendRetour(res: Response, status: number, retour: IjwRetour): void {
  res.setHeader('Ijw-Message-Type', retour.messageType);
  res.status(status).type('application/xml; charset=utf-8').send(retour.xml);
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
