// The published contract itself (openapi.yaml): it parses, is OpenAPI 3.1, is self-contained, and
// keeps the house rules (operation ids, problem+json errors, API-Version on every response, bearer
// auth on /v1). Also pins down the conformance helper that the HTTP tests use to check live responses.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { errorCatalogue } from '../../src/kernel/error-catalogue.ts';
import {
  assertConformsToOpenApi,
  assertUndocumentedRouteConforms,
  componentSchemaValidator,
  documentedOperations,
  openApiPath,
  OpenApiConformanceError,
  type ResponseLike,
} from '../support/openapi-conformance.ts';

const addFormats = addFormatsModule.default;

type Json = Record<string, unknown>;

/** The value at a path of keys, or undefined; the document is untyped YAML. */
function at(value: unknown, ...keys: string[]): unknown {
  let node = value;
  for (const key of keys) node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
  return node;
}

function obj(value: unknown): Json {
  expect(value).toBeTypeOf('object');
  return value as Json;
}

const document = obj(parseYaml(readFileSync(openApiPath, 'utf8')));
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Follows local `$ref`s until a non-reference object. */
function deref(value: unknown): Json {
  let current = obj(value);
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    const keys = ref.slice(2).split('/').map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    const target = at(document, ...keys);
    expect(target, `reference ${ref}`).toBeDefined();
    current = obj(target);
  }
  return current;
}

function operations(): { method: string; path: string; operation: Json }[] {
  return Object.entries(obj(document.paths)).flatMap(([path, item]) =>
    methods.filter((method) => at(item, method) !== undefined).map((method) => ({ method, path, operation: obj(at(item, method)) })),
  );
}

function collectRefs(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) collectRefs(child, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.push(value);
      else collectRefs(value, into);
    }
  }
  return into;
}

const json = { 'content-type': 'application/json; charset=utf-8', 'api-version': '1.0.0' };
const problemJson = { 'content-type': 'application/problem+json; charset=utf-8', 'api-version': '1.0.0' };
const exchangeId = '2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10';
const decision = {
  outcome: 'allow',
  reason: 'rule-allows',
  rule: { id: 'gemeente-aanbieder-toewijzing', version: 3 },
  purpose: 'toewijzing-aanvragen',
  legalBasis: 'jw-7.4.0',
  policyVersion: '2025.1',
  consentIds: [],
  releasedFields: ['/client/bsn'],
};
const accepted: ResponseLike = {
  status: 202,
  headers: { ...json, location: `/v1/exchanges/${exchangeId}` },
  body: { exchangeId, status: 'queued', decision, links: { self: `/v1/exchanges/${exchangeId}` } },
};

function expectNonConforming(run: () => unknown, message: RegExp): void {
  expect(run).toThrow(OpenApiConformanceError);
  expect(run).toThrow(message);
}

