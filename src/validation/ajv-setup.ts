// The one place that teaches an Ajv instance the formats our schemas use. Every schema in schemas/ is
// compiled in strict mode, so a keyword or format that is not registered here is a startup error.
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isIjwDate, isIjwTime } from './ijw-dates.ts';

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
 * Returns the same instance for chaining.
 */
export function configureAjv<T extends Ajv>(ajv: T): T {
  addFormats(ajv, [...STANDARD_FORMATS]);
  ajv.addFormat('ijw-date', { type: 'string', validate: isIjwDate });
  ajv.addFormat('ijw-time', { type: 'string', validate: isIjwTime });
  return ajv;
}
