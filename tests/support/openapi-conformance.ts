// Checks HTTP responses against openapi.yaml, so that tests catch the code and the published contract
// drifting apart. The document is loaded and every response schema compiled once, on first use: a
// broken document fails the first test that asks, with the schema's own error.
//
// Schemas are compiled with ajv's JSON Schema 2020-12 dialect (OpenAPI 3.1's base dialect) in strict
// mode; OpenAPI's own annotation keywords (`example`, `discriminator`, `xml`, `externalDocs`) are
// registered as no-ops. strictRequired is off because `Problem` requires `exchangeId` and `reason`
// in an if/then on `code`, where the properties are declared on the parent schema. Each component schema is registered under its own `$id` and every
// `#/components/schemas/X` reference is rewritten to point there, so that the document itself never
// has to be compiled as a schema.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

export const openApiPath = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SCHEMA_ID_BASE = 'https://ketenpoort.local/openapi/components/schemas/';
const COMPONENT_SCHEMA_REF = '#/components/schemas/';

export interface ResponseLike {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly text?: string;
}

export interface DocumentedOperation {
  /** Upper case, e.g. `GET`. */
  readonly method: string;
  /** As written in the document, e.g. `/v1/exchanges/{exchangeId}`. */
  readonly pathTemplate: string;
  readonly operationId: string;
}

/** What a conforming response matched: the operation and the documented status key. */
export interface ConformanceMatch extends DocumentedOperation {
  readonly status: string;
}

export class OpenApiConformanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenApiConformanceError';
  }
}

type Json = Record<string, unknown>;

interface CompiledHeader {
  readonly name: string;
  readonly required: boolean;
  readonly validate: ValidateFunction | undefined;
}

interface CompiledResponse {
  readonly headers: readonly CompiledHeader[];
  /** Documented media types (keys as written) with their body validators; empty: no body. */
  readonly content: ReadonlyMap<string, ValidateFunction | undefined>;
}

interface CompiledOperation extends DocumentedOperation {
  readonly matcher: RegExp;
  readonly templatedSegments: number;
  readonly responses: ReadonlyMap<string, CompiledResponse>;
}

interface Compiled {
  readonly document: Json;
  readonly ajv: Ajv2020;
  readonly operations: readonly CompiledOperation[];
  readonly fallbacks: { readonly notFound: CompiledResponse; readonly methodNotAllowed: CompiledResponse };
}

let compiled: Compiled | undefined;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new OpenApiConformanceError(message);
}

/** Resolves a local `$ref` (`#/a/b`) in the document; follows chains of references. */
function resolveRef(document: Json, value: unknown, seen: readonly string[] = []): Json {
  if (!isObject(value)) fail(`openapi.yaml: expected an object, got ${JSON.stringify(value)}`);
  const ref = value.$ref;
  if (typeof ref !== 'string') return value;
  if (!ref.startsWith('#/')) fail(`openapi.yaml: only local references are supported, got ${ref}`);
  if (seen.includes(ref)) fail(`openapi.yaml: circular reference ${[...seen, ref].join(' -> ')}`);
  let target: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    target = isObject(target) ? target[part] : undefined;
  }
  if (target === undefined) fail(`openapi.yaml: unresolved reference ${ref}`);
  return resolveRef(document, target, [...seen, ref]);
}

/** Deep copy of a schema with `#/components/schemas/X` rewritten to the registered component's `$id`. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (!isObject(schema)) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith(COMPONENT_SCHEMA_REF)) fail(`openapi.yaml: schema reference ${value} is not to a component schema`);
      copy[key] = SCHEMA_ID_BASE + value.slice(COMPONENT_SCHEMA_REF.length);
    } else {
      copy[key] = rewriteRefs(value);
    }
  }
  return copy;
}

/** A fresh ajv with every component schema registered (not yet compiled). */
function createAjv(document: Json): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs']) ajv.addKeyword({ keyword });
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) fail(`openapi.yaml: components.schemas.${name} is not an object`);
    ajv.addSchema({ ...(rewriteRefs(schema) as Json), $id: SCHEMA_ID_BASE + name });
  }
  return ajv;
}