describe('openapi.yaml', () => {
  it('parses as OpenAPI 3.1 with info, servers, tags and the bearer scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Ketenpoort', version: '1.0.0' });
    expect(at(document, 'info', 'description')).toBeTypeOf('string');
    expect(document.servers).toEqual([expect.objectContaining({ url: 'http://localhost:8080' })]);
    expect((document.tags as Json[]).map((tag) => tag.name)).toEqual(['exchanges', 'inbox', 'audit', 'consents', 'subscriptions', 'regie', 'privacy', 'operations', 'operators', 'console', 'statistics']);
    expect(at(document, 'components', 'securitySchemes', 'bearerAuth')).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('is self-contained: every reference is local and resolves', () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      deref({ $ref: ref });
    }
  });

  it('gives every operation a unique operationId and a declared tag', () => {
    const ids = operations().map(({ method, path, operation }) => {
      expect(typeof operation.operationId, `${method} ${path}`).toBe('string');
      return operation.operationId as string;
    });
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set((document.tags as Json[]).map((tag) => tag.name));
    for (const { operation } of operations()) for (const tag of operation.tags as string[]) expect(tags.has(tag), tag).toBe(true);
  });

  it('answers every operation with at least one 4xx problem and a 500 problem', () => {
    for (const { method, path, operation } of operations()) {
      const responses = obj(operation.responses);
      const problems4xx = Object.keys(responses).filter(
        (status) => status.startsWith('4') && at(deref(responses[status]), 'content', 'application/problem+json') !== undefined,
      );
      expect(problems4xx.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(at(deref(responses['500']), 'content', 'application/problem+json'), `${method} ${path} 500`).toBeDefined();
    }
  });

  it('declares the required API-Version header on every response, including the reusable ones', () => {
    const all = [
      ...operations().flatMap(({ method, path, operation }) =>
        Object.entries(obj(operation.responses)).map(([status, response]) => [`${method} ${path} ${status}`, response] as const),
      ),
      ...Object.entries(obj(at(document, 'components', 'responses'))).map(([name, response]) => [name, response] as const),
    ];
    for (const [where, response] of all) {
      const header = deref(at(deref(response), 'headers', 'API-Version') ?? {});
      expect(header.required, where).toBe(true);
      expect(at(header, 'schema', 'type'), where).toBe('string');
    }
  });

  it('requires bearer auth or a console session on /v1 except the document itself, and none on health, metrics and the console sign-in', () => {
    expect(document.security).toEqual([{ bearerAuth: [] }, { consoleSession: [] }]);
    expect(at(document, 'components', 'securitySchemes', 'consoleSession')).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'ketenpoort-session' });
    for (const { method, path, operation } of operations()) {
      const open = path === '/v1/openapi.json' || !path.startsWith('/v1/');
      expect(operation.security, `${method} ${path}`).toEqual(open ? [] : undefined);
      if (!open) expect(Object.keys(obj(operation.responses)), `${method} ${path}`).toContain('401');
    }
  });

  it('uses only error codes from the catalogue, with the catalogue status', () => {
    const codes = at(document, 'components', 'schemas', 'ErrorCode', 'enum') as string[];
    for (const code of codes) expect(Object.keys(errorCatalogue), code).toContain(code);
    for (const [name, response] of Object.entries(obj(at(document, 'components', 'responses')))) {
      const schema = at(response, 'content', 'application/problem+json', 'schema');
      if (schema === undefined) continue;
      const narrowing = at(schema, 'allOf', '1', 'properties');
      const responseCodes = (at(narrowing, 'code', 'enum') ?? [at(narrowing, 'code', 'const')]) as string[];
      for (const code of responseCodes) {
        expect(codes, `${name}: ${code}`).toContain(code);
        expect(errorCatalogue[code as keyof typeof errorCatalogue].status, `${name}: ${code}`).toBe(at(narrowing, 'status', 'const'));
      }
    }
  });

  it('compiles every component schema, also independently of the helper (ajv 2020 over the whole document)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: 'https://ketenpoort.local/openapi.json' });
    for (const name of Object.keys(obj(at(document, 'components', 'schemas')))) {
      expect(() => ajv.compile({ $ref: `https://ketenpoort.local/openapi.json#/components/schemas/${name}` }), name).not.toThrow();
      expect(componentSchemaValidator(name), name).toBeTypeOf('function');
    }
  });

  it('accepts its own examples and rejects a policy refusal without exchange id', () => {
    const problem = componentSchemaValidator('Problem');
    for (const example of at(document, 'components', 'schemas', 'Problem', 'examples') as unknown[]) expect(problem(example)).toBe(true);
    expect(problem({ type: 'https://ketenpoort.nl/problems/policy-denied', title: 'No', status: 403, code: 'policy-denied' })).toBe(false);
    const envelope = componentSchemaValidator('Envelope');
    expect(envelope(at(document, 'paths', '/v1/exchanges', 'post', 'requestBody', 'content', 'application/json', 'example'))).toBe(true);
    expect(envelope({ messageType: 'JW315', receiver: 'x', purpose: 'p', message: {} })).toBe(false);
  });
});

