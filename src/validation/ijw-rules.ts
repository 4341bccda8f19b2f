// The iJw 3.2 rules a gateway can check cheaply, inside one message and without state: conditions
// (CD), constraints (CS) and the technical rules (TR) the official validation XSLT checks, plus the
// register checks that need only a list the gateway ships (TR378, CBS gemeentecodes) or the date
// (TR135). Each rule names its code and, where the rule text gives one, its retourcode (WJ001).
//
// Sources: the iJw 3.2 rules (regels/condities-constraints, regels/technische-regels in the reference
// copy) and, for exactly which elements a rule applies to, the official iJw 3.2 validation XSLT
// (XSLTVersie 2.10.5, history copy "alle regels JW 3.2.xsl" in i-Sociaal-Lab/jaapjunior).
//
// Scope:
// - The rules run on a message that is valid against its JSON Schema (message-validator.ts runs them
//   only then), so shapes and value formats are known; the code stays defensive anyway.
// - Like the XSLT, they apply to the heen messages and the declaratie-antwoord (JW301, JW305, JW307,
//   JW315, JW317, JW319, JW323, JW325). A retour (JW302, JW306, JW308, JW316, JW318, JW320) copies its
//   heen message including any fault it reports with a retourcode; checking its content would block
//   the very report of that fault. Retours get the schema checks only.
// - Not here: rules that need earlier messages (TR019, TR056, TR063, TR304, TR314, TR347, TR355, ...),
//   external registers other than the CBS list (TR346 contract prices, TR381 product code lists, AGB
//   existence), and TR101's keys for the classes whose keys the XSLT copy did not show us
//   (OngewijzigdProduct, NieuwProduct).
//
// Rules never read the clock: `today` (YYYY-MM-DD) is an argument.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { isBsn, isGemeentecode } from './identifiers.ts';
import { addDays, addMonths, addYears, isIjwDate } from '../kernel/dates.ts';
import { joinPointer } from '../kernel/json-pointer.ts';

export type IjwMessageType =
  | 'JW301' | 'JW302' | 'JW305' | 'JW306' | 'JW307' | 'JW308' | 'JW315' | 'JW316'
  | 'JW317' | 'JW318' | 'JW319' | 'JW320' | 'JW323' | 'JW325';

/** The message types whose content the rules check (see Scope above). */
export const IJW_CHECKED_TYPES: readonly IjwMessageType[] = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323', 'JW325'];

// ---------------------------------------------------------------------------------------------
// Navigating the JSON form with pointers

type JsonRecord = Readonly<Record<string, unknown>>;

/** An object in the message and its RFC 6901 pointer (relative to the message). */
interface Node {
  readonly value: JsonRecord;
  readonly pointer: string;
}

const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (n: Node, key: string): unknown => (Object.hasOwn(n.value, key) ? n.value[key] : undefined);
const ptr = (n: Node, ...keys: string[]): string => joinPointer(n.pointer, ...keys);
const has = (n: Node | undefined, key: string): boolean => n !== undefined && own(n, key) !== undefined;

function str(n: Node | undefined, key: string): string | undefined {
  if (n === undefined) return undefined;
  const v = own(n, key);
  return typeof v === 'string' ? v : undefined;
}

function num(n: Node | undefined, key: string): number | undefined {
  if (n === undefined) return undefined;
  const v = own(n, key);
  return typeof v === 'number' ? v : undefined;
}

/** A date-valued field, only if it is a real YYYY-MM-DD date (the schema guarantees it; be safe). */
function date(n: Node | undefined, key: string): string | undefined {
  const v = str(n, key);
  return v !== undefined && isIjwDate(v) ? v : undefined;
}

function child(n: Node | undefined, key: string): Node | undefined {
  if (n === undefined) return undefined;
  const v = own(n, key);
  return isRecord(v) ? { value: v, pointer: ptr(n, key) } : undefined;
}

/** The objects at a path; arrays on the way are expanded (each element with its index). */
function all(n: Node | undefined, ...path: string[]): Node[] {
  let current: Node[] = n === undefined ? [] : [n];
  for (const key of path) {
    const next: Node[] = [];
    for (const c of current) {
      const v = own(c, key);
      if (Array.isArray(v)) {
        v.forEach((item, i) => {
          if (isRecord(item)) next.push({ value: item, pointer: `${ptr(c, key)}/${i}` });
        });
      } else if (isRecord(v)) {
        next.push({ value: v, pointer: ptr(c, key) });
      }
    }
    current = next;
  }
  return current;
}

/** Every object held under `key` anywhere in the message, depth first. */
function everywhere(root: Node, key: string): Node[] {
  const found: Node[] = [];
  const walk = (n: Node): void => {
    for (const [k, v] of Object.entries(n.value)) {
      const items = Array.isArray(v) ? (v as unknown[]).map((item, i) => ({ item, pointer: `${ptr(n, k)}/${i}` })) : [{ item: v, pointer: ptr(n, k) }];
      for (const { item, pointer } of items) {
        if (!isRecord(item)) continue;
        const node = { value: item, pointer };
        if (k === key) found.push(node);
        walk(node);
      }
    }
  };
  walk(root);
  return found;
}

