// Operators handle dead letters: list them, replay some after the cause is fixed, or discard one with
// a reason. Operators never see a payload or a BSN, and may not write one either, not even in a note.

import express, { type Router } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { DeadLetters } from '../exchange/dead-letters.ts';
import { actorOf, operatorBody, operatorJson, operators, partyIdShape, pathId, queryInt, queryString, requireRole, uuid } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface DeadLetterRouteDeps {
  readonly deadLetters: DeadLetters;
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
import { discardReasons, isDiscardReason } from '../kernel/discard-reasons.ts';

const nineDigits = /(?<![0-9])[0-9]{9}(?![0-9])/;

function discardRequest(value: unknown): { reason: string; note?: string } {
  const body = object(value);
  const errors = Object.keys(body)
    .filter((k) => k !== 'reason' && k !== 'note')
    .map((k) => ({ pointer: `/${k}`, detail: 'is not allowed here' }));
  if (!isDiscardReason(body.reason)) {
    errors.push({ pointer: '/reason', detail: `must be one of ${Object.keys(discardReasons).join(', ')}` });
  }
  if (body.note !== undefined) {
    if (typeof body.note !== 'string' || body.note.length < 1 || body.note.length > 300) errors.push({ pointer: '/note', detail: 'must be a string of 1 to 300 characters' });
    else if (nineDigits.test(body.note)) errors.push({ pointer: '/note', detail: 'must not contain a BSN or any other 9-digit number' });
  }
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return { reason: body.reason as string, ...(typeof body.note === 'string' ? { note: body.note } : {}) };
}

export function createDeadLetterRoutes({ deadLetters }: DeadLetterRouteDeps): Router {
  const router = express.Router();
  router.get('/v1/dead-letters', async (req, res) => {
    requireRole(res, operators);
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 16 }, 50);
    const receiver = queryString(req, 'receiver', partyIdShape);
    const after = queryString(req, 'after', uuid);
    res.json(await deadLetters.list({ limit, ...(receiver !== undefined ? { receiver } : {}), ...(after !== undefined ? { after } : {}) }));
  });
  router.post('/v1/dead-letters/replay', operatorBody, async (req, res) => {
    const who = actorOf(res, operators);
    res.json({ results: await deadLetters.replay(replayRequest(operatorJson(req)), who) });
  });
  router.post('/v1/dead-letters/:exchangeId/discard', operatorBody, async (req, res) => {
    const who = actorOf(res, operators);
    const { reason, note } = discardRequest(operatorJson(req));
    await deadLetters.discard(pathId(req, 'exchangeId', uuid), reason, note, who);
    res.status(204).end();
  });

  rejectOtherMethods(router, {
    '/v1/dead-letters': 'GET',
    '/v1/dead-letters/replay': 'POST',
    '/v1/dead-letters/:exchangeId/discard': 'POST',
  });
  return router;
}
