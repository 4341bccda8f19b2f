// The bedrijfsregels that docs/ijw-rule-coverage.md marks "carried out by other rules" where those rules
// judge one message (the cross-field rules of src/validation/ijw-rules.ts): each bedrijfsregel broken as
// its own text says, on the official sample of its message type (tests/support/ijw-fixtures.ts
// validMessage, read from ../shared), refused by the validator with the carrying rule, its pointer and
// its retourcode; and the same message put right, accepted. The ones the care path carries out run in
// tests/support/process-rule-cases.ts (in memory and through the HTTP API).
import { describe, expect, it } from 'vitest';
import { ijwValidator, TODAY, validMessage } from '../support/ijw-fixtures.ts';

type Msg = Record<string, any>;

interface Carried {
  /** the bedrijfsregel */
  readonly rule: string;
  readonly type: string;
  readonly when: string;
  readonly breaks: (m: Msg) => void;
  /** what the validator answers: the carrying rule, where, with which retourcode */
  readonly refused: readonly { rule: string; pointer: string; retourcode: string }[];
  readonly keepsWhen: string;
  readonly keeps: (m: Msg) => void;
}

const start = (m: Msg, i: number): Msg => m['Client']['StartProducten']['StartProduct'][i];
const relaties = (m: Msg): Msg[] => m['Client']['Relaties']['Relatie'];
const prestaties = (m: Msg, client: number): Msg[] => (m['Declaratie'] ?? m['DeclaratieAntwoord'])['Clienten']['Client'][client]['Prestaties']['Prestatie'];
const P323 = (client: number, i: number): string => `/Declaratie/Clienten/Client/${client}/Prestaties/Prestatie/${i}`;
/** One more Relatie (the sample has two): the sample's first, with a Volgorde and Soort of its own, and the Nummer given. */
const anotherRelatie = (m: Msg, nummer: string): void => void relaties(m).push({ ...structuredClone(relaties(m)[0]!), Nummer: nummer, Volgorde: relaties(m).length + 1, Soort: '05' });

