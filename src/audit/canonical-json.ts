// Canonical JSON for hashing and signing: the JSON Canonicalization Scheme of RFC 8785 (object keys
// sorted by UTF-16 code units, numbers and strings as ECMAScript serialises them, undefined members
// left out, no white space), from the `canonicalize` library. Stable across processes and stores, so
// a chain written by one can be verified by another. Its bytes equal those of the gateway's earlier
// own implementation on every audit record (tests/unit/canonical-json.test.ts checks a recorded chain),
// so chains and checkpoint signatures made before still verify.
import canonicalize from 'canonicalize';
import { GatewayError } from '../kernel/gateway-error.ts';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  // Only a value without a JSON form (undefined, a function) has none; no audit record is one.
  if (text === undefined) throw new GatewayError('internal', { detail: 'a value without a JSON form cannot be canonicalised' });
  return text;
}
