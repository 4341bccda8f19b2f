// iJw rules on the client and the persons around it (BSN, birth date, names, language), and on the
// contacts and addresses a toewijzing (JW301) carries.
import { isBsn } from '../identifiers.ts';
import { addYears } from '../../kernel/dates.ts';
import { all, child, date, everywhere, has, num, ptr, str, stringsEverywhere } from './rule-nodes.ts';
import { type IjwMessageType, type IjwRule, PRESTATIES_323, PRESTATIES_325, TOEGEWEZEN, WITH_BSN, WITH_GEBOORTEDATUM } from './rule-kit.ts';

export const clientRules: readonly IjwRule[] = [
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
];

/** Contacts and addresses (JW301). */
export const contactRules: readonly IjwRule[] = [
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
];