const CARRIED: readonly Carried[] = [
  {
    rule: 'OP011', type: 'JW305',
    when: 'a start of care is reported before it happened: the StartProduct Begindatum lies after the Dagtekening',
    breaks: (m) => (start(m, 1)['Begindatum'] = '2026-04-16'),
    refused: [{ rule: 'TR134', pointer: '/Client/StartProducten/StartProduct/1/Begindatum', retourcode: '0001' }],
    keepsWhen: 'it begins on the Dagtekening', keeps: (m) => (start(m, 1)['Begindatum'] = '2026-04-15'),
  },
  {
    rule: 'OP033', type: 'JW305',
    when: 'a change is sent with StatusAanlevering 2 (gewijzigd), which the systematiek van status aanlevering does not have',
    breaks: (m) => (start(m, 0)['StatusAanlevering'] = '2'),
    refused: [{ rule: 'CS058', pointer: '/Client/StartProducten/StartProduct/0/StatusAanlevering', retourcode: '0001' }],
    keepsWhen: 'it is a removal (3)', keeps: (m) => (start(m, 0)['StatusAanlevering'] = '3'),
  },
  {
    rule: 'OP033x2', type: 'JW307',
    when: 'a StopProduct is sent with StatusAanlevering 2 (een berichtklasse is gewijzigd)',
    breaks: (m) => (m['Client']['StopProducten']['StopProduct'][0]['StatusAanlevering'] = '2'),
    refused: [{ rule: 'CS058', pointer: '/Client/StopProducten/StopProduct/0/StatusAanlevering', retourcode: '0001' }],
    keepsWhen: 'it is a first delivery (1)', keeps: (m) => (m['Client']['StopProducten']['StopProduct'][0]['StatusAanlevering'] = '1'),
  },
  {
    rule: 'OP071', type: 'JW301',
    when: 'two Relaties carry the same Nummer',
    breaks: (m) => anotherRelatie(m, relaties(m)[0]!['Nummer']),
    refused: [{ rule: 'TR101', pointer: '/Client/Relaties/Relatie/2', retourcode: '0001' }],
    keepsWhen: 'the new one has a Nummer of its own', keeps: (m) => anotherRelatie(m, '9'),
  },
  {
    rule: 'OP252', type: 'JW315',
    when: 'the Geboortedatum says only the year is known (DatumGebruik 2) but gives a day and month other than 01-01',
    breaks: (m) => (m['Client']['Geboortedatum'] = { Datum: '2010-02-14', DatumGebruik: '2' }),
    refused: [{ rule: 'CS139', pointer: '/Client/Geboortedatum/Datum', retourcode: '0001' }],
    keepsWhen: 'the date is 2010-01-01', keeps: (m) => (m['Client']['Geboortedatum'] = { Datum: '2010-01-01', DatumGebruik: '2' }),
  },
  {
    rule: 'OP267', type: 'JW323',
    when: 'a prestatie in hours claims an amount other than GeleverdVolume × ProductTarief (4 × 1250)',
    breaks: (m) => {
      prestaties(m, 0)[0]!['IngediendBedrag']['Bedrag'] = 5100;
      m['Declaratie']['TotaalIngediendBedrag']['TotaalBedrag'] = 79100;
    },
    refused: [{ rule: 'TR346', pointer: `${P323(0, 0)}/IngediendBedrag/Bedrag`, retourcode: '9346' }],
    keepsWhen: 'it claims 5000, as the sample does', keeps: () => undefined,
  },
  {
    rule: 'OP267', type: 'JW323',
    when: "a prestatie in euro's (Eenheid 83) claims an amount other than its volume",
    breaks: (m) => {
      const p = prestaties(m, 0)[0]!;
      delete p['ProductTarief'];
      p['Eenheid'] = '83';
    },
    refused: [{ rule: 'CS339', pointer: `${P323(0, 0)}/IngediendBedrag/Bedrag`, retourcode: '0001' }],
    keepsWhen: 'it claims its volume in cents', keeps: (m) => {
      const p = prestaties(m, 0)[0]!;
      delete p['ProductTarief'];
      p['Eenheid'] = '83';
      p['GeleverdVolume'] = p['IngediendBedrag']['Bedrag'];
    },
  },
  {
    rule: 'OP304', type: 'JW325',
    when: 'a declaratie-antwoord lists a prestatie it does not reject (only 0200)',
    breaks: (m) => (prestaties(m, 0)[0]!['RetourCodes']['RetourCode'] = ['0200']),
    refused: [{ rule: 'TR342', pointer: '/DeclaratieAntwoord/Clienten/Client/0/Prestaties/Prestatie/0/RetourCodes', retourcode: '0001' }],
    keepsWhen: 'the prestatie carries its reason for rejection', keeps: (m) => (prestaties(m, 0)[0]!['RetourCodes']['RetourCode'] = ['9307']),
  },
  {
    rule: 'OP354', type: 'JW323',
    when: 'a prestatie is declared for a period after the declaratieperiode',
    breaks: (m) => (prestaties(m, 1)[2]!['ProductPeriode'] = { Begindatum: '2026-05-01', Einddatum: '2026-05-05' }),
    refused: [
      { rule: 'TR319', pointer: `${P323(1, 2)}/ProductPeriode/Begindatum`, retourcode: '9319' },
      { rule: 'TR319', pointer: `${P323(1, 2)}/ProductPeriode/Einddatum`, retourcode: '9319' },
    ],
    keepsWhen: 'it lies in the declaratieperiode', keeps: (m) => (prestaties(m, 1)[2]!['ProductPeriode'] = { Begindatum: '2026-03-01', Einddatum: '2026-03-05' }),
  },
  {
    rule: 'OP367', type: 'JW323',
    when: 'a ProductPeriode spans two calendar months',
    breaks: (m) => (prestaties(m, 1)[2]!['ProductPeriode']['Einddatum'] = '2026-04-01'),
    refused: [{ rule: 'CS337', pointer: `${P323(1, 2)}/ProductPeriode/Einddatum`, retourcode: '0001' }],
    keepsWhen: 'it ends in the month it begins', keeps: (m) => (prestaties(m, 1)[2]!['ProductPeriode']['Einddatum'] = '2026-03-31'),
  },
];

describe('bedrijfsregels carried out by cross-field rules: each broken as it says, refused by the rule that carries it out', () => {
  const validator = ijwValidator();

  for (const c of CARRIED) {
    it(`when a ${c.type} breaks ${c.rule}: ${c.when}, then it is refused with ${[...new Set(c.refused.map((r) => `${r.rule}/${r.retourcode}`))].join(', ')} at the element`, () => {
      const m = validMessage(c.type);
      c.breaks(m);
      expect(validator.validateMessage(c.type, m, TODAY)).toEqual(c.refused.map((r) => expect.objectContaining({ rule: r.rule, pointer: r.pointer, retourcode: r.retourcode })));
    });

    it(`when a ${c.type} keeps ${c.rule}: ${c.keepsWhen}, then it is accepted`, () => {
      const m = validMessage(c.type);
      c.keeps(m);
      expect(validator.validateMessage(c.type, m, TODAY)).toEqual([]);
    });
  }
});
