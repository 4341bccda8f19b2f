// iJw rules on the products a toewijzing (JW301), a verzoek om toewijzing (JW315) and a verzoek om
// wijziging (JW317) name: Omvang, Budget and Einddatum, periods that overlap, and duplicate lines (TR101,
// which also covers the start/stop and declaratie messages).
import { all, child, date, has, type Node, num, ptr, str } from './rule-nodes.ts';
import { AANGEVRAAGD, endsAfter2020, type IjwRule, NIEUW, notBefore, omvang, overlapRule, productRule, productsOf, reportDuplicates, siblings, TE_WIJZIGEN, TOEGEWEZEN } from './rule-kit.ts';

export const productRules: readonly IjwRule[] = [
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
];
