// The legal-basis catalogue (consent/legal-bases.json, schema schemas/legal-basis-catalogue.schema.json):
// every legal basis a policy rule may name, with its AVG ground(s) and sector article(s), whether
// consent is needed, its version and the dates it is in force; and the register of processing
// activities (AVG art. 30) per (purpose, legal basis) that audit records point to. Validated at
// startup: the gateway refuses to start on any problem, naming each.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewayError, type FieldError } from '../src/kernel/gateway-error.ts';
import { repoRoot } from '../src/kernel/repo-root.ts';
import { schemaValidator } from '../src/validation/schema-registry.ts';
import type {
  LegalBasisCatalogue as LegalBasisCatalogueFile,
  LegalBasisCatalogueLegalBasis,
  LegalBasisCatalogueProcessingActivity,
} from '../src/validation/schema-types/legal-basis-catalogue.ts';

export type ConsentMode = 'not-required' | 'required' | 'no-objection';

// The file's shapes are generated from its schema (src/validation/schema-types/legal-basis-catalogue.ts).
export type LegalBasis = Readonly<LegalBasisCatalogueLegalBasis>;
export type ProcessingActivity = Readonly<LegalBasisCatalogueProcessingActivity>;
export type CatalogueFile = LegalBasisCatalogueFile;

export interface LegalBasisCatalogue {
  readonly version: string;
  legalBasis(id: string): LegalBasis | undefined;
  processingActivity(id: string): ProcessingActivity | undefined;
  /** True when the basis is in force on the date (YYYY-MM-DD). */
  inForce(id: string, date: string): boolean;
  /** The AVG and sector articles of a basis as one line, e.g. "AVG 6(1)(c); Jw 7.4.0 lid 2". */
  citation(id: string): string | undefined;
}

export const defaultCatalogueFile = resolve(repoRoot, 'consent/legal-bases.json');

function invalid(file: string, errors: FieldError[]): GatewayError {
  return new GatewayError('policy-file-invalid', { detail: `${file}: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`, errors });
}

/** Reads and validates a catalogue file; every problem is reported at once. */
export function loadLegalBasisCatalogue(file: string = defaultCatalogueFile): LegalBasisCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GatewayError('policy-file-invalid', { detail: `cannot read legal-basis catalogue ${file}: ${(cause as Error).message}` });
  }
  const schema = schemaValidator<CatalogueFile>('legal-basis-catalogue.schema.json');
  if (!schema.is(raw)) throw invalid(file, schema.check(raw));
  const errors: FieldError[] = [];
  const bases = new Map<string, LegalBasis>();
  raw.legalBases.forEach((b, i) => {
    if (bases.has(b.id)) errors.push({ pointer: `/legalBases/${i}/id`, detail: `duplicate legal basis "${b.id}"` });
    if (b.validUntil !== undefined && b.validUntil < b.validFrom) errors.push({ pointer: `/legalBases/${i}/validUntil`, detail: 'is before validFrom' });
    bases.set(b.id, b);
  });
  const activities = new Map<string, ProcessingActivity>();
  raw.processingActivities.forEach((a, i) => {
    if (activities.has(a.id)) errors.push({ pointer: `/processingActivities/${i}/id`, detail: `duplicate processing activity "${a.id}"` });
    if (!bases.has(a.legalBasis)) errors.push({ pointer: `/processingActivities/${i}/legalBasis`, detail: `processing activity "${a.id}" names unknown legal basis "${a.legalBasis}"` });
    activities.set(a.id, a);
  });
  if (errors.length > 0) throw invalid(file, errors);
  return {
    version: raw.version,
    legalBasis: (id) => bases.get(id),
    processingActivity: (id) => activities.get(id),
    inForce(id, date) {
      const b = bases.get(id);
      return b !== undefined && b.validFrom <= date && (b.validUntil === undefined || date <= b.validUntil);
    },
    citation(id) {
      const b = bases.get(id);
      if (b === undefined) return undefined;
      const avg = [
        `AVG 6(1)(${b.avg.article6.join(')/(')})`,
        ...(b.avg.article9 ? [`9(2)(${b.avg.article9.join(')/(')})`] : []),
        ...(b.avg.article10 === true ? ['10'] : []),
      ].join(', ');
      return [avg, ...b.sector].join('; ');
    },
  };
}
