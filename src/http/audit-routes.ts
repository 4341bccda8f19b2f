// The audit log over HTTP: an agency reads the records about its own exchanges; staff verify the
// chain, export it, read the signed checkpoints; anyone with a token fetches the key that verifies
// those checkpoints. Nothing here returns a payload or a BSN.

import express, { type Router } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { ExchangeQueries } from '../exchange/exchange-queries.ts';
import type { ChainVerification } from '../audit/audit-log.ts';
import type { AuditExport } from '../audit/audit-export.ts';
import type { Store } from '../store/store.ts';
import { actorOf, agencyOf, auditors, idShape, queryInt, queryString, requireRole, staff, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface AuditRouteDeps {
  readonly queries: ExchangeQueries;
  readonly verifyAuditChain: () => Promise<ChainVerification>;
  readonly auditExport: AuditExport;
  readonly store: Pick<Store, 'listAuditCheckpoints'>;
  /** The public key that verifies audit checkpoints (a JWK), or undefined when none is configured. */
  readonly signingKey: Readonly<Record<string, string>> | undefined;
}

const seq = { min: 0, max: Number.MAX_SAFE_INTEGER };

export function createAuditRoutes(deps: AuditRouteDeps): Router {
  const router = express.Router();

  // ---- for agencies ----
  router.get('/v1/audit', async (req, res) => {
    const limit = queryInt(req, 'limit', { min: 1, max: 500, digits: 9 }, 100);
    const afterSeq = queryInt(req, 'afterSeq', { ...seq, digits: 9 });
    const exchangeId = queryString(req, 'exchangeId', idShape);
    res.json(
      await deps.queries.listAudit(
        agencyOf(res),
        { limit, ...(afterSeq !== undefined ? { afterSeq } : {}), ...(exchangeId !== undefined ? { exchangeId } : {}) },
        traceOf(res),
      ),
    );
  });

  // ---- for staff ----
  router.get('/v1/audit/verification', async (_req, res) => {
    // Walking the whole chain is costly and reveals its size: staff only, not every agency.
    requireRole(res, staff);
    res.json(await deps.verifyAuditChain());
  });
  router.get('/v1/audit/export', async (req, res) => {
    const who = actorOf(res, auditors);
    const afterSeq = queryInt(req, 'afterSeq', { ...seq, digits: 16 }, 0);
    const limit = queryInt(req, 'limit', { min: 1, max: 5000, digits: 16 }, 1000);
    res.json(await deps.auditExport.page({ id: who.id, traceId: who.trace.traceId, spanId: who.trace.spanId }, { afterSeq, limit }));
  });
  router.get('/v1/audit/checkpoints', async (req, res) => {
    requireRole(res, staff);
    const fromSeq = queryInt(req, 'fromSeq', { ...seq, digits: 16 }, 0);
    const limit = queryInt(req, 'limit', { min: 1, max: 1000, digits: 16 }, 100);
    const items = await deps.store.listAuditCheckpoints({ fromSeq, limit: limit + 1 });
    const page = items.slice(0, limit);
    res.json({ items: page, next: items.length > limit ? (page.at(-1)?.seq ?? 0) + 1 : null });
  });

  // ---- for anyone with a token ----
  router.get('/v1/audit/signing-key', (_req, res) => {
    requireRole(res, ['agency', ...staff]);
    if (deps.signingKey === undefined) throw new GatewayError('not-found', { detail: 'no audit signing key is configured' });
    res.json(deps.signingKey);
  });

  rejectOtherMethods(router, {
    '/v1/audit': 'GET',
    '/v1/audit/verification': 'GET',
    '/v1/audit/export': 'GET',
    '/v1/audit/checkpoints': 'GET',
    '/v1/audit/signing-key': 'GET',
  });
  return router;
}
