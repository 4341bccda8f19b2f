// What the iJw rule files share: the rule and its context, the product classes whose Omvang, Budget
// and Einddatum rules the standard repeats per message, and the kinds of rule written once for
// several classes (per product, overlapping periods, duplicate keys, signed amounts).
import { all, child, num, str, type Node } from './rule-nodes.ts';

export type IjwMessageType =
  | 'JW301' | 'JW302' | 'JW305' | 'JW306' | 'JW307' | 'JW308' | 'JW315' | 'JW316'
  | 'JW317' | 'JW318' | 'JW319' | 'JW320' | 'JW323' | 'JW325';

/** The message types whose content the rules check (see the scope in ../ijw-rules.ts). */
export const IJW_CHECKED_TYPES: readonly IjwMessageType[] = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325'];

export interface RuleContext {
  readonly messageType: IjwMessageType;
  readonly message: Node;
  readonly today: string;
  /** Header/BerichtIdentificatie/Dagtekening */
  readonly dagtekening: string | undefined;
}

export type Report = (pointer: string, detail: string) => void;

export interface IjwRule {
  /** the iJw rule code, e.g. CD041 */
  readonly code: string;
  /** the WJ001 retourcode the rule text names, if any */
  readonly retourcode?: string;
  /** the rule as the iJw publication words it */
  readonly text: string;
  readonly messageTypes: readonly IjwMessageType[];
  readonly check: (ctx: RuleContext, report: Report) => void;
}

/** The products whose Omvang/Budget/Einddatum rules the standard shares (XSLT templates per class). */
export interface ProductClass {
  readonly messageType: IjwMessageType;
  readonly path: readonly string[];
  readonly start: string;
  readonly end: string;
}

export const TOEGEWEZEN: ProductClass = { messageType: 'JW301', path: ['Client', 'ToegewezenProducten', 'ToegewezenProduct'], start: 'Ingangsdatum', end: 'Einddatum' };
export const AANGEVRAAGD: ProductClass = { messageType: 'JW315', path: ['Client', 'AangevraagdeProducten', 'AangevraagdProduct'], start: 'ToewijzingIngangsdatum', end: 'ToewijzingEinddatum' };
export const TE_WIJZIGEN: ProductClass = { messageType: 'JW317', path: ['Client', 'Verzoek', 'TeWijzigenProducten', 'TeWijzigenProduct'], start: 'GewensteIngangsdatum', end: 'Einddatum' };
export const NIEUW: ProductClass = { messageType: 'JW317', path: ['Client', 'Verzoek', 'NieuweProducten', 'NieuwProduct'], start: 'GewensteIngangsdatum', end: 'Einddatum' };

export const typesOf = (classes: readonly ProductClass[]): IjwMessageType[] => [...new Set(classes.map((c) => c.messageType))];
export const productsOf = (ctx: RuleContext, classes: readonly ProductClass[]): { product: Node; cls: ProductClass }[] =>
  classes.filter((c) => c.messageType === ctx.messageType).flatMap((cls) => all(ctx.message, ...cls.path).map((product) => ({ product, cls })));

/** A rule over each product of some product classes. */
export function productRule(
  code: string,
  text: string,
  classes: readonly ProductClass[],
  check: (product: Node, cls: ProductClass, report: Report, ctx: RuleContext) => void,
): IjwRule {
  return {
    code,
    retourcode: '0001',
    text,
    messageTypes: typesOf(classes),
    check: (ctx, report) => {
      for (const { product, cls } of productsOf(ctx, classes)) check(product, cls, report, ctx);
    },
  };
}

/** "Einddatum groter dan 31-12-2020 of leeg": the threshold of CD080/CD095/CD096 and CS338/CS343. */
export const endsAfter2020 = (product: Node, cls: ProductClass): boolean => {
  const end = str(product, cls.end);
  return end === undefined || end > '2020-12-31';
};

/** Value of an Omvang field of a product. */
export const omvang = (product: Node, key: string): string | undefined => str(child(product, 'Omvang'), key);

/** The XSLT's checkafter: `later` must not be before `earlier` (both present). */
export function notBefore(later: string | undefined, earlier: string | undefined): boolean {
  return later === undefined || earlier === undefined || later >= earlier;
}

