// The transaction Bundle under construction. Every entry is conditional, so that resending never
// duplicates: created only if no resource has its identifier (ifNoneExist), or written by identifier
// (conditional update); each organisation is added once.
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Identifier, Organization, Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { OrganisationInfo } from './fhir-message-types.ts';
import { AGB_SYSTEM, BSN_SYSTEM, EXCHANGE_ID_SYSTEM, GEMEENTECODE_SYSTEM, OIN_SYSTEM } from './fhir-systems.ts';
import { unmappable } from './fhir-datatypes.ts';

function identifierQuery(identifier: Identifier): string {
  return `identifier=${encodeURIComponent(identifier.system ?? '')}|${encodeURIComponent(identifier.value ?? '')}`;
}

export function orgIdentifiers(info: OrganisationInfo): Identifier[] {
  const ids: Identifier[] = [];
  if (info.agb !== undefined) ids.push({ system: AGB_SYSTEM, value: info.agb });
  if (info.gemeentecode !== undefined) ids.push({ system: GEMEENTECODE_SYSTEM, value: info.gemeentecode });
  if (info.oin !== undefined) ids.push({ system: OIN_SYSTEM, value: info.oin });
  return ids;
}

/** The transaction under construction: entries with urn:uuid full URLs, organisations once each. */
export class Transaction {
  readonly entries: BundleEntry[] = [];
  private readonly organisations = new Map<string, Reference<Organization>>();

  constructor(readonly exchangeId: string) {}

  private add(resource: Resource, request: BundleEntry['request']): Reference {
    const fullUrl = `urn:uuid:${randomUUID()}`;
    // Every resource written carries the exchange id (docs/fhir-mapping.md), so a receiver can trace
    // each one to the exchange that wrote it; a resource created earlier keeps its first exchange id.
    const identified = resource as Resource & { identifier?: Identifier[] };
    const withExchange = { ...identified, identifier: [...(identified.identifier ?? []), this.exchangeIdentifier()] } as Resource;
    this.entries.push({ fullUrl, resource: withExchange, request });
    return { reference: fullUrl };
  }

  /** Created only if no resource of the type has this identifier. */
  createIfNoneExist<T extends Resource>(resource: T, key: Identifier): Reference<T> {
    return this.add(resource, { method: 'POST', url: resource.resourceType, ifNoneExist: identifierQuery(key) }) as Reference<T>;
  }

  /** Written by identifier: updated if one exists, created otherwise. */
  updateByIdentifier<T extends Resource>(resource: T, key: Identifier): Reference<T> {
    return this.add(resource, { method: 'PUT', url: `${resource.resourceType}?${identifierQuery(key)}` }) as Reference<T>;
  }

  /**
   * Patched by identifier (a JSON Patch, RFC 6902, in a Binary, as R4 carries a PATCH in a
   * transaction): for a change that needs nothing but the resource's own key, e.g. a revoked Consent
   * turned inactive without the child's BSN. The exchange id is added by the patch itself. A server
   * that finds no resource with the key fails the entry (conditional patch needs a match).
   */
  patchByIdentifier(resourceType: Resource['resourceType'], key: Identifier, operations: readonly Record<string, unknown>[]): void {
    const patch = [...operations, { op: 'add', path: '/identifier/-', value: this.exchangeIdentifier() }];
    this.entries.push({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify(patch), 'utf8').toString('base64') },
      request: { method: 'PATCH', url: `${resourceType}?${identifierQuery(key)}` },
    });
  }

  exchangeIdentifier(): Identifier {
    return { use: 'secondary', system: EXCHANGE_ID_SYSTEM, value: this.exchangeId };
  }

  organisation(info: OrganisationInfo): Reference<Organization> {
    const identifiers = orgIdentifiers(info);
    const key = identifiers[0];
    if (key === undefined) unmappable(`organisation ${info.name ?? '(no name)'} has no AGB code, gemeentecode or OIN`);
    const id = `${key.system ?? ''}|${key.value ?? ''}`;
    const known = this.organisations.get(id);
    if (known !== undefined) return known;
    const resource: Organization = { resourceType: 'Organization', active: true, identifier: identifiers, ...(info.name !== undefined ? { name: info.name } : {}) };
    const reference = this.createIfNoneExist(resource, key);
    this.organisations.set(id, reference);
    return reference;
  }

  patient(resource: Patient): Reference<Patient> {
    const bsn = resource.identifier?.find((i) => i.system === BSN_SYSTEM);
    if (bsn?.value === undefined) unmappable('the child has no BSN');
    return this.createIfNoneExist(resource, bsn);
  }

  bundle(): Bundle {
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      identifier: { system: EXCHANGE_ID_SYSTEM, value: this.exchangeId },
      entry: this.entries,
    };
  }
}