/** Every string value held under `key` anywhere in the message, with its pointer. */
function stringsEverywhere(root: Node, key: string): { value: string; pointer: string }[] {
  const found: { value: string; pointer: string }[] = [];
  const walk = (n: Node): void => {
    for (const [k, v] of Object.entries(n.value)) {
      if (k === key && typeof v === 'string') found.push({ value: v, pointer: ptr(n, k) });
      const items = Array.isArray(v) ? (v as unknown[]).map((item, i) => ({ item, pointer: `${ptr(n, k)}/${i}` })) : [{ item: v, pointer: ptr(n, k) }];
      for (const { item, pointer } of items) if (isRecord(item)) walk({ value: item, pointer });
    }
  };
  walk(root);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Rules

interface RuleContext {
  readonly messageType: IjwMessageType;
  readonly message: Node;
  readonly today: string;
  /** Header/BerichtIdentificatie/Dagtekening */
  readonly dagtekening: string | undefined;
}

type Report = (pointer: string, detail: string) => void;

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
interface ProductClass {
  readonly messageType: IjwMessageType;
  readonly path: readonly string[];
  readonly start: string;
  readonly end: string;
}

const TOEGEWEZEN: ProductClass = { messageType: 'JW301', path: ['Client', 'ToegewezenProducten', 'ToegewezenProduct'], start: 'Ingangsdatum', end: 'Einddatum' };
const AANGEVRAAGD: ProductClass = { messageType: 'JW315', path: ['Client', 'AangevraagdeProducten', 'AangevraagdProduct'], start: 'ToewijzingIngangsdatum', end: 'ToewijzingEinddatum' };
const TE_WIJZIGEN: ProductClass = { messageType: 'JW317', path: ['Client', 'Verzoek', 'TeWijzigenProducten', 'TeWijzigenProduct'], start: 'GewensteIngangsdatum', end: 'Einddatum' };
const NIEUW: ProductClass = { messageType: 'JW317', path: ['Client', 'Verzoek', 'NieuweProducten', 'NieuwProduct'], start: 'GewensteIngangsdatum', end: 'Einddatum' };

const typesOf = (classes: readonly ProductClass[]): IjwMessageType[] => [...new Set(classes.map((c) => c.messageType))];
const productsOf = (ctx: RuleContext, classes: readonly ProductClass[]): { product: Node; cls: ProductClass }[] =>
  classes.filter((c) => c.messageType === ctx.messageType).flatMap((cls) => all(ctx.message, ...cls.path).map((product) => ({ product, cls })));

/** A rule over each product of some product classes. */
function productRule(
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
const endsAfter2020 = (product: Node, cls: ProductClass): boolean => {
  const end = str(product, cls.end);
  return end === undefined || end > '2020-12-31';
};

/** Value of an Omvang field of a product. */
const omvang = (product: Node, key: string): string | undefined => str(child(product, 'Omvang'), key);

/** The XSLT's checkafter: `later` must not be before `earlier` (both present). */
function notBefore(later: string | undefined, earlier: string | undefined): boolean {
  return later === undefined || earlier === undefined || later >= earlier;
}

/** TR101: report every repetition of a logical key among sibling objects. */
function reportDuplicates(nodes: readonly Node[], key: (n: Node) => unknown[], report: Report, what: string): void {
  const seen = new Set<string>();
  for (const n of nodes) {
    const k = JSON.stringify(key(n).map((v) => v ?? null));
    if (seen.has(k)) report(n.pointer, `${what} occurs more than once with the same logical key`);
    seen.add(k);
  }
}

/** Groups of sibling objects: each array at `arrayPath` under each parent at `parentPath`. */
const siblings = (ctx: RuleContext, parentPath: readonly string[], arrayKey: string): Node[][] =>
  all(ctx.message, ...parentPath).map((parent) => all(parent, arrayKey));

/**
 * TR302/TR386/TR410: two products "are the same product" as the XSLT decides it: equal code and
 * equal category; or one lacks a code and the categories are equal; or one has neither.
 */
function sameProduct(a: Node, b: Node): boolean {
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
function periodsOverlap(a: Node, b: Node, start: string, end: string): boolean {
  const aStart = str(a, start);
  const aEnd = str(a, end);
  const bStart = str(b, start);
  const bEnd = str(b, end);
  if (aEnd !== undefined && bEnd !== undefined) return !((bStart !== undefined && aEnd < bStart) || (aStart !== undefined && bEnd < aStart));
  if (aEnd !== undefined) return bStart === undefined || aEnd >= bStart;
  if (bEnd !== undefined) return aStart === undefined || bEnd >= aStart;
  return true;
}

function overlapRule(code: string, text: string, cls: ProductClass, ignore: (p: Node) => boolean = () => false): IjwRule {
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
function signed(n: Node | undefined, amountKey: 'Bedrag' | 'TotaalBedrag'): number | undefined {
  const amount = num(n, amountKey);
  const dc = str(n, 'DebetCredit');
  if (amount === undefined || (dc !== 'D' && dc !== 'C')) return undefined;
  return dc === 'C' ? -amount : amount;
}

const HEEN_AND_325: readonly IjwMessageType[] = IJW_CHECKED_TYPES;
const WITH_BSN: readonly IjwMessageType[] = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW325'];
const WITH_GEBOORTEDATUM: readonly IjwMessageType[] = ['JW301', 'JW305', 'JW307', 'JW315'];
const PRESTATIES_323 = ['Declaratie', 'Clienten', 'Client', 'Prestaties', 'Prestatie'] as const;
const PRESTATIES_325 = ['DeclaratieAntwoord', 'Clienten', 'Client', 'Prestaties', 'Prestatie'] as const;
const prestaties = (ctx: RuleContext): Node[] =>
  ctx.messageType === 'JW323' ? all(ctx.message, ...PRESTATIES_323) : ctx.messageType === 'JW325' ? all(ctx.message, ...PRESTATIES_325) : [];

export const ijwRules: readonly IjwRule[] = [
  // ---- Header ---------------------------------------------------------------------------------
  {
    // iJw TR135 (retourcode 8848, "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen").
    code: 'TR135',
    retourcode: '8848',
    text: 'Vullen met een bestaande datum die niet in de toekomst ligt.',
    messageTypes: HEEN_AND_325,
    check: (ctx, report) => {
      if (ctx.dagtekening !== undefined && ctx.dagtekening > ctx.today) {
        report('/Header/BerichtIdentificatie/Dagtekening', `Dagtekening ${ctx.dagtekening} lies in the future (today is ${ctx.today})`);
      }
    },
  },
  {
    // iJw TR378 (retourcode S300). The list "actueel op Ingangsdatum of ToewijzingIngangsdatum" may be
    // an older one after a municipal merger, so a code valid on the Dagtekening or on any product's
    // (Toewijzing)Ingangsdatum in the message is accepted. The header field that holds a gemeentecode
    // is the four-digit one (the schema has checked Afzender/Ontvanger against LDT_Gemeente/LDT_AgbCode).
    code: 'TR378',
    retourcode: 'S300',
    text: 'Vullen met een bestaande gemeentecode uit het overzicht van CBS dat actueel is op Ingangsdatum of ToewijzingIngangsdatum.',
    messageTypes: HEEN_AND_325,
    check: (ctx, report) => {
      const dates = [ctx.dagtekening]
        .concat(all(ctx.message, ...TOEGEWEZEN.path).map((p) => date(p, TOEGEWEZEN.start)))
        .concat(all(ctx.message, ...AANGEVRAAGD.path).map((p) => date(p, AANGEVRAAGD.start)))
        .filter((d): d is string => d !== undefined);
      const header = child(ctx.message, 'Header');
      const codes = ['Afzender', 'Ontvanger']
        .map((k) => ({ value: str(header, k), pointer: `/Header/${k}` }))
        .filter((c): c is { value: string; pointer: string } => c.value !== undefined && /^[0-9]{4}$/.test(c.value));
      for (const wpb of all(ctx.message, 'Antwoord', 'Woonplaatsbeginsel')) {
        const g = str(wpb, 'Gemeente');
        if (g !== undefined) codes.push({ value: g, pointer: ptr(wpb, 'Gemeente') });
      }
      for (const c of codes) {
        if (!dates.some((d) => isGemeentecode(c.value, d))) report(c.pointer, `gemeentecode ${c.value} is not in the CBS list of municipalities`);
      }
    },
  },

  // ---- Client and persons -------------------------------------------------------------------
  {
    // iJw CS002: every Bsn passes the 11-test (XSLT check11proef on every element named Bsn).
    code: 'CS002',
    retourcode: '0001',
    text: 'De waarde moet voldoen aan de 11-proef.',
    messageTypes: WITH_BSN,
    check: (ctx, report) => {
      for (const bsn of stringsEverywhere(ctx.message, 'Bsn')) {
        if (!isBsn(bsn.value)) report(bsn.pointer, 'not a valid BSN: it fails the 11-test');
      }
    },
  },
  {
    // iJw CS139; XSLT: DatumGebruik 3 needs Datum 1900-01-01, 2 needs day and month 01-01, 1 needs day 01.
    code: 'CS139',
    retourcode: '0001',
    text: 'Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming moeten zijn.',
    messageTypes: WITH_GEBOORTEDATUM,
    check: (ctx, report) => {
      for (const g of everywhere(ctx.message, 'Geboortedatum')) {
        const gebruik = str(g, 'DatumGebruik');
        const datum = str(g, 'Datum') ?? '';
        const ok =
          gebruik === undefined ||
          (gebruik === '3' && datum === '1900-01-01') ||
          (gebruik === '2' && datum.endsWith('-01-01')) ||
          (gebruik === '1' && datum.endsWith('-01'));
        if (!ok) report(ptr(g, 'Datum'), `Datum ${datum} does not agree with DatumGebruik ${gebruik}`);
      }
    },
  },
  {
    // iJw TR002; XSLT: Datum + 120 years must not be before the Dagtekening, unless the birth date is
    // unknown (DatumGebruik 3 with Datum 1900-01-01).
    code: 'TR002',
    retourcode: '0001',
    text: 'Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij Geboortedatum onbekend is.',
    messageTypes: WITH_GEBOORTEDATUM,
    check: (ctx, report) => {
      if (ctx.dagtekening === undefined) return;
      for (const g of everywhere(ctx.message, 'Geboortedatum')) {
        const datum = date(g, 'Datum');
        if (datum === undefined || (str(g, 'DatumGebruik') === '3' && datum === '1900-01-01')) continue;
        if (addYears(datum, 120) < ctx.dagtekening) report(ptr(g, 'Datum'), 'lies more than 120 years before the Dagtekening');
      }
    },
  },
  {
    // iJw TR134; XSLT per message: birth dates, Toewijzingsdatum, Start/Stop dates and the begin of
    // declaration periods must not lie after the message's Dagtekening.
    code: 'TR134',
    retourcode: '0001',
    text: 'Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht.',
    messageTypes: ['JW301', 'JW305', 'JW307', 'JW315', 'JW323', 'JW325'],
    check: (ctx, report) => {
      if (ctx.dagtekening === undefined) return;
      // [path to the parent object, date field]
      const targets = new Map<IjwMessageType, readonly (readonly [readonly string[], string])[]>([
        ['JW301', [[['Client', 'Geboortedatum'], 'Datum'], [['Client', 'Relaties', 'Relatie', 'Geboortedatum'], 'Datum'], [TOEGEWEZEN.path, 'Toewijzingsdatum']]],
        ['JW305', [[['Client', 'Geboortedatum'], 'Datum'], [['Client', 'StartProducten', 'StartProduct'], 'Begindatum']]],
        ['JW307', [[['Client', 'Geboortedatum'], 'Datum'], [['Client', 'StopProducten', 'StopProduct'], 'Einddatum']]],
        ['JW315', [[['Client', 'Geboortedatum'], 'Datum']]],
        ['JW323', [[['Declaratie', 'DeclaratiePeriode'], 'Begindatum'], [[...PRESTATIES_323, 'ProductPeriode'], 'Begindatum']]],
        ['JW325', [[[...PRESTATIES_325, 'ProductPeriode'], 'Begindatum']]],
      ]);
      for (const [path, field] of targets.get(ctx.messageType) ?? []) {
        for (const parent of all(ctx.message, ...path)) {
          const d = date(parent, field);
          if (d !== undefined && d > ctx.dagtekening) report(ptr(parent, field), `${d} lies after the Dagtekening ${ctx.dagtekening}`);
        }
      }
    },
  },
  {
    // iJw CS318 (JW301 Client/Naam only).
    code: 'CS318',
    retourcode: '0001',
    text: 'NaamGebruik 6 (Niet-natuurlijk persoon) niet vullen.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      const naam = child(child(ctx.message, 'Client'), 'Naam');
      if (naam !== undefined && str(naam, 'NaamGebruik') === '6') report(ptr(naam, 'NaamGebruik'), 'NaamGebruik 6 (niet-natuurlijk persoon) is not allowed for a client');
    },
  },
  {
    // iJw CS050 (JW301 Client and Relatie names, CDT_VolledigeNaam).
    code: 'CS050',
    retourcode: '0001',
    text: 'Als Partnernaam gevuld is, dan NaamGebruik vullen met waarde 1, 2, 3 of 4. Anders waarde 1 of 6 vullen.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      const names = [...all(ctx.message, 'Client', 'Naam'), ...all(ctx.message, 'Client', 'Relaties', 'Relatie', 'Naam')];
      for (const naam of names) {
        const gebruik = str(naam, 'NaamGebruik');
        if (gebruik === undefined) continue;
        const allowed = has(naam, 'Partnernaam') ? ['1', '2', '3', '4'] : ['1', '6'];
        if (!allowed.includes(gebruik)) {
          report(ptr(naam, 'NaamGebruik'), `NaamGebruik ${gebruik} is not allowed ${has(naam, 'Partnernaam') ? 'with' : 'without'} a Partnernaam (allowed: ${allowed.join(', ')})`);
        }
      }
    },
  },
  {
    // iJw CD007; XSLT checksame: Taal is filled exactly when Vorm is 1 (tolk taal).
    code: 'CD007',
    retourcode: '0001',
    text: 'Als Communicatie / Vorm de waarde 1 (tolk taal) heeft, dan verplicht vullen, anders leeglaten.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const c of everywhere(ctx.message, 'Communicatie')) {
        const tolk = str(c, 'Vorm') === '1';
        if (tolk !== has(c, 'Taal')) report(ptr(c, 'Taal'), tolk ? 'Taal is required when Vorm is 1 (tolk taal)' : 'Taal must be empty unless Vorm is 1 (tolk taal)');
      }
    },
  },

  // ---- Contacts and addresses (JW301) --------------------------------------------------------
  {
    // iJw CD009 (JW301 Contact/Periode).
    code: 'CD009',
    retourcode: '0001',
    text: 'Alleen als Soort adres de waarde 04 (tijdelijk adres) heeft, is vullen toegestaan.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const contact of everywhere(ctx.message, 'Contact')) {
        if (has(contact, 'Periode') && str(contact, 'Soort') !== '04') report(ptr(contact, 'Periode'), 'Periode is only allowed for Soort 04 (tijdelijk verblijfadres)');
      }
    },
  },
  {
    // iJw CD005; XSLT checkempty both ways: Postcode and LandCode are filled together.
    code: 'CD005',
    retourcode: '0001',
    text: 'Als Postcode gevuld is, dan verplicht vullen, anders leeg laten.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const adres of everywhere(ctx.message, 'Adres')) {
        if (has(adres, 'Postcode') && !has(adres, 'LandCode')) report(ptr(adres, 'LandCode'), 'LandCode is required when Postcode is filled');
        if (has(adres, 'LandCode') && !has(adres, 'Postcode')) report(ptr(adres, 'Postcode'), 'Postcode is required when LandCode is filled');
      }
    },
  },
  {
    // iJw CD025; XSLT: LandCode NL requires Huis/Huisnummer.
    code: 'CD025',
    retourcode: '0001',
    text: 'Als Adres / LandCode de waarde NL (Nederland) heeft, dan verplicht vullen.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const adres of everywhere(ctx.message, 'Adres')) {
        if (str(adres, 'LandCode') === 'NL' && num(child(adres, 'Huis'), 'Huisnummer') === undefined) {
          report(ptr(adres, 'Huis'), 'Huis with Huisnummer is required for an address in the Netherlands');
        }
      }
    },
  },
  {
    // iJw CD034; XSLT: Contact Soort 01 or 03 requires Adres/Postcode.
    code: 'CD034',
    retourcode: '0001',
    text: 'Als Soort adres de waarde 1 (BRP-adres) of 3 (verblijfadres) heeft, dan verplicht vullen.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const contact of everywhere(ctx.message, 'Contact')) {
        const soort = str(contact, 'Soort');
        if ((soort === '01' || soort === '03') && !has(child(contact, 'Adres'), 'Postcode')) {
          report(ptr(contact, 'Adres', 'Postcode'), `Postcode is required for Soort ${soort}`);
        }
      }
    },
  },
  {
    // iJw CS089; XSLT pattern "1000ZZ": a digit 1-9, three digits, two letters (either case), no space.
    // An absent Postcode is CD005's and CD034's business.
    code: 'CS089',
    retourcode: '0001',
    text: 'Als LandCode de waarde NL (Nederland) heeft, dan moet het formaat overeenkomen met dat van een Nederlandse postcode.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const adres of everywhere(ctx.message, 'Adres')) {
        const postcode = str(adres, 'Postcode');
        if (str(adres, 'LandCode') === 'NL' && postcode !== undefined && !/^[1-9][0-9]{3}[a-zA-Z]{2}$/.test(postcode)) {
          report(ptr(adres, 'Postcode'), `${postcode} is not a Dutch postcode (1234AB)`);
        }
      }
    },
  },
  {
    // iJw TR006 (XSLT: every Contact, of the client and of relations).
    code: 'TR006',
    retourcode: '0001',
    text: 'De berichtklasse Contact moet een berichtelement Telefoon, en/of de combinatie Huis en Postcode bevatten.',
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      for (const contact of everywhere(ctx.message, 'Contact')) {
        const adres = child(contact, 'Adres');
        if (!has(contact, 'Telefoon') && !(has(adres, 'Huis') && has(adres, 'Postcode'))) {
          report(contact.pointer, 'a Contact needs Telefoon, or Adres with Huis and Postcode');
        }
      }
    },
  },
  {
    // iJw TR061 (XSLT: Client/Contactgegevens).
    code: 'TR061',
    retourcode: '0001',
    text: "Bij een Client moet minimaal één Adres voorkomen waarvan Soort de waarde '01' (BRP-adres), '02' (Correspondentie-adres) of '03' (Verblijfadres) heeft.",
    messageTypes: ['JW301'],
    check: (ctx, report) => {
      const gegevens = child(child(ctx.message, 'Client'), 'Contactgegevens');
      if (gegevens === undefined) return;
      const soorten = all(gegevens, 'Contact').map((c) => str(c, 'Soort'));
      if (!soorten.some((s) => s === '01' || s === '02' || s === '03')) {
        report(gegevens.pointer, 'the client needs at least one Contact with Soort 01, 02 or 03');
      }
    },
  },

  // ---- Products: Omvang, Budget, Einddatum --------------------------------------------------
  productRule('CD041', 'Indien Code in Product gevuld is, verplicht vullen.', [TOEGEWEZEN, AANGEVRAAGD, NIEUW], (p, _c, report) => {
    // iJw CD041 (Omvang; with TR411 across messages).
    if (has(child(p, 'Product'), 'Code') && !has(p, 'Omvang')) report(ptr(p, 'Omvang'), 'Omvang is required when Product/Code is filled');
  }),
  productRule('CD075', 'Verplicht vullen indien Budget gevuld is', [TOEGEWEZEN, AANGEVRAAGD, TE_WIJZIGEN, NIEUW], (p, cls, report) => {
    // iJw CD075 (Einddatum / ToewijzingEinddatum).
    if (has(p, 'Budget') && !has(p, cls.end)) report(ptr(p, cls.end), `${cls.end} is required when Budget is filled`);
  }),
  productRule('CD076', 'Verplicht vullen indien Frequentie waarde 2 (per week)', [TOEGEWEZEN, AANGEVRAAGD, TE_WIJZIGEN, NIEUW], (p, cls, report) => {
    // iJw CD076 (Einddatum / ToewijzingEinddatum).
    if (omvang(p, 'Frequentie') === '2' && !has(p, cls.end)) report(ptr(p, cls.end), `${cls.end} is required when Frequentie is 2 (per week)`);
  }),
  productRule('CD077', 'Indien Budget gevuld is, dan leeg laten', [TOEGEWEZEN, AANGEVRAAGD, TE_WIJZIGEN, NIEUW], (p, _c, report) => {
    // iJw CD077 (Omvang).
    if (has(p, 'Budget') && has(p, 'Omvang')) report(ptr(p, 'Omvang'), 'Omvang must be empty when Budget is filled');
  }),
  productRule('CD078', 'Indien Omvang gevuld is, dan leeg laten', [TOEGEWEZEN, AANGEVRAAGD, TE_WIJZIGEN, NIEUW], (p, _c, report) => {
    // iJw CD078 (Budget).
    if (has(p, 'Omvang') && has(p, 'Budget')) report(ptr(p, 'Budget'), 'Budget must be empty when Omvang is filled');
  }),
  productRule('CD079', 'Indien Budget leeg is, dan verplicht vullen', [TOEGEWEZEN, AANGEVRAAGD, NIEUW], (p, _c, report) => {
    // iJw CD079 (Product).
    if (!has(p, 'Budget') && !has(p, 'Product')) report(ptr(p, 'Product'), 'Product is required when Budget is empty');
  }),
  ...(
    [
      // iJw CD080 (JW301), CD095 (JW315), CD096 (JW317 NieuwProduct): no Omvang without a product code.
      ['CD080', 'Indien Code in Product leeg is en Einddatum van het ToegewezenProduct groter dan 31-12-2020 of leeg is, dan leeg laten', TOEGEWEZEN],
      ['CD095', 'Indien Code in AangevraagdProduct leeg is en ToewijzingEinddatum van het AangevraagdProduct groter dan 31-12-2020 of leeg is, dan leeg laten', AANGEVRAAGD],
      ['CD096', 'Indien Code in NieuwProduct leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten', NIEUW],
    ] as const
  ).map(([code, text, cls]) =>
    productRule(code, text, [cls], (p, c, report) => {
      if (has(p, 'Omvang') && !has(child(p, 'Product'), 'Code') && endsAfter2020(p, c)) {
        report(ptr(p, 'Omvang'), 'Omvang must be empty when Product/Code is empty (for assignments ending after 2020)');
      }
    }),
  ),
  ...(
    [
      // iJw CS338 (JW301, JW317) and CS343 (JW315): units that are not per-day need frequency 2, 4 or 6.
      ['CS338', 'Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan 31-12-2020 of leeg is, dan Frequentie vullen met de waarde 2 , 4 of 6', [TOEGEWEZEN, TE_WIJZIGEN, NIEUW]],
      ['CS343', 'Indien eenheid de waarde 14, 16, 83 of 84 heeft en ToewijzingEinddatum is groter dan 31-12-2020 of leeg, dan Frequentie vullen met waarde 2, 4 of 6', [AANGEVRAAGD]],
    ] as const
  ).map(([code, text, classes]) =>
    productRule(code, text, classes, (p, c, report) => {
      const eenheid = omvang(p, 'Eenheid');
      const frequentie = omvang(p, 'Frequentie');
      if (eenheid !== undefined && ['14', '16', '83', '84'].includes(eenheid) && endsAfter2020(p, c) && !['2', '4', '6'].includes(frequentie ?? '')) {
        report(ptr(p, 'Omvang', 'Frequentie'), `Eenheid ${eenheid} needs Frequentie 2, 4 or 6`);
      }
    }),
  ),
  {
    // iJw CS003; XSLT checkafter on ToegewezenProduct, AangevraagdProduct, TeWijzigen- and NieuwProduct,
    // and Contact/Periode. Only checked when both dates are present ("Indien van toepassing").
    code: 'CS003',
    retourcode: '0001',
    text: 'Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan de Begindatum (of Ingangsdatum) van de aangeduide periode.',
    messageTypes: ['JW301', 'JW315', 'JW317'],
    check: (ctx, report) => {
      for (const { product, cls } of productsOf(ctx, [TOEGEWEZEN, AANGEVRAAGD, TE_WIJZIGEN, NIEUW])) {
        if (!notBefore(date(product, cls.end), date(product, cls.start))) report(ptr(product, cls.end), `${cls.end} lies before ${cls.start}`);
      }
      if (ctx.messageType !== 'JW301') return;
      for (const periode of all(ctx.message, 'Client', 'Contactgegevens', 'Contact', 'Periode')) {
        if (!notBefore(date(periode, 'Einddatum'), date(periode, 'Begindatum'))) report(ptr(periode, 'Einddatum'), 'Einddatum lies before Begindatum');
      }
    },
  },
  productRule('CS335', 'RedenWijziging 13 (verwijderd) mag alleen gebruikt worden indien de ingangsdatum gelijk is aan de einddatum', [TOEGEWEZEN], (p, _c, report) => {
    // iJw CS335; XSLT checkDateEquals: only when Einddatum is present.
    const end = str(p, 'Einddatum');
    if (str(p, 'RedenWijziging') === '13' && end !== undefined && end !== str(p, 'Ingangsdatum')) {
      report(ptr(p, 'RedenWijziging'), 'RedenWijziging 13 (verwijderd) needs Einddatum equal to Ingangsdatum');
    }
  }),
  productRule('CS336', '01 (Administratieve correctie (vervallen)) niet gebruiken', [TOEGEWEZEN], (p, _c, report) => {
    // iJw CS336.
    if (str(p, 'RedenWijziging') === '01') report(ptr(p, 'RedenWijziging'), 'RedenWijziging 01 (vervallen) must not be used');
  }),
  // iJw TR302: verwijderde toewijzingen (RedenWijziging 01 or 13 with Einddatum = Ingangsdatum) do not count.
  overlapRule('TR302', 'Een Product mag alleen vaker in een toewijzingsbericht voorkomen indien de zorgperiodes elkaar niet overlappen.', TOEGEWEZEN, (p) => {
    const reden = str(p, 'RedenWijziging');
    return (reden === '01' || reden === '13') && str(p, 'Einddatum') !== undefined && str(p, 'Einddatum') === str(p, 'Ingangsdatum');
  }),
  // iJw TR386 (JW315) and TR410 (JW317 NieuwProduct).
  overlapRule('TR386', 'Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de zorgperiodes elkaar niet overlappen.', AANGEVRAAGD),
  overlapRule('TR410', 'Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de zorgperiodes elkaar niet overlappen.', NIEUW),
  {
    // iJw TR101 for the classes whose logical keys the XSLT shows (missing key parts are a value too).
    code: 'TR101',
    retourcode: '0001',
    text: 'Binnen een bericht zijn dubbele regels niet toegestaan.',
    messageTypes: ['JW301', 'JW305', 'JW307', 'JW317', 'JW323', 'JW325'],
    check: (ctx, report) => {
      const productKey = (n: Node): unknown[] => [str(child(n, 'Product'), 'Categorie'), str(child(n, 'Product'), 'Code')];
      const prestatieKey = (n: Node): unknown[] => [str(child(n, 'ProductReferentie'), 'ReferentieNummer'), str(child(n, 'ProductReferentie'), 'VorigReferentieNummer')];
      const groups: [Node[][], (n: Node) => unknown[], string][] = [];
      switch (ctx.messageType) {
        case 'JW301':
          groups.push([siblings(ctx, ['Client', 'Contactgegevens'], 'Contact'), (n) => [str(n, 'Soort')], 'Contact (Soort)']);
          groups.push([siblings(ctx, ['Client', 'Relaties'], 'Relatie'), (n) => [str(n, 'Nummer')], 'Relatie (Nummer)']);
          groups.push([siblings(ctx, ['Client', 'ToegewezenProducten'], 'ToegewezenProduct'), (n) => [num(n, 'ToewijzingNummer')], 'ToegewezenProduct (ToewijzingNummer)']);
          break;
        case 'JW305':
          groups.push([
            siblings(ctx, ['Client', 'StartProducten'], 'StartProduct'),
            (n) => [str(n, 'Begindatum'), ...productKey(n), num(n, 'ToewijzingNummer')],
            'StartProduct (Begindatum, Product, ToewijzingNummer)',
          ]);
          break;
        case 'JW307':
          groups.push([
            siblings(ctx, ['Client', 'StopProducten'], 'StopProduct'),
            (n) => [str(n, 'Begindatum'), str(n, 'Einddatum'), ...productKey(n), str(n, 'RedenBeeindiging'), num(n, 'ToewijzingNummer')],
            'StopProduct (Begindatum, Einddatum, Product, RedenBeeindiging, ToewijzingNummer)',
          ]);
          break;
        case 'JW317':
          groups.push([siblings(ctx, ['Client', 'Verzoek', 'TeWijzigenProducten'], 'TeWijzigenProduct'), (n) => [num(n, 'ToewijzingNummer')], 'TeWijzigenProduct (ToewijzingNummer)']);
          break;
        case 'JW323':
        case 'JW325': {
          const top = ctx.messageType === 'JW323' ? 'Declaratie' : 'DeclaratieAntwoord';
          groups.push([siblings(ctx, [top, 'Clienten'], 'Client'), (n) => [str(n, 'Bsn')], 'Client (Bsn)']);
          groups.push([siblings(ctx, [top, 'Clienten', 'Client', 'Prestaties'], 'Prestatie'), prestatieKey, 'Prestatie (ProductReferentie)']);
          break;
        }
        case 'JW302':
        case 'JW306':
        case 'JW308':
        case 'JW315': // AangevraagdProduct: TR383 (ReferentieAanbieder) covers its key
        case 'JW316':
        case 'JW318':
        case 'JW319':
        case 'JW320':
          break;
      }
      for (const [lists, key, what] of groups) for (const list of lists) reportDuplicates(list, key, report, what);
    },
  },

  // ---- JW315 --------------------------------------------------------------------------------
  productRule('CD043', 'Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten.', [AANGEVRAAGD], (p, _c, report) => {
    // iJw CD043 (BeschikkingIngangsdatum).
    if (has(p, 'BeschikkingNummer') !== has(p, 'BeschikkingIngangsdatum')) {
      report(ptr(p, 'BeschikkingIngangsdatum'), has(p, 'BeschikkingNummer') ? 'BeschikkingIngangsdatum is required with a BeschikkingNummer' : 'BeschikkingIngangsdatum must be empty without a BeschikkingNummer');
    }
  }),
  ...(
    [
      ['CD066', 'Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is gevuld, dan is Naamverwijzer leeg.'],
      ['CD067', 'Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg, dan is Naamverwijzer gevuld.'],
      ['CD068', 'Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is ZorgverlenerCode leeg.'],
    ] as const
  ).map(([code, text]) =>
    productRule(code, text, [AANGEVRAAGD], (p, _c, report) => {
      // iJw CD066-CD068: a referring professional (huisarts, jeugdarts, GI, medisch specialist) is
      // named by AGB code or by name, not both; other referrers carry no AGB code.
      const verwijzer = child(p, 'Verwijzer');
      if (verwijzer === undefined) return;
      const professional = ['02', '03', '04', '05'].includes(str(verwijzer, 'Type') ?? '');
      const agb = has(verwijzer, 'ZorgverlenerCode');
      const naam = has(verwijzer, 'Naam');
      if (code === 'CD066' && professional && agb && naam) report(ptr(verwijzer, 'Naam'), 'Naam must be empty when ZorgverlenerCode is filled');
      if (code === 'CD067' && professional && !agb && !naam) report(ptr(verwijzer, 'Naam'), 'Naam is required when ZorgverlenerCode is empty');
      if (code === 'CD068' && !professional && agb) report(ptr(verwijzer, 'ZorgverlenerCode'), 'ZorgverlenerCode must be empty for this Type');
    }),
  ),
  {
    // iJw TR383.
    code: 'TR383',
    retourcode: '0001',
    text: 'ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht.',
    messageTypes: ['JW315'],
    check: (ctx, report) => {
      const seen = new Set<string>();
      for (const p of all(ctx.message, ...AANGEVRAAGD.path)) {
        const ref = str(p, 'ReferentieAanbieder');
        if (ref === undefined) continue;
        if (seen.has(ref)) report(ptr(p, 'ReferentieAanbieder'), `ReferentieAanbieder ${ref} occurs more than once`);
        seen.add(ref);
      }
    },
  },

  // ---- JW305 / JW307 ------------------------------------------------------------------------
  {
    // iJw CS058 (StartProduct and StopProduct).
    code: 'CS058',
    retourcode: '0001',
    text: '1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen.',
    messageTypes: ['JW305', 'JW307'],
    check: (ctx, report) => {
      const products = [...all(ctx.message, 'Client', 'StartProducten', 'StartProduct'), ...all(ctx.message, 'Client', 'StopProducten', 'StopProduct')];
      for (const p of products) {
        const status = str(p, 'StatusAanlevering');
        if (status !== undefined && status !== '1' && status !== '3') report(ptr(p, 'StatusAanlevering'), `StatusAanlevering ${status} is not allowed (1 or 3)`);
      }
    },
  },
  {
    // iJw TR018 (JW307 StopProduct).
    code: 'TR018',
    retourcode: '0001',
    text: 'Einddatum moet groter dan of gelijk zijn aan Begindatum.',
    messageTypes: ['JW307'],
    check: (ctx, report) => {
      for (const p of all(ctx.message, 'Client', 'StopProducten', 'StopProduct')) {
        if (!notBefore(date(p, 'Einddatum'), date(p, 'Begindatum'))) report(ptr(p, 'Einddatum'), 'Einddatum lies before Begindatum');
      }
    },
  },

  // ---- JW317 --------------------------------------------------------------------------------
  {
    // iJw TR352.
    code: 'TR352',
    retourcode: '0001',
    text: 'Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct voor.',
    messageTypes: ['JW317'],
    check: (ctx, report) => {
      const verzoek = child(child(ctx.message, 'Client'), 'Verzoek');
      if (verzoek !== undefined && all(verzoek, 'OngewijzigdeProducten', 'OngewijzigdProduct').length + all(verzoek, 'TeWijzigenProducten', 'TeWijzigenProduct').length === 0) {
        report(verzoek.pointer, 'a Verzoek needs at least one OngewijzigdProduct or TeWijzigenProduct');
      }
    },
  },
  {
    // iJw TR353.
    code: 'TR353',
    retourcode: '0001',
    text: 'Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor.',
    messageTypes: ['JW317'],
    check: (ctx, report) => {
      const verzoek = child(child(ctx.message, 'Client'), 'Verzoek');
      if (verzoek !== undefined && all(verzoek, 'TeWijzigenProducten', 'TeWijzigenProduct').length + all(verzoek, 'NieuweProducten', 'NieuwProduct').length === 0) {
        report(verzoek.pointer, 'a Verzoek needs at least one TeWijzigenProduct or NieuwProduct');
      }
    },
  },
  productRule('TR380', 'Vullen met een datum die groter is dan de dagtekening van het bericht.', [NIEUW], (p, _c, report, ctx) => {
    // iJw TR380; XSLT checkafterstrict on NieuwProduct/GewensteIngangsdatum.
    const wanted = date(p, 'GewensteIngangsdatum');
    if (wanted !== undefined && ctx.dagtekening !== undefined && wanted <= ctx.dagtekening) {
      report(ptr(p, 'GewensteIngangsdatum'), `GewensteIngangsdatum ${wanted} must lie after the Dagtekening ${ctx.dagtekening}`);
    }
  }),

  // ---- JW319 --------------------------------------------------------------------------------
  {
    // iJw CD085 (Antwoord/RedenAfwijzingVerzoek).
    code: 'CD085',
    retourcode: '0001',
    text: 'Als VerzoekAntwoord de waarde 1 (Verzoek afgewezen) heeft, dan vullen',
    messageTypes: ['JW319'],
    check: (ctx, report) => {
      const antwoord = child(ctx.message, 'Antwoord');
      if (antwoord !== undefined && str(antwoord, 'VerzoekAntwoord') === '1' && !has(antwoord, 'RedenAfwijzingVerzoek')) {
        report(ptr(antwoord, 'RedenAfwijzingVerzoek'), 'RedenAfwijzingVerzoek is required when the request is refused (VerzoekAntwoord 1)');
      }
    },
  },
  {
    // iJw CD086.
    code: 'CD086',
    retourcode: '0001',
    text: 'Als VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek) heeft, dan leeg laten',
    messageTypes: ['JW319'],
    check: (ctx, report) => {
      const antwoord = child(ctx.message, 'Antwoord');
      if (antwoord !== undefined && str(antwoord, 'VerzoekAntwoord') === '2' && has(antwoord, 'RedenAfwijzingVerzoek')) {
        report(ptr(antwoord, 'RedenAfwijzingVerzoek'), 'RedenAfwijzingVerzoek must be empty while the request is being examined (VerzoekAntwoord 2)');
      }
    },
  },
  {
    // iJw TR377.
    code: 'TR377',
    retourcode: '0001',
    text: 'Indien RedenAfwijzingVerzoek de waarde 8 (Woonplaatsbeginsel) heeft, dan berichtklasse Woonplaatsbeginsel opnemen.',
    messageTypes: ['JW319'],
    check: (ctx, report) => {
      const antwoord = child(ctx.message, 'Antwoord');
      if (antwoord !== undefined && str(antwoord, 'RedenAfwijzingVerzoek') === '8' && !has(antwoord, 'Woonplaatsbeginsel')) {
        report(ptr(antwoord, 'Woonplaatsbeginsel'), 'Woonplaatsbeginsel is required with RedenAfwijzingVerzoek 8');
      }
    },
  },
  {
    // iJw TR409 (only when RedenAfwijzingVerzoek is filled, as in the XSLT).
    code: 'TR409',
    retourcode: '0001',
    text: 'Als RedenAfwijzingVerzoek ongelijk is aan 8 (Woonplaatsbeginsel), dan berichtklasse Woonplaatsbeginsel weglaten',
    messageTypes: ['JW319'],
    check: (ctx, report) => {
      const antwoord = child(ctx.message, 'Antwoord');
      const reden = str(antwoord, 'RedenAfwijzingVerzoek');
      if (antwoord !== undefined && reden !== undefined && reden !== '8' && has(antwoord, 'Woonplaatsbeginsel')) {
        report(ptr(antwoord, 'Woonplaatsbeginsel'), 'Woonplaatsbeginsel must be left out unless RedenAfwijzingVerzoek is 8');
      }
    },
  },

  // ---- JW323 / JW325 ------------------------------------------------------------------------
  {
    // iJw CS100 (DeclaratiePeriode and ProductPeriode Begindatum).
    code: 'CS100',
    retourcode: '0001',
    text: 'Vullen met een datum die groter dan of gelijk is aan 01-01-2021',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const periods = [...all(ctx.message, 'Declaratie', 'DeclaratiePeriode'), ...all(ctx.message, ...PRESTATIES_323, 'ProductPeriode')];
      for (const p of periods) {
        const begin = str(p, 'Begindatum');
        if (begin !== undefined && begin < '2021-01-01') report(ptr(p, 'Begindatum'), 'lies before 2021-01-01');
      }
    },
  },
  {
    // iJw CS340; XSLT: Begindatum is the first of a month and Einddatum + 1 day = Begindatum + 1 month.
    code: 'CS340',
    retourcode: '0001',
    text: 'De periode is exact gelijk aan 1 hele kalendermaand',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const periode = child(child(ctx.message, 'Declaratie'), 'DeclaratiePeriode');
      const begin = date(periode, 'Begindatum');
      const end = date(periode, 'Einddatum');
      if (periode === undefined || begin === undefined || end === undefined) return;
      if (!begin.endsWith('-01')) report(ptr(periode, 'Begindatum'), 'a DeclaratiePeriode starts on the first day of a month');
      else if (addDays(end, 1) !== addMonths(begin, 1)) report(ptr(periode, 'Einddatum'), 'a DeclaratiePeriode ends on the last day of its month');
    },
  },
  {
    // iJw CS337.
    code: 'CS337',
    retourcode: '0001',
    text: 'Einddatum in de ProductPeriode vullen met een datum die valt in dezelfde kalendermaand en jaar als de Begindatum van de ProductPeriode',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      for (const p of all(ctx.message, ...PRESTATIES_323, 'ProductPeriode')) {
        const begin = str(p, 'Begindatum');
        const end = str(p, 'Einddatum');
        if (begin !== undefined && end !== undefined && begin.slice(0, 7) !== end.slice(0, 7)) {
          report(ptr(p, 'Einddatum'), 'Einddatum must fall in the calendar month of Begindatum');
        }
      }
    },
  },
  {
    // iJw TR137; XSLT: DeclaratiePeriode (JW323) and ProductPeriode (JW323, JW325): Einddatum not
    // before Begindatum and not after the Dagtekening.
    code: 'TR137',
    retourcode: '0001',
    text: 'Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de aangeduide periode én die niet groter is dan de Dagtekening van het bericht.',
    messageTypes: ['JW323', 'JW325'],
    check: (ctx, report) => {
      const periods =
        ctx.messageType === 'JW323'
          ? [...all(ctx.message, 'Declaratie', 'DeclaratiePeriode'), ...all(ctx.message, ...PRESTATIES_323, 'ProductPeriode')]
          : all(ctx.message, ...PRESTATIES_325, 'ProductPeriode');
      for (const p of periods) {
        const end = date(p, 'Einddatum');
        if (!notBefore(end, date(p, 'Begindatum'))) report(ptr(p, 'Einddatum'), 'Einddatum lies before Begindatum');
        else if (end !== undefined && ctx.dagtekening !== undefined && end > ctx.dagtekening) {
          report(ptr(p, 'Einddatum'), `Einddatum lies after the Dagtekening ${ctx.dagtekening}`);
        }
      }
    },
  },
  {
    // iJw TR319; XSLT: ProductPeriode Begindatum and Einddatum not after DeclaratiePeriode Einddatum.
    code: 'TR319',
    retourcode: '0001',
    text: 'Een declaratiebericht bevat alleen prestaties waarvan de ProductPeriode valt binnen de huidige, of een voorgaande declaratieperiode.',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const end = date(child(child(ctx.message, 'Declaratie'), 'DeclaratiePeriode'), 'Einddatum');
      if (end === undefined) return;
      for (const p of all(ctx.message, ...PRESTATIES_323, 'ProductPeriode')) {
        for (const field of ['Begindatum', 'Einddatum']) {
          const d = str(p, field);
          if (d !== undefined && d > end) report(ptr(p, field), `lies after the DeclaratiePeriode (ending ${end})`);
        }
      }
    },
  },
  {
    // iJw TR335; XSLT: ProductPeriode/Einddatum not before DeclaratieDagtekening minus 60 months.
    code: 'TR335',
    retourcode: '0001',
    text: 'Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen.',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const dagtekening = date(child(ctx.message, 'Declaratie'), 'DeclaratieDagtekening');
      if (dagtekening === undefined) return;
      const limit = addMonths(dagtekening, -60);
      for (const p of all(ctx.message, ...PRESTATIES_323, 'ProductPeriode')) {
        const end = str(p, 'Einddatum');
        if (end !== undefined && end < limit) report(ptr(p, 'Einddatum'), 'lies more than 5 years before the DeclaratieDagtekening');
      }
    },
  },
  {
    // iJw CS325 (every (Totaal)BedragMetDC of a declaration and its answer).
    code: 'CS325',
    retourcode: '0001',
    text: 'Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet).',
    messageTypes: ['JW323', 'JW325'],
    check: (ctx, report) => {
      const top = ctx.messageType === 'JW323' ? 'Declaratie' : 'DeclaratieAntwoord';
      const amounts = [
        ...all(ctx.message, top, 'TotaalIngediendBedrag'),
        ...all(ctx.message, top, 'TotaalToegekendBedrag'),
        ...prestaties(ctx).flatMap((p) => all(p, 'IngediendBedrag')),
      ];
      for (const a of amounts) {
        const amount = num(a, 'TotaalBedrag') ?? num(a, 'Bedrag');
        if (amount === 0 && str(a, 'DebetCredit') === 'C') report(ptr(a, 'DebetCredit'), 'an amount of 0 is a debit (D)');
      }
    },
  },
  {
    // iJw CD060; XSLT checksame: credit exactly when VorigReferentieNummer is filled.
    code: 'CD060',
    retourcode: '0001',
    text: 'Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C (credit) heeft, anders leeg laten.',
    messageTypes: ['JW323', 'JW325'],
    check: (ctx, report) => {
      for (const p of prestaties(ctx)) {
        const credit = str(child(p, 'IngediendBedrag'), 'DebetCredit') === 'C';
        if (credit !== has(child(p, 'ProductReferentie'), 'VorigReferentieNummer')) {
          report(ptr(p, 'ProductReferentie', 'VorigReferentieNummer'), credit ? 'VorigReferentieNummer is required for a credit' : 'VorigReferentieNummer must be empty for a debit');
        }
      }
    },
  },
  {
    // iJw CD087 (JW323); XSLT checksame: ProductTarief is filled exactly when Eenheid is not 83.
    code: 'CD087',
    retourcode: '0001',
    text: "Als eenheid ongelijk is aan 83 (euro's) dan verplicht vullen, anders leeg laten.",
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      for (const p of prestaties(ctx)) {
        const euros = str(p, 'Eenheid') === '83';
        if (euros === has(p, 'ProductTarief')) report(ptr(p, 'ProductTarief'), euros ? "ProductTarief must be empty for Eenheid 83 (euro's)" : 'ProductTarief is required');
      }
    },
  },
  {
    // iJw CS339 (JW323).
    code: 'CS339',
    retourcode: '0001',
    text: "Indien Eenheid de waarde 83 (euro's) heeft, moet IngediendBedrag gelijk zijn aan GeleverdVolume.",
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      for (const p of prestaties(ctx)) {
        const bedrag = num(child(p, 'IngediendBedrag'), 'Bedrag');
        if (str(p, 'Eenheid') === '83' && bedrag !== num(p, 'GeleverdVolume')) report(ptr(p, 'IngediendBedrag', 'Bedrag'), 'must equal GeleverdVolume for Eenheid 83');
      }
    },
  },
  {
    // iJw TR358 (JW323): debit adds, credit subtracts.
    code: 'TR358',
    retourcode: '0001',
    text: 'De waarde van TotaalBedrag in TotaalIngediendBedrag moet gelijk zijn aan de SOM van de waarden van Bedrag in Ingediendbedrag in alle onderliggende Prestaties, rekening houdend met indicatie debet/credit.',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const totaal = child(child(ctx.message, 'Declaratie'), 'TotaalIngediendBedrag');
      const expected = prestaties(ctx).reduce((sum, p) => sum + (signed(child(p, 'IngediendBedrag'), 'Bedrag') ?? 0), 0);
      const actual = signed(totaal, 'TotaalBedrag');
      if (totaal !== undefined && actual !== undefined && actual !== expected) {
        report(ptr(totaal, 'TotaalBedrag'), `the prestaties add up to ${Math.abs(expected)} ${expected < 0 ? 'C' : 'D'}`);
      }
    },
  },
  {
    // iJw TR342 (JW325); XSLT: without a rejection at DeclaratieAntwoord level (retourcodes other than
    // 0200/8001), Σ rejected prestaties = TotaalIngediendBedrag − TotaalToegekendBedrag; with one, the
    // TotaalToegekendBedrag is 0.
    code: 'TR342',
    retourcode: '0001',
    text: 'Alleen afgewezen Prestaties dienen meegestuurd te worden in het declaratie-antwoordbericht op een declaratie.',
    messageTypes: ['JW325'],
    check: (ctx, report) => {
      const antwoord = child(ctx.message, 'DeclaratieAntwoord');
      if (antwoord === undefined) return;
      const retourCodes = child(antwoord, 'RetourCodes');
      const codes = retourCodes === undefined ? [] : own(retourCodes, 'RetourCode');
      const rejected = Array.isArray(codes) && codes.some((c) => c !== '0200' && c !== '8001');
      const ingediend = signed(child(antwoord, 'TotaalIngediendBedrag'), 'TotaalBedrag');
      const toegekend = signed(child(antwoord, 'TotaalToegekendBedrag'), 'TotaalBedrag');
      if (ingediend === undefined || toegekend === undefined) return;
      if (rejected) {
        if (toegekend !== 0) report(ptr(antwoord, 'TotaalToegekendBedrag'), 'must be 0 when the declaration as a whole is rejected');
        return;
      }
      const sum = prestaties(ctx).reduce((s, p) => s + (signed(child(p, 'IngediendBedrag'), 'Bedrag') ?? 0), 0);
      if (sum !== ingediend - toegekend) report(ptr(antwoord, 'TotaalToegekendBedrag'), 'TotaalIngediendBedrag minus TotaalToegekendBedrag must equal the sum of the rejected prestaties');
    },
  },
  {
    // iJw TR315 (JW323).
    code: 'TR315',
    retourcode: '0001',
    text: 'VorigReferentieNummer van de Prestatie moet uniek zijn in het bericht.',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const seen = new Set<string>();
      for (const p of prestaties(ctx)) {
        const vorig = str(child(p, 'ProductReferentie'), 'VorigReferentieNummer');
        if (vorig === undefined) continue;
        if (seen.has(vorig)) report(ptr(p, 'ProductReferentie', 'VorigReferentieNummer'), `VorigReferentieNummer ${vorig} occurs more than once`);
        seen.add(vorig);
      }
    },
  },
  {
    // iJw TR316 (JW323): a prestatie credited in the same message as it is debited.
    code: 'TR316',
    retourcode: '0001',
    text: 'Debetregels mogen niet in hetzelfde bericht gecrediteerd worden.',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      const refs = new Set(prestaties(ctx).map((p) => str(child(p, 'ProductReferentie'), 'ReferentieNummer')));
      for (const p of prestaties(ctx)) {
        const vorig = str(child(p, 'ProductReferentie'), 'VorigReferentieNummer');
        if (vorig !== undefined && refs.has(vorig)) report(ptr(p, 'ProductReferentie', 'VorigReferentieNummer'), `credits ReferentieNummer ${vorig} of this same message`);
      }
    },
  },
  {
    // iJw TR416 (JW323): no second debit for the same period, product and assignment of a client.
    code: 'TR416',
    retourcode: '0001',
    text: 'Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al een Prestatie met waarde Debet is.',
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      for (const list of siblings(ctx, ['Declaratie', 'Clienten', 'Client', 'Prestaties'], 'Prestatie')) {
        const debits = list.filter((p) => str(child(p, 'IngediendBedrag'), 'DebetCredit') === 'D');
        reportDuplicates(
          debits,
          (p) => [str(child(p, 'ProductPeriode'), 'Begindatum'), str(child(p, 'ProductPeriode'), 'Einddatum'), str(p, 'ProductCategorie'), str(p, 'ProductCode'), num(p, 'ToewijzingNummer')],
          report,
          'a debit Prestatie (ProductPeriode, ProductCategorie, ProductCode, ToewijzingNummer)',
        );
      }
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Checks the iJw rules on a message in the JSON form that is valid against its schema. Returns every
 * violation as a FieldError (pointer relative to the message, rule = code, retourcode where given).
 * Message types without content rules (the retours) yield no errors.
 */
export function checkIjwRules(messageType: string, message: unknown, today: string): FieldError[] {
  if (!isIjwDate(today)) throw new GatewayError('internal', { detail: `checkIjwRules: today must be YYYY-MM-DD, got ${today}` });
  if (!(IJW_CHECKED_TYPES as readonly string[]).includes(messageType) || !isRecord(message)) return [];
  const type = messageType as IjwMessageType;
  const root: Node = { value: message, pointer: '' };
  const ctx: RuleContext = {
    messageType: type,
    message: root,
    today,
    dagtekening: date(child(child(root, 'Header'), 'BerichtIdentificatie'), 'Dagtekening'),
  };
  const errors: FieldError[] = [];
  for (const rule of ijwRules) {
    if (!rule.messageTypes.includes(type)) continue;
    rule.check(ctx, (pointer, detail) => {
      errors.push(rule.retourcode === undefined ? { pointer, detail, rule: rule.code } : { pointer, detail, rule: rule.code, retourcode: rule.retourcode });
    });
  }
  return errors;
}

/**
 * The iJw rule behind a JSON Schema error, for the rules the XSDs themselves enforce: CS025
 * (BerichtVersie 3) and CS015 (BerichtSubversie 2) are patterns on every header, CS319 the pattern of
 * JW323 DeclaratieNummer. Neither rule text names a retourcode.
 */
export function ijwRuleForSchemaError(messageType: string, pointer: string, keyword: string): { rule: string; retourcode?: string } | undefined {
  if (!/^JW3[0-9]{2}$/.test(messageType)) return undefined;
  if (pointer === '/Header/BerichtVersie' && keyword === 'const') return { rule: 'CS025' };
  if (pointer === '/Header/BerichtSubversie' && keyword === 'const') return { rule: 'CS015' };
  if (messageType === 'JW323' && pointer === '/Declaratie/DeclaratieNummer' && keyword === 'pattern') return { rule: 'CS319' };
  return undefined;
}
