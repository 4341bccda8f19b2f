// Validates an exchange: the envelope against schemas/envelope.schema.json, the message against the
// schema of its type, then (only for a schema-valid iJw message) the iJw rules. Every schema in
// schemas/ is loaded and compiled once, here, in ajv strict mode with all errors; a schema that does
// not compile stops the gateway at startup (GatewayError 'config-invalid').
//
// Errors come back as FieldErrors with RFC 6901 pointers relative to what was validated: the envelope
// body, or the message (the caller prefixes "/message").
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { joinPointer } from '../kernel/json-pointer.ts';
import { configureAjv } from './ajv-setup.ts';
import { checkIjwRules, ijwRuleForSchemaError } from './ijw-rules.ts';

export const ENVELOPE_SCHEMA_ID = 'https://ketenpoort.nl/schemas/envelope.schema.json';

/**
 * Folders of schemas/ that hold message families. Every schema directly in such a folder that
 * describes an object is a message type, named after its file (JW301.schema.json -> JW301); the
 * others (basisschema.schema.json: $defs only) are libraries. Add a folder here to add a family.
 */
const MESSAGE_FAMILY_DIRS = ['ijw', 'jeugdbescherming', 'veilig-thuis', 'verwijsindex', 'lokaal'] as const;

export interface MessageValidator {
  /** The message types with a schema, sorted. */
  knownTypes(): string[];
  isKnownType(messageType: string): boolean;
  /** Checks a submission body against the envelope schema. */
  validateEnvelope(body: unknown): FieldError[];
  /**
   * Checks a message against its type's schema and, when that passes, the type's rules (for iJw:
   * src/validation/ijw-rules.ts) as of `today` (YYYY-MM-DD). Pointers are relative to the message.
   * An unknown type is refused with GatewayError 'unknown-message-type'; check knownTypes() first.
   */
  validateMessage(messageType: string, message: unknown, today: string): FieldError[];
}

export interface MessageValidatorOptions {
  /** default: the repository's schemas/ folder */
  readonly schemasDir?: string;
}

const defaultSchemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

interface SchemaFile {
  readonly file: string;
  readonly schema: Record<string, unknown>;
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

function loadSchemas(schemasDir: string): SchemaFile[] {
  return listSchemaFiles(schemasDir).map((file) => {
    try {
      const schema = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (typeof schema !== 'object' || schema === null || typeof (schema as Record<string, unknown>)['$id'] !== 'string') {
        throw new GatewayError('config-invalid', { detail: `${file}: a schema needs an $id` });
      }
      return { file, schema: schema as Record<string, unknown> };
    } catch (cause) {
      if (cause instanceof GatewayError) throw cause;
      throw new GatewayError('config-invalid', { detail: `${file}: not valid JSON`, cause });
    }
  });
}

const FORMAT_DETAILS: Readonly<Record<string, string>> = {
  'ijw-date': 'must be a date that exists, written YYYY-MM-DD',
  'ijw-time': 'must be a time hh:mm:ss',
  date: 'must be a date that exists, written YYYY-MM-DD',
  bsn: 'must be a BSN: nine digits that pass the 11-test',
};

/** One ajv error as a FieldError, pointing at the offending (or missing, or extra) property. */
function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { pointer: joinPointer(error.instancePath, String(params['missingProperty'])), detail: 'is required', rule: 'required' };
    case 'additionalProperties':
      return { pointer: joinPointer(error.instancePath, String(params['additionalProperty'])), detail: 'is not allowed here', rule: 'additionalProperties' };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v));
      const shown = allowed.length > 25 ? `${allowed.slice(0, 25).join(', ')}, ...` : allowed.join(', ');
      return { pointer: error.instancePath, detail: `must be one of ${shown}`, rule: 'enum' };
    }
    case 'const':
      return { pointer: error.instancePath, detail: `must be ${JSON.stringify(params['allowedValue'])}`, rule: 'const' };
    case 'format':
      return { pointer: error.instancePath, detail: FORMAT_DETAILS[String(params['format'])] ?? `must be a valid ${String(params['format'])}`, rule: 'format' };
    default:
      return { pointer: error.instancePath, detail: error.message ?? `fails ${error.keyword}`, rule: error.keyword };
  }
}

function mapErrors(errors: readonly ErrorObject[] | null | undefined, annotate: (e: FieldError) => FieldError = (e) => e): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    // An `if` error only says "must match then"; the `then` sub-errors say what is wrong.
    if (error.keyword === 'if') continue;
    const mapped = annotate(toFieldError(error));
    const key = `${mapped.pointer}\u0000${mapped.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(mapped);
  }
  return result;
}

/** Loads and compiles every schema under schemasDir; throws GatewayError 'config-invalid' on any problem. */
export function createMessageValidator(options: MessageValidatorOptions = {}): MessageValidator {
  const schemasDir = options.schemasDir ?? defaultSchemasDir;
  const files = loadSchemas(schemasDir);
  const ajv = configureAjv(new Ajv2020({ strict: true, allErrors: true }));
  for (const { file, schema } of files) {
    try {
      ajv.addSchema(schema);
    } catch (cause) {
      throw new GatewayError('config-invalid', { detail: `${file}: ${cause instanceof Error ? cause.message : 'cannot add schema'}`, cause });
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  for (const { file, schema } of files) {
    try {
      const validate = ajv.getSchema(schema['$id'] as string);
      if (validate === undefined) throw new GatewayError('config-invalid', { detail: `${file}: not compiled` });
      compiled.set(file, validate);
    } catch (cause) {
      if (cause instanceof GatewayError) throw cause;
      throw new GatewayError('config-invalid', { detail: `${file}: ${cause instanceof Error ? cause.message : 'does not compile'}`, cause });
    }
  }

  const envelope = ajv.getSchema(ENVELOPE_SCHEMA_ID);
  if (envelope === undefined) throw new GatewayError('config-invalid', { detail: `no schema with $id ${ENVELOPE_SCHEMA_ID} in ${schemasDir}` });

  const messageSchemas = new Map<string, ValidateFunction>();
  for (const family of MESSAGE_FAMILY_DIRS) {
    const dir = path.join(schemasDir, family);
    for (const { file, schema } of files) {
      const validate = compiled.get(file);
      if (path.dirname(file) !== dir || schema['type'] !== 'object' || validate === undefined) continue;
      const type = path.basename(file, '.schema.json');
      if (messageSchemas.has(type)) throw new GatewayError('config-invalid', { detail: `message type ${type} is defined twice` });
      messageSchemas.set(type, validate);
    }
  }
  const types = [...messageSchemas.keys()].sort();

  return {
    knownTypes: () => [...types],
    isKnownType: (messageType) => messageSchemas.has(messageType),

    validateEnvelope(body: unknown): FieldError[] {
      return envelope(body) ? [] : mapErrors(envelope.errors);
    },

    validateMessage(messageType: string, message: unknown, today: string): FieldError[] {
      const validate = messageSchemas.get(messageType);
      if (validate === undefined) throw new GatewayError('unknown-message-type', { detail: `no schema for message type ${messageType}` });
      if (!validate(message)) {
        return mapErrors(validate.errors, (e) => {
          const rule = ijwRuleForSchemaError(messageType, e.pointer, e.rule ?? '');
          return rule === undefined ? e : { ...e, ...rule };
        });
      }
      return checkIjwRules(messageType, message, today);
    },
  };
}
