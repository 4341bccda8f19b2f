// Stapeling: the same product for one child and aanbieder in (partly) the same period, which the iJw
// forbids in a verzoek om wijziging (TR361), a toewijzing (OP259) and a verzoek om toewijzing beside a
// current toewijzing (OP307). "The same product" is read as the rules word it: a specific product
// (Categorie and Code) is the same Code; without a Code, the same Categorie; without a Categorie (a
// generic product) any other product is the same.
import type { IsoDay } from '../kernel/dutch-working-days.ts';
import type { Product } from './care-path-run.ts';

/** A product over a period; an open end (no Einddatum) runs on. */
export interface ProductPeriod {
  readonly product: Product;
  readonly from: IsoDay;
  readonly to: IsoDay | undefined;
}

/** The Product of a recorded fact (a toewijzing), without its other fields. */
export const productOfFact = (f: Product): Product => ({ ...(f.categorie !== undefined ? { categorie: f.categorie } : {}), ...(f.code !== undefined ? { code: f.code } : {}) });

/** Whether two products count as the same for stapeling. */
export function sameForStapeling(a: Product, b: Product): boolean {
  if (a.categorie === undefined || b.categorie === undefined) return true;
  if (a.code !== undefined && b.code !== undefined) return a.categorie === b.categorie && a.code === b.code;
  return a.categorie === b.categorie;
}

/** Whether two periods share a day. */
export function overlaps(a: Pick<ProductPeriod, 'from' | 'to'>, b: Pick<ProductPeriod, 'from' | 'to'>): boolean {
  return (b.to === undefined || a.from <= b.to) && (a.to === undefined || b.from <= a.to);
}

/** Whether two products in their periods stack. */
export const stacks = (a: ProductPeriod, b: ProductPeriod): boolean => sameForStapeling(a.product, b.product) && overlaps(a, b);

/** The product and period of a product line of a message or a toewijzing, for a detail text. */
export const describe = (p: ProductPeriod): string => `${p.product.code ?? p.product.categorie ?? 'generiek product'} ${p.from}..${p.to ?? ''}`;
