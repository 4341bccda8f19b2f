// Every JSON Schema of the gateway in one ajv instance: the message families, the envelope, request
// bodies, schedules, the config, the policy and its legal-basis catalogue. All of them are draft 2020-12
// (Ajv2020). A draft-07 schema would only compile here after `addMetaSchema` of ajv's draft-07
// meta-schema; as it is, its "$schema" is unknown and it is refused. The files are read and added on first use, and a
// schema is compiled the first time someone asks for it, once: loading the config does not pay for the
// iJw families, and the message validator compiles all of those at startup. Errors are mapped by
// schema-errors.ts, the one mapper.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { repoRoot } from '../kernel/repo-root.ts';
import { configureAjv } from './ajv-setup.ts';
import { schemaFieldErrors, type SchemaErrorOptions } from './schema-errors.ts';

/** The $id every schema in schemas/ has: this base plus its path under schemas/. */
export const SCHEMA_ID_BASE = 'https://ketenpoort.nl/schemas/';

export const defaultSchemasDir = path.resolve(repoRoot, 'schemas');

export interface SchemaFile {
  readonly file: string;
  readonly id: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface SchemaValidator<T> {
  /** Whether `value` is valid; no error mapping (the hot path asks this first). */
  is(value: unknown): value is T;
  /** Every problem with `value` as FieldErrors; empty when it is valid. */
  check(value: unknown, options?: SchemaErrorOptions): FieldError[];
}

export interface SchemaRegistry {
  /** The schema files read, sorted by path. */
  files(): readonly SchemaFile[];
  /**
   * The validator of a schema by its $id, or of a part of one ("…/schedule.schema.json#/$defs/create");
   * compiled on the first call, the same function after. An unknown or broken schema is a
   * GatewayError 'config-invalid' naming the file.
   */
  validator<T = unknown>(ref: string): SchemaValidator<T>;
}

function listSchemaFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSchemaFiles(full));
    else if (entry.name.endsWith('.schema.json')) found.push(full);
  }
  return found;
}

function readSchemaFile(file: string): SchemaFile {
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GatewayError('config-invalid', { detail: `${file}: not valid JSON`, cause });
  }
  if (typeof schema !== 'object' || schema === null || typeof (schema as Record<string, unknown>)['$id'] !== 'string') {
    throw new GatewayError('config-invalid', { detail: `${file}: a schema needs an $id` });
  }
  const record = schema as Record<string, unknown>;
  return { file, id: record['$id'] as string, schema: record };
}

const reason = (cause: unknown, fallback: string): string => (cause instanceof Error ? cause.message : fallback);

/** A registry over the schema files under `schemasDir` (read on first use). */
export function createSchemaRegistry(schemasDir: string = defaultSchemasDir): SchemaRegistry {
  let loaded: { readonly ajv: Ajv2020; readonly files: readonly SchemaFile[]; readonly fileOf: ReadonlyMap<string, string> } | undefined;
  const validators = new Map<string, SchemaValidator<unknown>>();

  function load(): NonNullable<typeof loaded> {
    if (loaded !== undefined) return loaded;
    const files = listSchemaFiles(schemasDir).map(readSchemaFile);
    const ajv = configureAjv(new Ajv2020({ strict: true, allErrors: true }));
    const fileOf = new Map<string, string>();
    for (const { file, id, schema } of files) {
      try {
        ajv.addSchema(schema);
      } catch (cause) {
        throw new GatewayError('config-invalid', { detail: `${file}: ${reason(cause, 'cannot add schema')}`, cause });
      }
      fileOf.set(id, file);
    }
    loaded = { ajv, files, fileOf };
    return loaded;
  }

  return {
    files: () => load().files,

    validator<T>(ref: string): SchemaValidator<T> {
      const known = validators.get(ref);
      if (known !== undefined) return known as SchemaValidator<T>;
      const { ajv, fileOf } = load();
      const file = fileOf.get(ref.split('#')[0] ?? ref) ?? ref;
      let validate: ValidateFunction<T> | undefined;
      try {
        validate = ajv.getSchema<T>(ref);
      } catch (cause) {
        throw new GatewayError('config-invalid', { detail: `${file}: ${reason(cause, 'does not compile')}`, cause });
      }
      if (validate === undefined) throw new GatewayError('config-invalid', { detail: `no schema ${ref} in ${schemasDir}` });
      const compiled = validate;
      const made: SchemaValidator<T> = {
        is: (value): value is T => compiled(value),
        check: (value, options) => (compiled(value) ? [] : schemaFieldErrors(compiled.errors, options)),
      };
      validators.set(ref, made);
      return made;
    },
  };
}

let shared: SchemaRegistry | undefined;

/** The registry over the repository's schemas/: one per process, so each schema compiles once. */
export function schemaRegistry(): SchemaRegistry {
  shared ??= createSchemaRegistry(defaultSchemasDir);
  return shared;
}

/** The validator of schemas/<relativePath> (or a part of it, after "#") from the shared registry. */
export function schemaValidator<T = unknown>(relativeRef: string): SchemaValidator<T> {
  return schemaRegistry().validator<T>(SCHEMA_ID_BASE + relativeRef);
}
