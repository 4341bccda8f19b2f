// Operator routes (issue 6): schedules and their runs, dead letters; and the audit routes for staff
// (export, checkpoints, the signing key). Mounted with one line in create-app.ts, behind its bearer
// authentication. Operators never see a payload or a BSN: nothing here returns one.

import express, { type Request, type Response, type Router } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import { parseJsonBody } from '../exchange/parse-body.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { DeadLetters } from '../exchange/dead-letters.ts';
import type { AuditExport } from '../audit/audit-export.ts';
import type { Store } from '../store/store.ts';
import type { PrincipalRole } from '../config/config-types.ts';
import { requireRole } from './create-app.ts';

export interface OperatorRouteDeps {
  readonly scheduler: Scheduler;
  readonly deadLetters: DeadLetters;
  readonly auditExport: AuditExport;
  readonly store: Store;
  /** The public key that verifies audit checkpoints (a JWK), or undefined when none is configured. */
  readonly signingKey: Readonly<Record<string, string>> | undefined;
}

const operators: readonly PrincipalRole[] = ['operator', 'admin'];
const auditors: readonly PrincipalRole[] = ['privacy-officer', 'admin'];
const staff: readonly PrincipalRole[] = ['privacy-officer', 'operator', 'admin'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const partyPattern = /^[a-z0-9][a-z0-9-]{1,63}$/;

const trace = (res: Response): TraceContext => (res.locals as { trace: TraceContext }).trace;

function actor(res: Response, roles: readonly PrincipalRole[]): { id: string; trace: TraceContext } {
  return { id: requireRole(res, roles).id, trace: trace(res) };
}

function pathId(req: Request, name: string): string {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !uuid.test(raw)) throw new GatewayError('not-found');
  return raw;
}

function intQuery(req: Request, name: string, min: number, max: number, fallback: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: `must be an integer from ${min} to ${max}` }] });
  }
  return Number(raw);
}

function stringQuery(req: Request, name: string, pattern: RegExp): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !pattern.test(raw)) throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: 'has the wrong form' }] });
  return raw;
}

const rawBody = express.raw({ type: () => true, limit: '64kb' });

/** A small JSON request body: parsed with the pipeline's own bounds (depth, forbidden keys). */
function jsonBody(req: Request): unknown {
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') throw new GatewayError('unsupported-media-type', { detail: `send application/json, not "${type || 'nothing'}"` });
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  return parseJsonBody(body, 16);
}

function object(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new GatewayError('invalid-input', { errors: [{ pointer: '', detail: 'must be a JSON object' }] });
  return value as Record<string, unknown>;
}

function replayRequest(value: unknown): string[] {
  const body = object(value);
  const errors = Object.keys(body)
    .filter((k) => k !== 'exchangeIds')
    .map((k) => ({ pointer: `/${k}`, detail: 'is not allowed here' }));
  const ids = body.exchangeIds;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100) errors.push({ pointer: '/exchangeIds', detail: 'must be an array of 1 to 100 exchange ids' });
  else ids.forEach((id, i) => {
    if (typeof id !== 'string' || !uuid.test(id)) errors.push({ pointer: `/exchangeIds/${i}`, detail: 'must be an exchange id (uuid)' });
  });
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return ids as string[];
}

/** A BSN-shaped run of digits: operators never write one, not even in a note. */
const nineDigits = /(?<![0-9])[0-9]{9}(?![0-9])/;

function discardRequest(value: unknown): { reason: string; note?: string } {
  const body = object(value);
  const errors = Object.keys(body)
    .filter((k) => k !== 'reason' && k !== 'note')
    .map((k) => ({ pointer: `/${k}`, detail: 'is not allowed here' }));
  if (typeof body.reason !== 'string' || !/^[a-z0-9][a-z0-9-]{2,63}$/.test(body.reason)) {
    errors.push({ pointer: '/reason', detail: 'must be a reason code: 3 to 64 lower case letters, digits and hyphens' });
  }
  if (body.note !== undefined) {
    if (typeof body.note !== 'string' || body.note.length < 1 || body.note.length > 300) errors.push({ pointer: '/note', detail: 'must be a string of 1 to 300 characters' });
    else if (nineDigits.test(body.note)) errors.push({ pointer: '/note', detail: 'must not contain a BSN or any other 9-digit number' });
  }
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return { reason: body.reason as string, ...(typeof body.note === 'string' ? { note: body.note } : {}) };
}

