// Signals over HTTP (src/exchange/signals.ts): an agency lists the signals it owes an answer for or is
// concerned in as the child's gemeente, and acknowledges one with a note. References only: no payload,
// no BSN in a signal, and none may be written in a note.

import express, { type Router } from 'express';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { SignalQueries } from '../exchange/signals.ts';
import type { SignalStatus } from '../kernel/signal-record.ts';
import { agencyOf, jsonBody, onlyQuery, pathId, queryInt, queryString, rawBody, traceOf, uuid } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface SignalRouteDeps {
  readonly signals: SignalQueries;
}

/** A BSN-shaped run of digits: nobody writes one in a note. */
const nineDigits = /(?<![0-9])[0-9]{9}(?![0-9])/;

function acknowledgement(value: unknown): string {
  const body = (value ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new GatewayError('invalid-input', { errors: [{ pointer: '', detail: 'must be an object with a note' }] });
  for (const key of Object.keys(body).filter((k) => k !== 'note')) errors.push({ pointer: `/${key}`, detail: 'is not a property of an acknowledgement' });
  if (typeof body.note !== 'string' || body.note.trim().length < 1 || body.note.length > 1000) errors.push({ pointer: '/note', detail: 'must be a string of 1 to 1000 characters' });
  else if (nineDigits.test(body.note)) errors.push({ pointer: '/note', detail: 'must not contain a BSN or any other 9-digit number' });
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return body.note as string;
}

export function createSignalRoutes(deps: SignalRouteDeps): Router {
  const router = express.Router();
  router.get('/v1/signals', async (req, res) => {
    onlyQuery(req, ['status', 'kind', 'rule', 'subject', 'limit', 'next']);
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 9 }, 50);
    const status = queryString(req, 'status', /^(open|acknowledged|closed)$/, 'must be open, acknowledged or closed') as SignalStatus | undefined;
    const kind = queryString(req, 'kind', /^[a-z][a-z-]{0,39}$/);
    const rule = queryString(req, 'rule', /^[A-Z]{2}[0-9]{3}(x[0-9])?$/);
    const subject = queryString(req, 'subject', /^[0-9a-f]{64}$/, "must be the child's pseudonym (64 hex characters; never a BSN)");
    const next = queryString(req, 'next', uuid, 'must be the next cursor of an earlier page');
    res.json(
      await deps.signals.list(agencyOf(res).id, {
        limit,
        ...(status !== undefined ? { status } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(rule !== undefined ? { rule } : {}),
        ...(subject !== undefined ? { subject } : {}),
        ...(next !== undefined ? { next } : {}),
      }),
    );
  });
  router.post('/v1/signals/:signalId/acknowledgement', rawBody('16kb'), async (req, res) => {
    onlyQuery(req, []);
    const note = acknowledgement(jsonBody(req, { maxDepth: 4 }));
    res.json(await deps.signals.acknowledge(agencyOf(res).id, pathId(req, 'signalId', uuid), note, traceOf(res)));
  });
  rejectOtherMethods(router, { '/v1/signals': 'GET', '/v1/signals/:signalId/acknowledgement': 'POST' });
  return router;
}