describe('the OpenAPI conformance helper', () => {
  it('lists every documented operation once', () => {
    const listed = documentedOperations();
    expect(listed).toHaveLength(operations().length);
    expect(listed).toContainEqual({ method: 'POST', pathTemplate: '/v1/exchanges', operationId: 'submitExchange' });
    expect(listed).toContainEqual({ method: 'GET', pathTemplate: '/v1/audit/verification', operationId: 'verifyAuditChain' });
  });

  it('when a response conforms, then it returns the matched operation', () => {
    expect(assertConformsToOpenApi('post', '/v1/exchanges', accepted)).toEqual({
      method: 'POST',
      pathTemplate: '/v1/exchanges',
      operationId: 'submitExchange',
      status: '202',
    });
    expect(
      assertConformsToOpenApi('GET', `/v1/audit/verification?x=1`, {
        status: 200,
        headers: json,
        body: { ok: true, checked: 0, head: null, firstBroken: null },
      }).operationId,
    ).toBe('verifyAuditChain');
    expect(
      assertConformsToOpenApi('POST', `/v1/inbox/${exchangeId}/ack`, { status: 204, headers: { 'api-version': '1.0.0' }, body: {}, text: '' }).status,
    ).toBe('204');
    assertConformsToOpenApi('GET', '/metrics', {
      status: 200,
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'api-version': '1.0.0' },
      body: {},
      text: '# HELP x y\n',
    });
    assertConformsToOpenApi('POST', '/v1/exchanges', {
      status: 403,
      headers: problemJson,
      body: {
        type: 'https://ketenpoort.nl/problems/policy-denied',
        title: 'The exchange is not allowed',
        status: 403,
        code: 'policy-denied',
        exchangeId,
        reason: 'consent-missing',
        rule: 'aanbieder-aanbieder-overdracht@2',
      },
    });
  });

  it('when the body does not validate, then it names the offending member', () => {
    const body = { ...(accepted.body as Json), status: 'delivered', extra: 1 };
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { ...accepted, body }), /\/status must be equal to constant/);
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { ...accepted, body }), /additionalProperty.*extra/);
  });

  it('when a required header is missing, then it says which', () => {
    const headers = { ...accepted.headers, 'api-version': undefined };
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { ...accepted, headers }), /required header API-Version is missing/);
    const { location: _location, ...withoutLocation } = accepted.headers;
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { ...accepted, headers: withoutLocation }), /Location is missing/);
  });

  it('when the content type differs, then it names both', () => {
    const headers = { ...accepted.headers, 'content-type': 'text/html' };
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { ...accepted, headers }), /text\/html.*application\/json/);
    const problem = { type: 'https://ketenpoort.nl/problems/not-found', title: 'Not found', status: 404, code: 'not-found' };
    expectNonConforming(
      () => assertConformsToOpenApi('GET', `/v1/exchanges/${exchangeId}`, { status: 404, headers: json, body: problem }),
      /application\/problem\+json/,
    );
  });

  it('when the status, method or path is not documented, then it says so', () => {
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { ...accepted, status: 201 }), /status 201 is not documented/);
    expectNonConforming(() => assertConformsToOpenApi('DELETE', '/v1/exchanges', accepted), /DELETE is not documented/);
    expectNonConforming(() => assertConformsToOpenApi('GET', '/v1/nothing-here', accepted), /not in openapi\.yaml/);
  });

  it('when a problem carries a code of another status, then it does not conform', () => {
    const body = { type: 'https://ketenpoort.nl/problems/not-found', title: 'Not found', status: 404, code: 'not-found' };
    expectNonConforming(() => assertConformsToOpenApi('POST', '/v1/exchanges', { status: 400, headers: problemJson, body }), /\/code|\/status/);
  });

  it('checks undocumented routes against the generic 404 and 405 answers', () => {
    const notFound = { type: 'https://ketenpoort.nl/problems/not-found', title: 'Not found', status: 404, code: 'not-found' };
    assertUndocumentedRouteConforms('GET', '/v1/nothing-here', { status: 404, headers: problemJson, body: notFound });
    const notAllowed = { type: 'https://ketenpoort.nl/problems/method-not-allowed', title: 'Method not allowed', status: 405, code: 'method-not-allowed' };
    assertUndocumentedRouteConforms('DELETE', '/v1/exchanges', { status: 405, headers: { ...problemJson, allow: 'GET, POST' }, body: notAllowed });
    expectNonConforming(() => {
      assertUndocumentedRouteConforms('DELETE', '/v1/exchanges', { status: 405, headers: { ...problemJson, allow: 'GET' }, body: notAllowed });
    }, /Allow .* POST/);
    expectNonConforming(() => {
      assertUndocumentedRouteConforms('GET', '/v1/nothing-here', { status: 200, headers: json, body: {} });
    }, /expected 404/);
  });
});
