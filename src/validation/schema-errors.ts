// The one mapping from ajv's errors to the gateway's FieldErrors (and so to the `errors` of a
// problem+json answer): every schema check (messages, request bodies, schedules, the config, the policy
// and its catalogue) names a problem the same way. The pointer is RFC 6901 and names the offending
// member itself: for a missing or an extra property that is the property, not the object around it.
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../kernel/gateway-error.ts';
import { joinPointer } from '../kernel/json-pointer.ts';

/** How a failed format reads; other formats read "must be a valid <format>". */
const FORMAT_DETAILS: Readonly<Record<string, string>> = {
  'ijw-date': 'must be a date that exists, written YYYY-MM-DD',
  'ijw-time': 'must be a time hh:mm:ss',
  date: 'must be a date that exists, written YYYY-MM-DD',
  bsn: 'must be a BSN: nine digits that pass the 11-test',
  oin: 'must be an OIN: 20 positions, a known register prefix and the suffix that goes with it',
};

/** An enum of the iJw code lists can hold hundreds of codes: the answer shows the first 25. */
const ENUM_SHOWN = 25;

/** One ajv error as a FieldError, pointing at the offending (or missing, or extra) property. */
function toFieldError(error: ErrorObject, prefix: string): FieldError {
  const params = error.params as Record<string, unknown>;
  const at = prefix + error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { pointer: joinPointer(at, String(params['missingProperty'])), detail: 'is required', rule: 'required' };
    case 'additionalProperties':
      return { pointer: joinPointer(at, String(params['additionalProperty'])), detail: 'is not allowed here', rule: 'additionalProperties' };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v));
      const shown = allowed.length > ENUM_SHOWN ? `${allowed.slice(0, ENUM_SHOWN).join(', ')}, ...` : allowed.join(', ');
      return { pointer: at, detail: `must be one of ${shown}`, rule: 'enum' };
    }
    case 'const':
      return { pointer: at, detail: `must be ${JSON.stringify(params['allowedValue'])}`, rule: 'const' };
    case 'pattern':
      // Never the expression itself: it is the schema's inside, and reads as noise to a person.
      return { pointer: at, detail: 'does not have the required form', rule: 'pattern' };
    case 'format':
      return { pointer: at, detail: FORMAT_DETAILS[String(params['format'])] ?? `must be a valid ${String(params['format'])}`, rule: 'format' };
    default:
      return { pointer: at, detail: error.message ?? `fails ${error.keyword}`, rule: error.keyword };
  }
}

export interface SchemaErrorOptions {
  /** Put before every pointer: where the validated value sits in what the caller answers about (e.g. "/params"). */
  readonly prefix?: string;
  /**
   * Rewrites a mapped error before duplicates are dropped (the iJw rules name their own rule and
   * retourcode); `raw` is ajv's error it was mapped from (its schemaPath says which type failed).
   */
  readonly annotate?: (error: FieldError, raw: ErrorObject) => FieldError;
}

/** ajv's errors as FieldErrors, each problem once, in ajv's order. */
export function schemaFieldErrors(errors: readonly ErrorObject[] | null | undefined, options: SchemaErrorOptions = {}): FieldError[] {
  const prefix = options.prefix ?? '';
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    // An `if` error only says "must match then"; the `then` sub-errors say what is wrong.
    if (error.keyword === 'if') continue;
    const mapped = options.annotate === undefined ? toFieldError(error, prefix) : options.annotate(toFieldError(error, prefix), error);
    const key = `${mapped.pointer}\u0000${mapped.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(mapped);
  }
  return result;
}
