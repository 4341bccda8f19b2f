// iJw rules of the verzoek messages: om toewijzing (JW315), om wijziging (JW317) and the antwoord (JW319).
import { all, child, date, has, ptr, str } from './rule-nodes.ts';
import { AANGEVRAAGD, type IjwRule, NIEUW, productRule } from './rule-kit.ts';

/** JW315. */
export const verzoekOmToewijzingRules: readonly IjwRule[] = [
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
];

/** JW317. */
export const verzoekOmWijzigingRules: readonly IjwRule[] = [
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
];

/** JW319. */
export const verzoekAntwoordRules: readonly IjwRule[] = [
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
];
