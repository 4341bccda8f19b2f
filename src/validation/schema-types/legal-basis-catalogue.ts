// Generated from schemas/legal-basis-catalogue.schema.json by scripts/generate-schema-types.ts; do not edit by hand.

/**
 * This interface was referenced by `LegalBasisCatalogue`'s JSON-Schema
 * via the `definition` "text".
 */
export type LegalBasisCatalogueText = string;
/**
 * The sector articles, e.g. 'Jw 7.4.0 lid 2'.
 *
 * @minItems 1
 * @maxItems 30
 */
export type Texts = LegalBasisCatalogueText[];
/**
 * This interface was referenced by `LegalBasisCatalogue`'s JSON-Schema
 * via the `definition` "date".
 */
export type LegalBasisCatalogueDate = string;
/**
 * @minItems 1
 * @maxItems 30
 *
 * This interface was referenced by `LegalBasisCatalogue`'s JSON-Schema
 * via the `definition` "texts".
 */
export type LegalBasisCatalogueTexts = LegalBasisCatalogueText[];

/**
 * The legal bases policy rules may name (AVG ground plus sector article, whether consent is needed, version and dates in force) and the register of processing activities (AVG art. 30) per (purpose, legal basis) that audit records point to (Logboek Dataverwerkingen dpl.core.processing_activity_id).
 */
export interface LegalBasisCatalogue {
  version: string;
  description?: string;
  /**
   * @minItems 1
   * @maxItems 500
   */
  legalBases: LegalBasisCatalogueLegalBasis[];
  /**
   * @minItems 1
   * @maxItems 1000
   */
  processingActivities: LegalBasisCatalogueProcessingActivity[];
}
/**
 * This interface was referenced by `LegalBasisCatalogue`'s JSON-Schema
 * via the `definition` "legalBasis".
 */
export interface LegalBasisCatalogueLegalBasis {
  id: string;
  version: number;
  title: LegalBasisCatalogueText;
  avg: {
    /**
     * AVG art. 6(1) grounds.
     *
     * @minItems 1
     * @maxItems 6
     */
    article6: ('a' | 'b' | 'c' | 'd' | 'e' | 'f')[];
    /**
     * AVG art. 9(2) exceptions, for special categories (health).
     *
     * @minItems 1
     * @maxItems 10
     */
    article9?: ('a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j')[];
    /**
     * Criminal-law data, with a basis in member-state law (AVG art. 10).
     */
    article10?: boolean;
  };
  sector: Texts;
  consent: 'not-required' | 'required' | 'no-objection';
  validFrom: LegalBasisCatalogueDate;
  validUntil?: LegalBasisCatalogueDate;
  /**
   * False where domain.md marks the basis [U] (unconfirmed).
   */
  confirmed: boolean;
  note?: string;
}
/**
 * This interface was referenced by `LegalBasisCatalogue`'s JSON-Schema
 * via the `definition` "processingActivity".
 */
export interface LegalBasisCatalogueProcessingActivity {
  id: string;
  version: number;
  title: LegalBasisCatalogueText;
  purpose: string;
  legalBasis: string;
  dataSubjects: LegalBasisCatalogueTexts;
  dataCategories: LegalBasisCatalogueTexts;
  recipients: LegalBasisCatalogueTexts;
  retention: string;
  /**
   * Whether the activity may be hidden from the data subject (e.g. a Raad or police request; LDV design decision, UAVG 41).
   */
  confidential: boolean;
}