/** TR101: report every repetition of a logical key among sibling objects. */
export function reportDuplicates(nodes: readonly Node[], key: (n: Node) => unknown[], report: Report, what: string): void {
  const seen = new Set<string>();
  for (const n of nodes) {
    const k = JSON.stringify(key(n).map((v) => v ?? null));
    if (seen.has(k)) report(n.pointer, `${what} occurs more than once with the same logical key`);
    seen.add(k);
  }
}

/** Groups of sibling objects: each array at `arrayPath` under each parent at `parentPath`. */
export const siblings = (ctx: RuleContext, parentPath: readonly string[], arrayKey: string): Node[][] =>
  all(ctx.message, ...parentPath).map((parent) => all(parent, arrayKey));

/**
 * TR302/TR386/TR410: two products "are the same product" as the XSLT decides it: equal code and
 * equal category; or one lacks a code and the categories are equal; or one has neither.
 */
export function sameProduct(a: Node, b: Node): boolean {
  const pa = child(a, 'Product');
  const pb = child(b, 'Product');
  const codeA = str(pa, 'Code');
  const codeB = str(pb, 'Code');
  const catA = str(pa, 'Categorie');
  const catB = str(pb, 'Categorie');
  if (codeA !== undefined && codeB !== undefined && codeA === codeB && catA !== undefined && catA === catB) return true;
  if ((codeA === undefined || codeB === undefined) && catA !== undefined && catA === catB) return true;
  return (codeA === undefined && catA === undefined) || (codeB === undefined && catB === undefined);
}

/** The XSLT's isPeriodOverlay, open ends included. */
export function periodsOverlap(a: Node, b: Node, start: string, end: string): boolean {
  const aStart = str(a, start);
  const aEnd = str(a, end);
  const bStart = str(b, start);
  const bEnd = str(b, end);
  if (aEnd !== undefined && bEnd !== undefined) return !((bStart !== undefined && aEnd < bStart) || (aStart !== undefined && bEnd < aStart));
  if (aEnd !== undefined) return bStart === undefined || aEnd >= bStart;
  if (bEnd !== undefined) return aStart === undefined || bEnd >= aStart;
  return true;
}

export function overlapRule(code: string, text: string, cls: ProductClass, ignore: (p: Node) => boolean = () => false): IjwRule {
  return {
    code,
    retourcode: '0001',
    text,
    messageTypes: [cls.messageType],
    check: (ctx, report) => {
      const products = all(ctx.message, ...cls.path).filter((p) => !ignore(p));
      products.forEach((p, i) => {
        const clash = products.slice(0, i).find((q) => sameProduct(p, q) && periodsOverlap(p, q, cls.start, cls.end));
        if (clash !== undefined) report(p.pointer, `overlaps ${clash.pointer}: the same product twice in overlapping periods`);
      });
    },
  };
}

/** Signed amount of a CDT_(Totaal)BedragMetDC: debit positive, credit negative. */
export function signed(n: Node | undefined, amountKey: 'Bedrag' | 'TotaalBedrag'): number | undefined {
  const amount = num(n, amountKey);
  const dc = str(n, 'DebetCredit');
  if (amount === undefined || (dc !== 'D' && dc !== 'C')) return undefined;
  return dc === 'C' ? -amount : amount;
}

export const HEEN_AND_325: readonly IjwMessageType[] = IJW_CHECKED_TYPES;
export const WITH_BSN: readonly IjwMessageType[] = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW325'];
export const WITH_GEBOORTEDATUM: readonly IjwMessageType[] = ['JW301', 'JW305', 'JW307', 'JW315'];
export const PRESTATIES_323 = ['Declaratie', 'Clienten', 'Client', 'Prestaties', 'Prestatie'] as const;
export const PRESTATIES_325 = ['DeclaratieAntwoord', 'Clienten', 'Client', 'Prestaties', 'Prestatie'] as const;
export const prestaties = (ctx: RuleContext): Node[] =>
  ctx.messageType === 'JW323' ? all(ctx.message, ...PRESTATIES_323) : ctx.messageType === 'JW325' ? all(ctx.message, ...PRESTATIES_325) : [];
