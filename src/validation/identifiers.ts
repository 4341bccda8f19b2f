// Checks for the Dutch identifiers the gateway meets (docs: /work/shared/docs/domain.md §6). Pure
// functions of their input, apart from the CBS list of municipality codes, read once from the derived
// data file schemas/data/cbs-gemeentecodes.json (scripts/generate-cbs-gemeentecodes.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError } from '../kernel/gateway-error.ts';
import { isIjwDate } from '../kernel/dates.ts';

/** Burgerservicenummer: nine ASCII digits that pass the 11-test (the kernel's check, src/kernel/bsn.ts). */
export { isBsn } from '../kernel/bsn.ts';

/**
 * AGB-code (Vektis zorgverlenerscode): exactly eight digits, iJw LDT_AgbCode pattern [0-9]{8}. There
 * is no public check digit; whether the code exists is a register lookup (Vektis AGB), not done here.
 */
export function isAgb(value: string): boolean {
  return /^[0-9]{8}$/.test(value);
}

// ---------------------------------------------------------------------------------------------
// Gemeentecodes (CBS)

interface CbsData {
  readonly source: string;
  readonly validFrom: string;
  readonly count: number;
  readonly codes: readonly { readonly code: string; readonly name: string }[];
}

export interface CbsIndeling {
  /** the first day this municipal classification is in force, YYYY-MM-DD */
  readonly validFrom: string;
  readonly source: string;
  /** code -> municipality name */
  readonly names: ReadonlyMap<string, string>;
}

const cbsDataPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas/data/cbs-gemeentecodes.json');
let cbs: CbsIndeling | undefined;

/** The CBS municipal classification shipped with the gateway (loaded on first use). */
export function cbsIndeling(): CbsIndeling {
  if (cbs === undefined) {
    const data = JSON.parse(readFileSync(cbsDataPath, 'utf8')) as CbsData;
    const names = new Map(data.codes.map((c) => [c.code, c.name] as const));
    if (names.size !== data.count || !isIjwDate(data.validFrom)) {
      throw new GatewayError('internal', { detail: `${cbsDataPath} is inconsistent; regenerate it` });
    }
    cbs = { validFrom: data.validFrom, source: data.source, names };
  }
  return cbs;
}

/**
 * Gemeentecode: four digits (LDT_Gemeente, pattern [0-9]{4}) that name a municipality in the CBS
 * "gemeentelijke indeling" in force on `onDate` (YYYY-MM-DD). Source: iJw TR378 ("Vullen met een
 * bestaande gemeentecode uit het overzicht van CBS dat actueel is op Ingangsdatum of
 * ToewijzingIngangsdatum", retourcode S300); the list is CBS's
 * (https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar).
 *
 * The gateway ships one indeling (per its `validFrom`, 1 January 2026). It is used for every date on
 * or after validFrom until a newer list is generated, and, for lack of older lists, also for earlier
 * dates: a code of a municipality that was dissolved before validFrom is therefore refused even for a
 * date on which it still existed. (For 2026 this is moot: no municipalities merged on 1 January 2026.)
 */
export function isGemeentecode(code: string, onDate: string): boolean {
  if (!isIjwDate(onDate)) throw new GatewayError('internal', { detail: `isGemeentecode: onDate ${onDate} is not YYYY-MM-DD` });
  if (!/^[0-9]{4}$/.test(code)) return false;
  return cbsIndeling().names.has(code);
}

// ---------------------------------------------------------------------------------------------
// OIN (Organisatie-identificatienummer, Logius OIN-stelsel)

/**
 * The OIN register prefixes (Logius, OIN-stelsel, "Data Architectuur", prefix table). 00000005 is
 * "vrij, nog aan te wijzen": no OIN can carry it yet, so it is not accepted.
 */
export const OIN_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['00000001', 'RSIN (Handelsregister)'],
  ['00000002', 'Fi-nummer (Belastingdienst)'],
  ['00000003', 'KVK-nummer (Handelsregister)'],
  ['00000004', 'SubOIN (SubOIN-register)'],
  ['00000006', 'Logius OIN-hoofdnummer'],
  ['00000007', 'BRIN-nummer (DUO)'],
  ['00000008', 'buitenlands nummer'],
  ['00000009', 'Dezi-nummer zorgaanbieders'],
  ['00000010', 'TRR-BD-nummer'],
  ['00000011', 'Dezi-nummer zorgverzekeraars'],
  ['00000099', 'test-OIN'],
]);

/**
 * OIN: 20 positions = prefix (8 digits, a known register) + hoofdnummer (8 or 9 positions, possibly
 * alphanumeric depending on the register) + suffix ("000" after a 9-position hoofdnummer, "0000" after
 * an 8-position one). A KVK-nummer has 8 positions, so prefix 00000003 needs the "0000" suffix; SubOINs
 * and RSINs have 9. Source: Logius-standaarden/OIN-Stelsel, ch06 "Samenstelling OIN" and prefix table
 * (domain.md §6). Whether the OIN is registered is a COR lookup, not done here.
 */
export function isOin(value: string): boolean {
  if (!/^[0-9A-Za-z]{20}$/.test(value)) return false;
  const prefix = value.slice(0, 8);
  if (!OIN_PREFIXES.has(prefix)) return false;
  if (prefix === '00000003') return value.endsWith('0000');
  return value.endsWith('000');
}
