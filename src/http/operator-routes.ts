// The operators' view of the traffic (/v1/operator, roles operator and admin): the message log with
// filters and cursor pages, one exchange's delivery history, receivers with their status, pausing and
// resuming deliveries to one receiver, the dashboard's statistics, and reloading the configuration. Unknown query parameters are a
// 400 naming them. Metadata only (operator-traffic.ts).

import express, { type Request, type Router } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { OperatorTraffic, StatisticsWindow } from '../exchange/operator-traffic.ts';
import { reloadRefusal, type ConfigReload } from '../exchange/config-reload.ts';
import type { ExchangeLogStatus } from '../store/operator-store.ts';
import { actorOf, onlyQuery, operatorBody, operatorJson, operators, partyIdShape, pathId, queryInt, queryString, queryTime, requireRole, uuid } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface TrafficRouteDeps {
  readonly traffic: OperatorTraffic;
  readonly configReload: ConfigReload;
}

const statuses: readonly ExchangeLogStatus[] = ['refused', 'queued', 'delivered', 'dead-letter', 'cancelled'];
const logParameters = ['status', 'sender', 'receiver', 'messageType', 'reason', 'from', 'to', 'limit', 'next'];

function logQuery(req: Request): Parameters<OperatorTraffic['log']>[0] {
  onlyQuery(req, logParameters);
  const status = queryString(req, 'status', new RegExp(`^(${statuses.join('|')})$`), `must be one of ${statuses.join(', ')}`) as ExchangeLogStatus | undefined;
  const sender = queryString(req, 'sender', partyIdShape, 'must be a party id');
  const receiver = queryString(req, 'receiver', partyIdShape, 'must be a party id');
  const messageType = queryString(req, 'messageType', /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a message type');
  const reason = queryString(req, 'reason', /^[a-z0-9][a-z0-9.-]{0,99}$/, 'must be a reason code');
  const from = queryTime(req, 'from');
  const to = queryTime(req, 'to');
  const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 4 }, 50);
  const next = queryString(req, 'next', /^[A-Za-z0-9_-]{1,200}$/, 'must be a cursor from a previous page');
  if (from !== undefined && to !== undefined && from >= to) throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/to', detail: 'must be after from' }] });
  return {
    limit,
    ...(status !== undefined ? { status } : {}),
    ...(sender !== undefined ? { sender } : {}),
    ...(receiver !== undefined ? { receiver } : {}),
    ...(messageType !== undefined ? { messageType } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(next !== undefined ? { next } : {}),
  };
}

/** A BSN-shaped run of digits: operators never write one, not even in a reason. */
const nineDigits = /(?<![0-9])[0-9]{9}(?![0-9])/;

function pauseReason(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new GatewayError('invalid-input', { errors: [{ pointer: '', detail: 'must be a JSON object' }] });
  const body = value as Record<string, unknown>;
  const errors = Object.keys(body)
    .filter((k) => k !== 'reason')
    .map((k) => ({ pointer: `/${k}`, detail: 'is not allowed here' }));
  const reason = body.reason;
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim().length < 1 || reason.length > 200)) errors.push({ pointer: '/reason', detail: 'must be a string of 1 to 200 characters' });
  else if (typeof reason === 'string' && nineDigits.test(reason)) errors.push({ pointer: '/reason', detail: 'must not contain a BSN or any other 9-digit number' });
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return typeof reason === 'string' ? reason.trim() : undefined;
}

export function createOperatorRoutes({ traffic, configReload }: TrafficRouteDeps): Router {
  const router = express.Router();
  // The configuration file read again and checked as at start-up; a refused reload changes nothing.
  router.post('/v1/operator/config/reload', operatorBody, async (req, res) => {
    const who = actorOf(res, operators);
    onlyQuery(req, []);
    if (req.body instanceof Buffer && req.body.length > 0) throw new GatewayError('invalid-input', { errors: [{ pointer: '', detail: 'takes no body: the gateway reads its own configuration file' }] });
    const result = await configReload.reload({ actor: who.id, via: 'api', trace: who.trace });
    if (result.outcome === 'refused') throw reloadRefusal(result);
    res.json(result);
  });
  router.get('/v1/operator/exchanges', async (req, res) => {
    requireRole(res, operators);
    res.json(await traffic.log(logQuery(req)));
  });
  router.get('/v1/operator/exchanges/:exchangeId', async (req, res) => {
    requireRole(res, operators);
    onlyQuery(req, []);
    res.json(await traffic.history(pathId(req, 'exchangeId', uuid)));
  });
  router.get('/v1/operator/receivers', async (req, res) => {
    requireRole(res, operators);
    onlyQuery(req, []);
    res.json({ items: await traffic.receivers(), next: null });
  });
  router.get('/v1/operator/receivers/:party', async (req, res) => {
    requireRole(res, operators);
    onlyQuery(req, []);
    res.json(await traffic.receiver(pathId(req, 'party', partyIdShape)));
  });
  router.post('/v1/operator/receivers/:party/pause', operatorBody, async (req, res) => {
    const who = actorOf(res, operators);
    onlyQuery(req, []);
    const party = pathId(req, 'party', partyIdShape);
    const reason = req.body instanceof Buffer && req.body.length > 0 ? pauseReason(operatorJson(req)) : undefined;
    res.json(await traffic.pause(party, reason, who));
  });
  router.post('/v1/operator/receivers/:party/resume', async (req, res) => {
    const who = actorOf(res, operators);
    onlyQuery(req, []);
    res.json(await traffic.resume(pathId(req, 'party', partyIdShape), who));
  });
  router.get('/v1/operator/statistics', async (req, res) => {
    requireRole(res, operators);
    onlyQuery(req, ['window']);
    const window = (queryString(req, 'window', /^(hour|day)$/, 'must be hour or day') ?? 'hour') as StatisticsWindow;
    res.json(await traffic.statistics(window));
  });

  rejectOtherMethods(router, {
    '/v1/operator/exchanges': 'GET',
    '/v1/operator/exchanges/:exchangeId': 'GET',
    '/v1/operator/receivers': 'GET',
    '/v1/operator/receivers/:party': 'GET',
    '/v1/operator/receivers/:party/pause': 'POST',
    '/v1/operator/receivers/:party/resume': 'POST',
    '/v1/operator/statistics': 'GET',
    '/v1/operator/config/reload': 'POST',
  });
  return router;
}