export function createOperatorRoutes(deps: OperatorRouteDeps): Router {
  const router = express.Router();
  const { scheduler, deadLetters } = deps;

  // ---- schedules ----
  router.get('/v1/schedules', async (_req, res) => {
    requireRole(res, operators);
    res.json({ items: await scheduler.list() });
  });
  router.post('/v1/schedules', rawBody, async (req, res) => {
    const who = actor(res, operators);
    const created = await scheduler.create(jsonBody(req), who);
    res.status(201).setHeader('Location', `/v1/schedules/${created.scheduleId}`);
    res.json(created);
  });
  router.get('/v1/schedules/:scheduleId', async (req, res) => {
    requireRole(res, operators);
    res.json(await scheduler.get(pathId(req, 'scheduleId')));
  });
  router.patch('/v1/schedules/:scheduleId', rawBody, async (req, res) => {
    const who = actor(res, operators);
    res.json(await scheduler.update(pathId(req, 'scheduleId'), jsonBody(req), who));
  });
  router.delete('/v1/schedules/:scheduleId', async (req, res) => {
    const who = actor(res, operators);
    await scheduler.remove(pathId(req, 'scheduleId'), who);
    res.status(204).end();
  });
  router.post('/v1/schedules/:scheduleId/pause', async (req, res) => {
    const who = actor(res, operators);
    res.json(await scheduler.setPaused(pathId(req, 'scheduleId'), true, who));
  });
  router.post('/v1/schedules/:scheduleId/resume', async (req, res) => {
    const who = actor(res, operators);
    res.json(await scheduler.setPaused(pathId(req, 'scheduleId'), false, who));
  });
  router.get('/v1/schedules/:scheduleId/runs', async (req, res) => {
    requireRole(res, operators);
    const limit = intQuery(req, 'limit', 1, 200, 20);
    const before = stringQuery(req, 'before', uuid);
    res.json(await scheduler.listRuns(pathId(req, 'scheduleId'), { limit, ...(before !== undefined ? { before } : {}) }));
  });
  router.post('/v1/schedules/:scheduleId/runs', async (req, res) => {
    const who = actor(res, operators);
    const run = await scheduler.runNow(pathId(req, 'scheduleId'), who);
    res.status(202).setHeader('Location', `/v1/schedules/${run.scheduleId}/runs/${run.runId}`);
    res.json(run);
  });
  router.get('/v1/schedules/:scheduleId/runs/:runId', async (req, res) => {
    requireRole(res, operators);
    res.json(await scheduler.getRun(pathId(req, 'scheduleId'), pathId(req, 'runId')));
  });

  // ---- dead letters ----
  router.get('/v1/dead-letters', async (req, res) => {
    requireRole(res, operators);
    const limit = intQuery(req, 'limit', 1, 200, 50);
    const receiver = stringQuery(req, 'receiver', partyPattern);
    const after = stringQuery(req, 'after', uuid);
    res.json(await deadLetters.list({ limit, ...(receiver !== undefined ? { receiver } : {}), ...(after !== undefined ? { after } : {}) }));
  });
  router.post('/v1/dead-letters/replay', rawBody, async (req, res) => {
    const who = actor(res, operators);
    res.json({ results: await deadLetters.replay(replayRequest(jsonBody(req)), who) });
  });
  router.post('/v1/dead-letters/:exchangeId/discard', rawBody, async (req, res) => {
    const who = actor(res, operators);
    const { reason, note } = discardRequest(jsonBody(req));
    await deadLetters.discard(pathId(req, 'exchangeId'), reason, note, who);
    res.status(204).end();
  });

  // ---- audit, for staff ----
  router.get('/v1/audit/export', async (req, res) => {
    const who = actor(res, auditors);
    const afterSeq = intQuery(req, 'afterSeq', 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = intQuery(req, 'limit', 1, 5000, 1000);
    res.json(await deps.auditExport.page({ id: who.id, traceId: who.trace.traceId, spanId: who.trace.spanId }, { afterSeq, limit }));
  });
  router.get('/v1/audit/checkpoints', async (req, res) => {
    requireRole(res, staff);
    const fromSeq = intQuery(req, 'fromSeq', 0, Number.MAX_SAFE_INTEGER, 0);
    const limit = intQuery(req, 'limit', 1, 1000, 100);
    const items = await deps.store.listAuditCheckpoints({ fromSeq, limit: limit + 1 });
    const page = items.slice(0, limit);
    res.json({ items: page, next: items.length > limit ? (page.at(-1)?.seq ?? 0) + 1 : null });
  });
  router.get('/v1/audit/signing-key', (_req, res) => {
    requireRole(res, ['agency', ...staff]);
    if (deps.signingKey === undefined) throw new GatewayError('not-found', { detail: 'no audit signing key is configured' });
    res.json(deps.signingKey);
  });

  // Known paths with another method: 405 with Allow (the rest falls through to the app's 404).
  const allowed: Record<string, string> = {
    '/v1/schedules': 'GET, POST',
    '/v1/schedules/:scheduleId': 'GET, PATCH, DELETE',
    '/v1/schedules/:scheduleId/pause': 'POST',
    '/v1/schedules/:scheduleId/resume': 'POST',
    '/v1/schedules/:scheduleId/runs': 'GET, POST',
    '/v1/schedules/:scheduleId/runs/:runId': 'GET',
    '/v1/dead-letters': 'GET',
    '/v1/dead-letters/replay': 'POST',
    '/v1/dead-letters/:exchangeId/discard': 'POST',
    '/v1/audit/export': 'GET',
    '/v1/audit/checkpoints': 'GET',
    '/v1/audit/signing-key': 'GET',
  };
  for (const [path, methods] of Object.entries(allowed)) {
    router.all(path, (_req, res) => {
      res.setHeader('Allow', methods);
      throw new GatewayError('method-not-allowed');
    });
  }
  return router;
}
