// iJw rules of the declaratie (JW323) and the declaratie-antwoord (JW325): periods, amounts and their
// sums, and the references between prestaties.
import { addDays, addMonths } from '../../kernel/dates.ts';
import { all, child, date, has, num, own, ptr, str } from './rule-nodes.ts';
import { type IjwRule, notBefore, prestaties, PRESTATIES_323, PRESTATIES_325, reportDuplicates, siblings, signed } from './rule-kit.ts';

export const declaratieRules: readonly IjwRule[] = [
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
    // iJw TR319 (retourcode 9319, WJ001: "De ProductPeriode valt niet geheel binnen een
    // DeclaratiePeriode"); XSLT: ProductPeriode Begindatum and Einddatum not after DeclaratiePeriode Einddatum.
    code: 'TR319',
    retourcode: '9319',
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
    // iJw TR346 (JW323, retourcode 9346). The rule's "Controleniveau externe bron" is whether
    // ProductTarief is the contract's price (TR418 asks that; only gemeente and aanbieder hold the
    // contract); the multiplication itself is decidable from the message. ProductTarief is whole
    // eurocents; for an hourly tariff declared in minutes (Eenheid 01) the rule's note has the amount
    // computed from the unrounded per-minute tariff (uurtarief × volume / 60, rounded to cents), which
    // ProductTarief shows rounded: there each minute may differ by less than one cent from
    // GeleverdVolume × ProductTarief, so a difference of at most GeleverdVolume cents is accepted.
    code: 'TR346',
    retourcode: '9346',
    text: "Indien Eenheid ongelijk is aan waarde 83 (Euro's), moet IngediendBedrag gelijk zijn aan GeleverdVolume vermenigvuldigd met ProductTarief.",
    messageTypes: ['JW323'],
    check: (ctx, report) => {
      for (const p of prestaties(ctx)) {
        const eenheid = str(p, 'Eenheid');
        const volume = num(p, 'GeleverdVolume');
        const tarief = num(p, 'ProductTarief');
        const bedrag = num(child(p, 'IngediendBedrag'), 'Bedrag');
        if (eenheid === undefined || eenheid === '83' || volume === undefined || tarief === undefined || bedrag === undefined) continue;
        const expected = volume * tarief;
        const tolerance = eenheid === '01' ? volume : 0;
        if (Math.abs(bedrag - expected) > tolerance) {
          report(ptr(p, 'IngediendBedrag', 'Bedrag'), `must equal GeleverdVolume × ProductTarief (${volume} × ${tarief} = ${expected})${tolerance > 0 ? `, within ${tolerance} cents for minutes of an hourly tariff` : ''}`);
        }
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
    // TotaalToegekendBedrag is 0. Beyond the XSLT, the rule's own words: a prestatie whose RetourCodes
    // reject nothing (only 0200, "geen opmerking") is not sent (also OP303, OP304).
    code: 'TR342',
    retourcode: '0001',
    text: 'Alleen afgewezen Prestaties dienen meegestuurd te worden in het declaratie-antwoordbericht op een declaratie.',
    messageTypes: ['JW325'],
    check: (ctx, report) => {
      const antwoord = child(ctx.message, 'DeclaratieAntwoord');
      if (antwoord === undefined) return;
      for (const p of prestaties(ctx)) {
        const rc = child(p, 'RetourCodes');
        const codes = rc === undefined ? undefined : own(rc, 'RetourCode');
        if (Array.isArray(codes) && codes.length > 0 && codes.every((c) => c === '0200')) {
          report(ptr(p, 'RetourCodes'), 'only rejected prestaties are sent in a declaratie-antwoord; this one has no rejecting retourcode');
        }
      }
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
