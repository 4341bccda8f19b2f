// HTTP routes of the consent registry (/v1/consents, agencies and privacy officers) and of the privacy
// officer (/v1/privacy, role privacy-officer). Mounted by create-app.ts after authentication; like the
// rest of the edge they only translate HTTP to the use cases in src/privacy and back. Errors reach the
// app's one problem+json middleware. A BSN is only ever accepted in a request body, never in a URL.

import express, { type Request, type Response } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Principal } from '../config/config-types.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import { parseJsonBody } from '../exchange/parse-body.ts';
import type { ConsentRegistry } from '../privacy/consent-registry.ts';
import type { PrivacyOfficer } from '../privacy/privacy-officer.ts';
import type { ReviewStatus } from '../store/store.ts';

export interface ConsentRouteDeps {
  readonly consents: ConsentRegistry;
  readonly privacy: PrivacyOfficer;
  readonly bodyLimitBytes: number;
  readonly maxJsonDepth: number;
}

const uuid = /^[0-9a-f-]{36}$/;

function principalOf(res: Response): Principal {
  const principal = (res.locals as { principal?: Principal }).principal;
  if (principal === undefined) throw new GatewayError('unauthenticated');
  return principal;
}

function traceOf(res: Response): TraceContext {
  return (res.locals as { trace: TraceContext }).trace;
}

function pathId(req: Request, name: string): string {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !uuid.test(raw)) throw new GatewayError('not-found');
  return raw;
}

function limitParam(req: Request, max: number, fallback: number): number {
  const raw = req.query.limit;
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/limit', detail: `must be an integer from 1 to ${max}` }] });
  }
  return Number(raw);
}

function cursorParam(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !uuid.test(raw)) throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: 'must be an id from a previous page' }] });
  return raw;
}

function statusParam(req: Request): ReviewStatus | undefined {
  const raw = req.query.status;
  if (raw === undefined) return undefined;
  if (raw === 'pending' || raw === 'justified' || raw === 'not-justified') return raw;
  throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/status', detail: 'must be pending, justified or not-justified' }] });
}

export function createConsentRoutes(deps: ConsentRouteDeps): express.Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: deps.bodyLimitBytes });

  /** The JSON body; an empty body is `{}` (a revocation needs nothing). */
  function body(req: Request): unknown {
    const buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (buffer.length === 0) return {};
    const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== 'application/json' && !type.endsWith('+json')) {
      throw new GatewayError('unsupported-media-type', { detail: `send application/json, not "${type || 'nothing'}"` });
    }
    return parseJsonBody(buffer, deps.maxJsonDepth);
  }

  router.post('/v1/consents', raw, async (req, res) => {
    const consent = await deps.consents.register(principalOf(res), body(req), traceOf(res));
    res.status(201).setHeader('Location', `/v1/consents/${consent.id}`);
    res.json(consent);
  });
  router.get('/v1/consents', async (req, res) => {
    const after = cursorParam(req, 'after');
    res.json(await deps.consents.list(principalOf(res), { limit: limitParam(req, 200, 50), ...(after !== undefined ? { after } : {}) }, traceOf(res)));
  });
  router.get('/v1/consents/:consentId', async (req, res) => {
    res.json(await deps.consents.get(principalOf(res), pathId(req, 'consentId'), traceOf(res)));
  });
  router.post('/v1/consents/:consentId/revocation', raw, async (req, res) => {
    res.json(await deps.consents.revoke(principalOf(res), pathId(req, 'consentId'), body(req), traceOf(res)));
  });

  router.post('/v1/privacy/consent-log', raw, async (req, res) => {
    res.json(await deps.privacy.consentLog(principalOf(res), body(req), traceOf(res)));
  });
  router.post('/v1/privacy/audit-search', raw, async (req, res) => {
    res.json(await deps.privacy.searchAudit(principalOf(res), body(req), traceOf(res)));
  });
  router.get('/v1/privacy/reviews', async (req, res) => {
    const status = statusParam(req);
    const after = cursorParam(req, 'after');
    res.json(
      await deps.privacy.reviewQueue(principalOf(res), { limit: limitParam(req, 200, 50), ...(status !== undefined ? { status } : {}), ...(after !== undefined ? { after } : {}) }, traceOf(res)),
    );
  });
  router.post('/v1/privacy/reviews/:exchangeId', raw, async (req, res) => {
    res.json(await deps.privacy.review(principalOf(res), pathId(req, 'exchangeId'), body(req), traceOf(res)));
  });
  router.get('/v1/privacy/audit-verification', async (_req, res) => {
    res.json(await deps.privacy.verifyChain(principalOf(res), traceOf(res)));
  });
  router.post('/v1/privacy/subject-access-export', raw, async (req, res) => {
    res.json(await deps.privacy.subjectAccessExport(principalOf(res), body(req), traceOf(res)));
  });

  // Known paths with another method: 405 with Allow (the app's error middleware answers).
  const allowed: Record<string, string> = {
    '/v1/consents': 'GET, POST',
    '/v1/consents/:consentId': 'GET',
    '/v1/consents/:consentId/revocation': 'POST',
    '/v1/privacy/consent-log': 'POST',
    '/v1/privacy/audit-search': 'POST',
    '/v1/privacy/reviews': 'GET',
    '/v1/privacy/reviews/:exchangeId': 'POST',
    '/v1/privacy/audit-verification': 'GET',
    '/v1/privacy/subject-access-export': 'POST',
  };
  for (const [path, methods] of Object.entries(allowed)) {
    router.all(path, (_req, res) => {
      res.setHeader('Allow', methods);
      throw new GatewayError('method-not-allowed');
    });
  }
  return router;
}
