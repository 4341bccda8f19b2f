// Request bodies of the consent and privacy-officer use cases, validated against their schema files
// (compiled once, strict mode, every error with its JSON pointer), so an invalid request is a 400
// listing every problem and nothing is written.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { joinPointer } from '../kernel/json-pointer.ts';
import { configureAjv } from '../validation/ajv-setup.ts';
import { repoRoot } from '../kernel/repo-root.ts';

function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { pointer: joinPointer(error.instancePath, String(params.missingProperty)), detail: 'is required', rule: 'required' };
    case 'additionalProperties':
      return { pointer: joinPointer(error.instancePath, String(params.additionalProperty)), detail: 'is not allowed here', rule: 'additionalProperties' };
    case 'enum':
      return { pointer: error.instancePath, detail: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, rule: 'enum' };
    case 'format':
      return { pointer: error.instancePath, detail: params.format === 'bsn' ? 'must be a BSN: nine digits that pass the 11-test' : `must be a valid ${String(params.format)}`, rule: 'format' };
    default:
      return { pointer: error.instancePath, detail: error.message ?? `fails ${error.keyword}`, rule: error.keyword };
  }
}

export type BodyValidator<T> = (body: unknown) => T;

const schemaFiles = ['consent-registration.schema.json', 'consent-revocation.schema.json', 'privacy-requests.schema.json'];

/** Compiles the request schemas once; each validator returns the typed body or throws 'invalid-input'. */
export function createRequestValidators(): {
  readonly validator: <T>(id: string) => BodyValidator<T>;
} {
  const ajv = configureAjv(new Ajv2020({ strict: true, allErrors: true }));
  for (const file of schemaFiles) ajv.addSchema(JSON.parse(readFileSync(resolve(repoRoot, 'schemas', file), 'utf8')) as object);
  return {
    validator<T>(id: string): BodyValidator<T> {
      const validate = ajv.getSchema(id) as ValidateFunction<T> | undefined;
      if (validate === undefined) throw new GatewayError('config-invalid', { detail: `no request schema ${id}` });
      return (body) => {
        if (validate(body)) return body;
        const seen = new Set<string>();
        const errors = (validate.errors ?? []).map(toFieldError).filter((e) => {
          const key = `${e.pointer}\u0000${e.detail}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        throw new GatewayError('invalid-input', { errors });
      };
    },
  };
}

export const schemaIds = {
  registration: 'https://ketenpoort.nl/schemas/consent-registration.schema.json',
  revocation: 'https://ketenpoort.nl/schemas/consent-revocation.schema.json',
  bsnLookup: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/bsnLookup',
  auditSearch: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/auditSearch',
  reviewVerdict: 'https://ketenpoort.nl/schemas/privacy-requests.schema.json#/$defs/reviewVerdict',
} as const;
