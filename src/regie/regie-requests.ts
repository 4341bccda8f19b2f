// The regie register's request bodies, read strictly: every error with its JSON pointer at once, a
// BSN that fails the 11-test, unknown members, a contact that holds a BSN. No BSN is ever echoed.
import { isBsn, containsBsn } from '../kernel/bsn.ts';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { regieEndReasons, type RegieEndReason } from '../kernel/regie-record.ts';

export interface RegistrationRequest {
  readonly bsn: string;
  readonly party: string | undefined;
  readonly contactFunction: string;
  readonly legalBasis: string;
}
export interface HandoverRequest {
  readonly bsn: string;
  readonly toParty: string;
  readonly contactFunction: string;
  readonly note: string | undefined;
}
export interface DecisionRequest {
  readonly decision: 'accept' | 'decline';
  readonly note: string | undefined;
}
export interface EndRequest {
  readonly bsn: string;
  readonly reason: Exclude<RegieEndReason, 'handed-over'>;
  readonly note: string | undefined;
}

type Field = 'bsn' | 'party' | 'toParty' | 'contactFunction' | 'legalBasis' | 'note' | 'decision' | 'reason';
interface Spec {
  readonly required: readonly Field[];
  readonly optional: readonly Field[];
}

const partyId = /^[a-z0-9][a-z0-9-]{1,63}$/;

function check(field: Field, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  switch (field) {
    case 'bsn':
      return isBsn(value) ? undefined : 'must be a BSN: nine digits that pass the 11-test';
    case 'party':
    case 'toParty':
      return partyId.test(value) ? undefined : 'must be a party id';
    case 'legalBasis':
      return /^[a-z0-9][a-z0-9.-]{0,99}$/.test(value) ? undefined : 'must be a legal basis id from the catalogue';
    case 'contactFunction':
      if (value.trim().length < 2 || value.length > 100) return 'must be a function or team of 2 to 100 characters';
      return containsBsn(value) ? 'must not contain a BSN' : undefined;
    case 'note':
      if (value.length > 500) return 'must be at most 500 characters';
      return containsBsn(value) ? 'must not contain a BSN' : undefined;
    case 'decision':
      return value === 'accept' || value === 'decline' ? undefined : 'must be accept or decline';
    case 'reason':
      return (regieEndReasons as readonly string[]).includes(value) ? undefined : `must be one of ${regieEndReasons.join(', ')}`;
  }
}

interface Fields {
  /** A required field's value (validated, trimmed). */
  req(field: Field): string;
  opt(field: Field): string | undefined;
}

function read(body: unknown, spec: Spec): Fields {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new GatewayError('invalid-input', { errors: [{ pointer: '', detail: 'must be a JSON object' }] });
  const given = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  const known: readonly Field[] = [...spec.required, ...spec.optional];
  for (const key of Object.keys(given)) {
    if (!(known as readonly string[]).includes(key)) errors.push({ pointer: `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, detail: 'is not allowed here' });
  }
  for (const field of known) {
    const value = given[field];
    if (value === undefined) {
      if (spec.required.includes(field)) errors.push({ pointer: `/${field}`, detail: 'is required' });
      continue;
    }
    const problem = check(field, value);
    if (problem !== undefined) errors.push({ pointer: `/${field}`, detail: problem });
  }
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  const opt = (field: Field): string | undefined => {
    const value = given[field];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  return {
    opt,
    req: (field) => opt(field) ?? '',
  };
}

export function parseRegistration(body: unknown): RegistrationRequest {
  const v = read(body, { required: ['bsn', 'contactFunction', 'legalBasis'], optional: ['party'] });
  return { bsn: v.req('bsn'), party: v.opt('party'), contactFunction: v.req('contactFunction'), legalBasis: v.req('legalBasis') };
}

export function parseLookup(body: unknown): { readonly bsn: string } {
  return { bsn: read(body, { required: ['bsn'], optional: [] }).req('bsn') };
}

export function parseHandover(body: unknown): HandoverRequest {
  const v = read(body, { required: ['bsn', 'toParty', 'contactFunction'], optional: ['note'] });
  return { bsn: v.req('bsn'), toParty: v.req('toParty'), contactFunction: v.req('contactFunction'), note: v.opt('note') };
}

export function parseDecision(body: unknown): DecisionRequest {
  const v = read(body, { required: ['decision'], optional: ['note'] });
  return { decision: v.req('decision') === 'accept' ? 'accept' : 'decline', note: v.opt('note') };
}

export function parseEnd(body: unknown): EndRequest {
  const v = read(body, { required: ['bsn', 'reason'], optional: ['note'] });
  return { bsn: v.req('bsn'), reason: v.req('reason') as EndRequest['reason'], note: v.opt('note') };
}
