// fhir: delivers to a provider's FHIR R4 server (architecture.md: only this folder knows
// fhir-kit-client). The message is mapped to one transaction Bundle (fhir-mapping.ts), every resource
// in it is validated against R4 (fhir-validation.ts), and the Bundle is POSTed to the server's base
// URL. The exchange id travels as the Bundle's identifier and as Idempotency-Key, with traceparent.
//
// Outcomes:
// - no mapping for the message type, or a message lacking what the mapping needs: permanent;
// - a resource that is not valid R4: permanent, with the validator's reasons;
// - network errors, HTTP 408/425/429/5xx: retryable; an OperationOutcome whose issues are all of a
//   transient kind (transient, lock-error, throttled, timeout, no-store, incomplete) is retryable
//   whatever the status (e.g. 409 with lock-error); any other 4xx is permanent, with the
//   OperationOutcome's text in the reason.
// Reasons end up in the outbox and the audit log, which never hold a raw BSN: nine-digit numbers in a
// server's or the validator's text are masked.
import { Client } from 'fhir-kit-client';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import type { Adapter, DeliveryResult } from '../adapter.ts';
import { failureForNetworkError, failureForStatus, isRetryableStatus } from '../http-outcome.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { fhirMappedTypes, mapToFhirTransaction, type OrganisationLookup, type PartyLookup } from './fhir-mapping.ts';
import { validateTransaction } from './fhir-validation.ts';

export const FHIR_ADAPTER_KIND = 'fhir';

export interface FhirAdapterDeps {
  /** Name and identifiers of a party by its iJw code (for Organization resources); from the party registry. */
  readonly lookupOrganisation?: OrganisationLookup;
  /** Name and identifiers of a party by its id (the sender and receiver of a chain message); from the party registry. */
  readonly lookupParty?: PartyLookup;
  readonly userAgent?: string;
}

const TRANSIENT_ISSUES = new Set(['transient', 'lock-error', 'throttled', 'timeout', 'no-store', 'incomplete']);

/** A BSN (or any nine-digit number) never goes into a reason: reasons reach the audit log. */
function mask(text: string): string {
  return text.replace(/(?<![0-9])[0-9]{9}(?![0-9])/g, '*********');
}

function reasonOf(prefix: string, parts: readonly string[]): string {
  return mask(`${prefix}${parts.length > 0 ? `: ${parts.slice(0, 5).join('; ')}` : ''}`).slice(0, 500);
}

function outcomeText(data: unknown): { text: string; transient: boolean } {
  const outcome = data as Partial<OperationOutcome> | undefined;
  if (outcome?.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return { text: '', transient: false };
  const issues = outcome.issue;
  const text = issues
    .slice(0, 3)
    .map((i) => `${i.code}${i.details?.text !== undefined ? ` ${i.details.text}` : ''}${i.diagnostics !== undefined ? ` ${i.diagnostics}` : ''}`)
    .join('; ');
  return { text, transient: issues.length > 0 && issues.every((i) => TRANSIENT_ISSUES.has(i.code)) };
}

/** What the server's answer to the transaction says: delivered (with references) or a failure. */
function resultOf(response: unknown, exchangeId: string): DeliveryResult {
  const bundle = response as Partial<Bundle> | undefined;
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'transaction-response') {
    return { status: 'permanent', reason: 'the FHIR server did not answer the transaction with a transaction-response Bundle' };
  }
  const entries = bundle.entry ?? [];
  const failed = entries.filter((e) => !(e.response?.status ?? '').startsWith('2'));
  if (failed.length > 0) return { status: 'permanent', reason: reasonOf('transaction entries failed', failed.map((e) => e.response?.status ?? '?')) };
  // The receiver's reference: the resources this exchange is about (not the shared Patient, Organization, RelatedPerson).
  const locations = entries
    .map((e) => e.response?.location ?? '')
    .filter((l) => l !== '' && !/^(Patient|Organization|RelatedPerson)\//.test(l))
    .map((l) => l.replace(/\/_history\/.*$/, ''));
  return { status: 'delivered', reference: (locations.length > 0 ? locations.join(' ') : exchangeId).slice(0, 500) };
}

export function createFhirAdapter(deps: FhirAdapterDeps = {}): Adapter {
  const clients = new Map<string, Client>();
  const lookup: OrganisationLookup = deps.lookupOrganisation ?? (() => undefined);
  const party: PartyLookup = deps.lookupParty ?? (() => undefined);
  const clientFor = (endpoint: string): Client => {
    let client = clients.get(endpoint);
    if (client === undefined) {
      client = new Client({ baseUrl: endpoint, customHeaders: { 'user-agent': deps.userAgent ?? 'ketenpoort' } });
      clients.set(endpoint, client);
    }
    return client;
  };

  return {
    kind: FHIR_ADAPTER_KIND,
    carries: (messageType) => fhirMappedTypes.has(messageType),
    async deliver(message, target, ctx): Promise<DeliveryResult> {
      if (target.endpoint === undefined) return { status: 'permanent', reason: 'receiver has no FHIR base URL (endpoint)' };
      let bundle: Bundle;
      try {
        bundle = mapToFhirTransaction(message, lookup, party);
      } catch (error) {
        if (!isGatewayError(error)) throw error;
        return { status: 'permanent', reason: reasonOf(error.detail ?? error.title, []) };
      }
      const problems = validateTransaction(bundle);
      if (problems.length > 0) return { status: 'permanent', reason: reasonOf('invalid FHIR R4 resource', problems) };

      let response: unknown;
      try {
        response = await clientFor(target.endpoint).transaction({
          body: bundle as unknown as { resourceType: string },
          options: { headers: { 'idempotency-key': message.exchangeId, traceparent: ctx.traceparent }, signal: ctx.signal },
        });
      } catch (error) {
        const failed = (error as { response?: { status?: unknown; data?: unknown } } | null)?.response;
        if (typeof failed?.status !== 'number') return failureForNetworkError(error);
        const { text, transient } = outcomeText(failed.data);
        if (transient && !isRetryableStatus(failed.status)) return { status: 'retryable', reason: reasonOf(`HTTP ${failed.status}`, [text]) };
        return failureForStatus(failed.status, mask(text));
      }
      return resultOf(response, message.exchangeId);
    },
  };
}
