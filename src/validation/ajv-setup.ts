// The one place that teaches an Ajv instance the formats our schemas use. Every schema in schemas/ is
// compiled in strict mode, so a keyword or format that is not registered here is a startup error.
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isIjwDate, isIjwTime } from '../kernel/dates.ts';
import { isBsn, isOin } from './identifiers.ts';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

/** Standard formats (ajv-formats) the non-iJw schemas use, e.g. the envelope's birthDate. */
const STANDARD_FORMATS = ['date', 'date-time', 'uri', 'email', 'uuid'] as const;

/**
 * Registers the formats every Ketenpoort schema may use:
 * - the standard ones from ajv-formats (`date` is an RFC 3339 full-date);
 * - `ijw-date`: an iJw LDT_Datum, i.e. xs:date without time zone, "YYYY-MM-DD", and a day that exists
 *   (the generated iJw schemas also check the shape with a pattern; this adds the calendar check, so
 *   2027-06-31 is refused);
 * - `ijw-time`: an iJw LDT_Tijd, xs:time without time zone, "hh:mm:ss[.fff]".
 * - `bsn`: a burgerservicenummer that passes the 11-test (for the non-iJw message families; the iJw
 *   schemas check the BSN in their own rules, CS002);
 * - `oin`: an Organisatie-identificatienummer of a known register with the right suffix (the parties
 *   in the config);
 * and the annotation keyword `x-standard` ("national" or "local"): whether a message type follows a
 * national standard (iJw, the CORV annex, Jw 7.1.4.3) or is a gateway-internal form with no national
 * standard behind it (domain.md 8.1: Veilig Thuis, local exchange forms). It validates nothing. So
 * does `x-gateway-originated`: a message type only the gateway sends (a notice), never a party.
 * Returns the same instance for chaining.
 */
export function configureAjv<T extends Ajv>(ajv: T): T {
  addFormats(ajv, [...STANDARD_FORMATS]);
  ajv.addFormat('ijw-date', { type: 'string', validate: isIjwDate });
  ajv.addFormat('ijw-time', { type: 'string', validate: isIjwTime });
  ajv.addFormat('bsn', { type: 'string', validate: isBsn });
  ajv.addFormat('oin', { type: 'string', validate: isOin });
  ajv.addKeyword({ keyword: 'x-standard', schemaType: 'string', metaSchema: { enum: ['national', 'local'] } });
  ajv.addKeyword({ keyword: 'x-gateway-originated', schemaType: 'boolean' });
  return ajv;
}
