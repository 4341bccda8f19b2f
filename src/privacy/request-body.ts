// Request bodies of the consent and privacy-officer use cases, validated against their schema files
// (through the schema registry: compiled once, strict mode, every error with its JSON pointer), so an
// invalid request is a 400 listing every problem and nothing is written.

import { GatewayError } from '../kernel/gateway-error.ts';
import { schemaRegistry } from '../validation/schema-registry.ts';

export type BodyValidator<T> = (body: unknown) => T;

/** The validator of a request schema; it returns the typed body or throws 'invalid-input' listing every problem. */
export function bodyValidator<T>(id: string): BodyValidator<T> {
  const schema = schemaRegistry().validator<T>(id);
  return (body) => {
    const errors = schema.check(body);
    if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
    return body as T;
  };
}

export const schemaIds = {
  registration: 'https://ketenpoort.nl/schemas/consent-registration.schema.json',
  revocation: 'https://ketenpoort.nl/schemas/consent-revocation.schema.json',
  bsnLookup: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/bsnLookup',
  subjectAccessReport: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/subjectAccessReport',
  auditSearch: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/auditSearch',
  reviewVerdict: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/reviewVerdict',
} as const;