function compileSchema(ajv: Ajv2020, schema: unknown, where: string): ValidateFunction {
  try {
    return ajv.compile(rewriteRefs(schema) as Json);
  } catch (error) {
    fail(`openapi.yaml: the schema at ${where} does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function compileResponse(document: Json, ajv: Ajv2020, raw: unknown, where: string): CompiledResponse {
  const response = resolveRef(document, raw);
  const headers: CompiledHeader[] = [];
  for (const [name, rawHeader] of Object.entries(isObject(response.headers) ? response.headers : {})) {
    const header = resolveRef(document, rawHeader);
    headers.push({
      name,
      required: header.required === true,
      validate: header.schema === undefined ? undefined : compileSchema(ajv, header.schema, `${where}.headers.${name}`),
    });
  }
  const content = new Map<string, ValidateFunction | undefined>();
  for (const [mediaType, rawMedia] of Object.entries(isObject(response.content) ? response.content : {})) {
    const media = resolveRef(document, rawMedia);
    content.set(
      mediaType,
      media.schema === undefined ? undefined : compileSchema(ajv, media.schema, `${where}.content[${mediaType}]`),
    );
  }
  return { headers, content };
}

function templateMatcher(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

function load(): Compiled {
  if (compiled) return compiled;
  const document: unknown = parseYaml(readFileSync(openApiPath, 'utf8'));
  if (!isObject(document)) fail('openapi.yaml: not a YAML mapping');
  const ajv = createAjv(document);
  const operations: CompiledOperation[] = [];
  for (const [pathTemplate, rawItem] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    const item = resolveRef(document, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const where = `paths[${pathTemplate}].${method}`;
      const responses = new Map<string, CompiledResponse>();
      for (const [status, rawResponse] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        responses.set(status.toUpperCase(), compileResponse(document, ajv, rawResponse, `${where}.responses.${status}`));
      }
      operations.push({
        method: method.toUpperCase(),
        pathTemplate,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : `${method} ${pathTemplate}`,
        matcher: templateMatcher(pathTemplate),
        templatedSegments: (pathTemplate.match(/\{[^}]+\}/g) ?? []).length,
        responses,
      });
    }
  }
  // Literal paths win over templated ones (`/v1/audit/verification` before a `/v1/audit/{x}`).
  operations.sort((a, b) => a.templatedSegments - b.templatedSegments);
  const fallbacks = {
    notFound: compileResponse(document, ajv, { $ref: '#/components/responses/NotFound' }, 'components.responses.NotFound'),
    methodNotAllowed: compileResponse(
      document,
      ajv,
      { $ref: '#/components/responses/MethodNotAllowed' },
      'components.responses.MethodNotAllowed',
    ),
  };
  compiled = { document, ajv, operations, fallbacks };
  return compiled;
}

/** The parsed document (a deep copy; change it freely). */
export function openApiDocument(): Json {
  return structuredClone(load().document);
}

/** Every (method, path template) the document describes, in document order of paths. */
export function documentedOperations(): DocumentedOperation[] {
  const { document, operations } = load();
  const order = Object.keys(isObject(document.paths) ? document.paths : {});
  return [...operations]
    .sort((a, b) => order.indexOf(a.pathTemplate) - order.indexOf(b.pathTemplate))
    .map(({ method, pathTemplate, operationId }) => ({ method, pathTemplate, operationId }));
}

/** A validator for one component schema (`components.schemas.<name>`), compiled by the helper's ajv. */
export function componentSchemaValidator(name: string): ValidateFunction {
  const validate = load().ajv.getSchema(SCHEMA_ID_BASE + name);
  if (!validate) fail(`openapi.yaml: there is no components.schemas.${name}`);
  return validate;
}

// ---------------------------------------------------------------------------------------- checking

function headerValue(headers: ResponseLike['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

interface MediaType {
  readonly essence: string;
  readonly parameters: ReadonlyMap<string, string>;
}

function parseMediaType(value: string): MediaType {
  const [essence = '', ...rest] = value.split(';');
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const index = parameter.indexOf('=');
    if (index < 0) continue;
    const key = parameter.slice(0, index).trim().toLowerCase();
    let val = parameter.slice(index + 1).trim();
    if (val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1);
    parameters.set(key, key === 'charset' ? val.toLowerCase() : val);
  }
  return { essence: essence.trim().toLowerCase(), parameters };
}

/** The actual media type matches a documented one: same essence, and every documented parameter present and equal. */
function mediaTypeMatches(documented: string, actual: string): boolean {
  const want = parseMediaType(documented);
  const got = parseMediaType(actual);
  if (want.essence !== got.essence) return false;
  for (const [key, value] of want.parameters) if (got.parameters.get(key) !== value) return false;
  return true;
}

function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const at = error.instancePath === '' ? '(root)' : error.instancePath;
      const extra =
        error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
          ? `: ${JSON.stringify(error.params)}`
          : error.keyword === 'enum' || error.keyword === 'const'
            ? `: ${JSON.stringify(error.params)}`
            : '';
      return `  - ${at} ${error.message ?? error.keyword}${extra} [${error.schemaPath}]`;
    })
    .join('\n');
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function hasNoBody(res: ResponseLike): boolean {
  if (res.text !== undefined) return res.text === '';
  const { body } = res;
  return body === undefined || body === null || body === '' || (isObject(body) && Object.keys(body).length === 0);
}

/** The problems of one response against one documented response; empty when it conforms. */
function checkResponse(documented: CompiledResponse, res: ResponseLike): string[] {
  const problems: string[] = [];
  for (const header of documented.headers) {
    const value = headerValue(res.headers, header.name);
    if (value === undefined) {
      if (header.required) problems.push(`the required header ${header.name} is missing`);
      continue;
    }
    if (header.validate && !header.validate(value)) {
      problems.push(`header ${header.name}: ${JSON.stringify(value)} does not conform:\n${formatErrors(header.validate.errors)}`);
    }
  }

  const contentType = headerValue(res.headers, 'content-type');
  if (documented.content.size === 0) {
    if (!hasNoBody(res)) problems.push(`no body is documented, but there is one: ${preview(res.text ?? res.body)}`);
    return problems;
  }
  const documentedTypes = [...documented.content.keys()];
  if (contentType === undefined) {
    problems.push(`there is no Content-Type; documented: ${documentedTypes.join(' | ')}`);
    return problems;
  }
  const mediaType = documentedTypes.find((documentedType) => mediaTypeMatches(documentedType, contentType));
  if (mediaType === undefined) {
    problems.push(`Content-Type is ${JSON.stringify(contentType)}; documented: ${documentedTypes.join(' | ')}`);
    return problems;
  }
  const validate = documented.content.get(mediaType);
  if (!validate) return problems;
  const essence = parseMediaType(mediaType).essence;
  const isJson = essence === 'application/json' || essence.endsWith('+json');
  // supertest parses JSON (also +json) into `body`; for text it leaves `body` empty and fills `text`.
  const body = isJson ? res.body : (res.text ?? res.body);
  if (!validate(body)) {
    problems.push(`the body does not conform to the documented schema:\n${formatErrors(validate.errors)}\n  body: ${preview(body)}`);
  }
  return problems;
}

function requestPath(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? path;
  return withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
}

function findOperations(path: string): CompiledOperation[] {
  const concrete = requestPath(path);
  return load().operations.filter((operation) => operation.matcher.test(concrete));
}

/**
 * Throws an OpenApiConformanceError, naming every problem, unless `res` is a documented answer of the
 * documented operation for (method, concrete path): the path and method are in the document, the
 * status is documented for the operation, the Content-Type is the documented one, the body validates
 * against the documented schema, and every required response header is present (and valid).
 * Returns the matched operation so a test can track which operations it exercised.
 */
export function assertConformsToOpenApi(method: string, path: string, res: ResponseLike): ConformanceMatch {
  const upper = method.toUpperCase();
  const label = `${upper} ${path} → ${res.status}`;
  const candidates = findOperations(path);
  if (candidates.length === 0) fail(`${label}: the path ${requestPath(path)} is not in openapi.yaml`);
  const operation = candidates.find((candidate) => candidate.method === upper);
  if (!operation) {
    const methods = [...new Set(candidates.map((candidate) => candidate.method))].join(', ');
    fail(`${label}: ${upper} is not documented for ${candidates[0]!.pathTemplate} (documented: ${methods})`);
  }
  const status = String(res.status);
  const statusKey = [status, `${status[0] ?? ''}XX`, 'DEFAULT'].find((key) => operation.responses.has(key));
  if (statusKey === undefined) {
    fail(
      `${label} (${operation.operationId}): status ${status} is not documented ` +
        `(documented: ${[...operation.responses.keys()].join(', ')}); body: ${preview(res.text ?? res.body)}`,
    );
  }
  const problems = checkResponse(operation.responses.get(statusKey)!, res);
  if (problems.length > 0) {
    fail(`${label} (${operation.operationId}, response ${statusKey}) does not conform to openapi.yaml:\n- ${problems.join('\n- ')}`);
  }
  return { method: operation.method, pathTemplate: operation.pathTemplate, operationId: operation.operationId, status: statusKey };
}

/**
 * For requests outside the document: a path it does not describe must get the documented 404
 * (`components.responses.NotFound`); a described path with a method it does not list must get the
 * documented 405 (`components.responses.MethodNotAllowed`) whose `Allow` names the listed methods.
 */
export function assertUndocumentedRouteConforms(method: string, path: string, res: ResponseLike): void {
  const upper = method.toUpperCase();
  const label = `${upper} ${path} → ${res.status}`;
  const candidates = findOperations(path);
  if (candidates.some((candidate) => candidate.method === upper)) {
    fail(`${label}: ${upper} ${requestPath(path)} is documented; use assertConformsToOpenApi`);
  }
  const { fallbacks } = load();
  const expected = candidates.length === 0 ? 404 : 405;
  if (res.status !== expected) {
    fail(
      `${label}: expected ${expected} (${expected === 404 ? 'path not in openapi.yaml' : 'method not documented for the path'}); ` +
        `body: ${preview(res.text ?? res.body)}`,
    );
  }
  const problems = checkResponse(expected === 404 ? fallbacks.notFound : fallbacks.methodNotAllowed, res);
  if (expected === 405) {
    const allow = (headerValue(res.headers, 'allow') ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
    const documented = [...new Set(candidates.map((candidate) => candidate.method))];
    const missing = documented.filter((m) => !allow.includes(m));
    if (missing.length > 0) problems.push(`Allow (${allow.join(', ')}) does not name the documented methods ${missing.join(', ')}`);
  }
  if (problems.length > 0) fail(`${label} does not conform to openapi.yaml:\n- ${problems.join('\n- ')}`);
}
