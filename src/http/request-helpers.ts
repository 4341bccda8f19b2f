// What every router needs from a request, in one place: who is asking (the principal the
// authentication middleware left in res.locals) and whether their role may use the route; query and
// path parameters read strictly (a malformed one is a 400 naming its pointer, a malformed id a 404);
// the idempotency key; small JSON bodies parsed with the pipeline's own bounds. Routers stay a list of
// routes that translate HTTP to a use case and back.

import express, { type Request, type RequestHandler, type Response } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Party, Principal, PrincipalRole } from '../config/config-types.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import { parseJsonBody } from '../exchange/parse-body.ts';

/** What the request-context and authentication middleware leave for the routes. */
export interface RequestLocals {
  principal?: Principal;
  trace: TraceContext;
  requestId: string;
}

export const localsOf = (res: Response): RequestLocals => res.locals as RequestLocals;

export const traceOf = (res: Response): TraceContext => localsOf(res).trace;

// ---- who is asking ----

export const operators: readonly PrincipalRole[] = ['operator', 'admin'];
export const auditors: readonly PrincipalRole[] = ['privacy-officer', 'admin'];
export const staff: readonly PrincipalRole[] = ['privacy-officer', 'operator', 'admin'];

export function principalOf(res: Response): Principal {
  const principal = localsOf(res).principal;
  if (principal === undefined) throw new GatewayError('unauthenticated');
  return principal;
}

/** Agency routes: only a party (an agency system) may submit and read its own exchanges. */
export function agencyOf(res: Response): Party {
  const principal = principalOf(res);
  if (principal.role !== 'agency') throw new GatewayError('forbidden', { detail: `this route is for agency systems, not the ${principal.role} role` });
  return principal.party;
}

export function requireRole(res: Response, roles: readonly PrincipalRole[]): Principal {
  const principal = principalOf(res);
  if (!roles.includes(principal.role)) throw new GatewayError('forbidden', { detail: `needs the role ${roles.join(' or ')}` });
  return principal;
}

/** A staff member acting (recorded with the trace of the request), after the role check. */
export function actorOf(res: Response, roles: readonly PrincipalRole[]): { id: string; trace: TraceContext } {
  return { id: requireRole(res, roles).id, trace: traceOf(res) };
}

// ---- parameters ----

/** The form of an id the agency and privacy routes accept: an unknown id is a 404 either way. */
export const idShape = /^[0-9a-f-]{36}$/;
/** A uuid in its canonical form, as the operator routes require. */
export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const partyIdShape = /^[a-z0-9][a-z0-9-]{1,63}$/;

const invalidQuery = (name: string, detail: string): GatewayError =>
  new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail }] });

/** An integer range for a query parameter; `digits` bounds the length of the text before it is read. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
  readonly digits: number;
}

export function queryInt(req: Request, name: string, range: IntRange, fallback: number): number;
export function queryInt(req: Request, name: string, range: IntRange): number | undefined;
export function queryInt(req: Request, name: string, range: IntRange, fallback?: number): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  const digits = new RegExp(`^\\d{1,${range.digits}}$`);
  if (typeof raw !== 'string' || !digits.test(raw) || Number(raw) < range.min || Number(raw) > range.max) {
    throw invalidQuery(name, `must be an integer from ${range.min} to ${range.max}`);
  }
  return Number(raw);
}

export function queryBool(req: Request, name: string): boolean {
  const raw = req.query[name];
  if (raw === undefined) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw invalidQuery(name, 'must be true or false');
}

export function queryString(req: Request, name: string, pattern: RegExp, detail = 'has the wrong form'): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !pattern.test(raw)) throw invalidQuery(name, detail);
  return raw;
}

/** Only these query parameters: any other one is a 400 naming it (a typo must not silently widen a list). */
export function onlyQuery(req: Request, names: readonly string[]): void {
  const unknown = Object.keys(req.query).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new GatewayError('invalid-input', { errors: unknown.map((name) => ({ pointer: `/query/${name}`, detail: `is not a parameter of this operation (known: ${names.join(', ')})` })) });
  }
}

/** An ISO 8601 time with a zone (or a date, meaning its midnight UTC) as epoch milliseconds. */
export function queryTime(req: Request, name: string): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const ok = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(raw);
  const ms = ok ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidQuery(name, 'must be a date (YYYY-MM-DD) or a time with its zone (ISO 8601)');
  return ms;
}

/** A path id of the wrong form names nothing: 404, like an unknown one. */
export function pathId(req: Request, name: string, pattern: RegExp): string {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !pattern.test(raw)) throw new GatewayError('not-found');
  return raw;
}

// ---- headers and bodies ----

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key !== undefined && (key.length < 1 || key.length > 255)) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: '/headers/idempotency-key', detail: 'must be 1 to 255 characters' }] });
  }
  return key;
}

/** The body as bytes, whatever its type: the routes decide what it may be. */
export const rawBody = (limit: number | string): RequestHandler => express.raw({ type: () => true, limit });

export function bodyBytes(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export interface JsonBodyOptions {
  readonly maxDepth: number;
  /** An empty body reads as `{}` (a request that needs nothing, such as a revocation). */
  readonly emptyIsObject?: boolean;
  /** Accept `application/*+json` media types as well as `application/json`. */
  readonly jsonSuffix?: boolean;
}

/** A JSON request body, parsed with the pipeline's own bounds (depth, forbidden keys). */
export function jsonBody(req: Request, options: JsonBodyOptions): unknown {
  const body = bodyBytes(req);
  if (options.emptyIsObject === true && body.length === 0) return {};
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !(options.jsonSuffix === true && type.endsWith('+json'))) {
    throw new GatewayError('unsupported-media-type', { detail: `send application/json, not "${type || 'nothing'}"` });
  }
  return parseJsonBody(body, options.maxDepth);
}

/** Operator request bodies (settings, a list of ids) are small: a tighter limit and depth than a message's. */
export const operatorBody = rawBody('64kb');
export const operatorJson = (req: Request): unknown => jsonBody(req, { maxDepth: 16 });
