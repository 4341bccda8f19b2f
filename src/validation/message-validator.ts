// Validates an exchange: the envelope against schemas/envelope.schema.json, the message against the
// schema of its type, then (only for a schema-valid iJw message) the iJw rules. Every schema in
// schemas/ is compiled here, at startup, through the schema registry (schema-registry.ts: one ajv
// instance, strict mode, all errors); a schema that does not compile stops the gateway at startup
// (GatewayError 'config-invalid').
//
// Errors come back as FieldErrors with RFC 6901 pointers relative to what was validated: the envelope
// body, or the message (the caller prefixes "/message").
import path from 'node:path';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { createSchemaRegistry, defaultSchemasDir, schemaRegistry, type SchemaValidator } from './schema-registry.ts';
import { checkIjwRules } from './ijw-rules.ts';
import { ijwSchemaError, onePerPointer } from './ijw-schema-errors.ts';

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
  /** A type only the gateway sends (schema keyword x-gateway-originated): a party cannot submit it. */
  isGatewayOriginated(messageType: string): boolean;
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

/** Loads and compiles every schema under schemasDir; throws GatewayError 'config-invalid' on any problem. */
export function createMessageValidator(options: MessageValidatorOptions = {}): MessageValidator {
  const schemasDir = options.schemasDir ?? defaultSchemasDir;
  const registry = schemasDir === defaultSchemasDir ? schemaRegistry() : createSchemaRegistry(schemasDir);
  const files = registry.files();
  // Compiled now, all of them: a schema that does not compile stops the gateway at startup.
  const compiled = new Map<string, SchemaValidator<unknown>>(files.map(({ file, id }) => [file, registry.validator(id)]));
  const envelope = registry.validator(ENVELOPE_SCHEMA_ID);

  const messageSchemas = new Map<string, SchemaValidator<unknown>>();
  const gatewayOriginated = new Set<string>();
  for (const family of MESSAGE_FAMILY_DIRS) {
    const dir = path.join(schemasDir, family);
    for (const { file, schema } of files) {
      const validate = compiled.get(file);
      if (path.dirname(file) !== dir || schema['type'] !== 'object' || validate === undefined) continue;
      const type = path.basename(file, '.schema.json');
      if (messageSchemas.has(type)) throw new GatewayError('config-invalid', { detail: `message type ${type} is defined twice` });
      messageSchemas.set(type, validate);
      if (schema['x-gateway-originated'] === true) gatewayOriginated.add(type);
    }
  }
  const types = [...messageSchemas.keys()].sort();

  return {
    knownTypes: () => [...types],
    isKnownType: (messageType) => messageSchemas.has(messageType),
    isGatewayOriginated: (messageType) => gatewayOriginated.has(messageType),

    validateEnvelope(body: unknown): FieldError[] {
      return envelope.check(body);
    },

    validateMessage(messageType: string, message: unknown, today: string): FieldError[] {
      const validate = messageSchemas.get(messageType);
      if (validate === undefined) throw new GatewayError('unknown-message-type', { detail: `no schema for message type ${messageType}` });
      // An iJw message: each XSD fault once, named by its iJw rule (ijw-schema-errors.ts).
      const ijw = /^JW3[0-9]{2}$/.test(messageType);
      const errors = ijw ? onePerPointer(validate.check(message, { annotate: (e, raw) => ijwSchemaError(messageType, e, raw) })) : validate.check(message);
      return errors.length > 0 ? errors : checkIjwRules(messageType, message, today);
    },
  };
}
