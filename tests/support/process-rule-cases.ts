// The process rules of the care path, case by case: for each rule a message that keeps it and one that
// breaks it, and what accepting a message makes of the paths (requests, toewijzingen, deadlines). The
// cases run on any RuleHarness: in memory (tests/unit/care-path-rules.test.ts) and through the HTTP
// API as a JSON envelope and as native iJw XML (tests/integration/care-path-rules-api.test.ts), where
// the gateway must answer as the in-memory reference decides. A message named as the valid case of a
// rule ({ keeps: [...] }) must be accepted with no finding under it; the HTTP suite checks that every
// refusal rule of the registry has a refused and a kept case in each format.
import { describe, expect, it } from 'vitest';
import { isDeadlineOverdue, signalForDeadline } from '../../src/care-path/watchdog-signals.ts';
import { answerDeadlineId, retourDeadlineId, toewijzingDeadlineId } from '../../src/care-path/evaluate-message.ts';
import { AMSTERDAM, BSN, codes, DE_BRUG, DIEMEN, HORIZON, jw301, jw305, jw307, jw315, jw317, jw319, jw323, jw325, retour, type MakeHarness, type Outcome, type RuleHarness } from './care-path-fixtures.ts';

const [TOM, ANNA, NOOR] = BSN as [string, string, string];
const DAY = '2026-01-09'; // a Friday
const AT = `${DAY}T10:00:00+01:00`;
const at = (day: string): string => `${day}T10:00:00+01:00`;

/** A path with a request, its toewijzing (number 5001, 2026-01-09 .. 2026-06-30) and, when asked, a start. */
async function assigned(h: RuleHarness, o: { start?: boolean; bsn?: string; nummer?: number; eind?: string; categorie?: string } = {}): Promise<void> {
  const bsn = o.bsn ?? TOM;
  const nummer = o.nummer ?? 5001;
  expect((await h.submit('JW315', jw315({ dag: DAY, bsn, products: [{ ref: `R${nummer}`, ...(o.categorie !== undefined ? { categorie: o.categorie } : {}) }] }), AT)).accepted).toBe(true);
  expect((await h.submit('JW301', jw301({ dag: DAY, bsn, products: [{ nummer, ref: `R${nummer}`, ingang: DAY, eind: o.eind ?? '2026-06-30', ...(o.categorie !== undefined ? { categorie: o.categorie } : {}) }] }), AT)).accepted).toBe(true);
  if (o.start === true) expect((await h.submit('JW305', jw305({ dag: '2026-01-12', bsn, products: [{ nummer, begin: '2026-01-12', ...(o.categorie !== undefined ? { categorie: o.categorie } : {}) }] }), at('2026-01-12'))).accepted).toBe(true);
}

export function defineProcessRuleCases(make: MakeHarness): void {
  describe('every heen message: TR056', () => {
    it('when a sender uses the same BerichtIdentificatie twice for one message type, then the second is refused with 9056', async () => {
      const h = await make();
      const first = jw315({ id: 'ID-1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      expect((await h.submit('JW315', first, AT)).accepted).toBe(true);
      const again = (await h.submit('JW315', jw315({ id: 'ID-1', dag: DAY, bsn: ANNA, products: [{ ref: 'R2' }] }), AT));
      expect(codes(again.refusals)).toEqual(['TR056/9056']);
      expect(again.refusals[0]!.pointer).toBe('/Header/BerichtIdentificatie/Identificatie');
    });

    it('when another sender or another message type uses the same identification, then it is accepted', async () => {
      const h = await make();
      expect((await h.submit('JW315', jw315({ id: 'ID-1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      expect((await h.submit('JW315', jw315({ id: 'ID-1', dag: DAY, aanbieder: HORIZON, bsn: TOM, products: [{ ref: 'R1' }] }), AT, { keeps: ['TR056'] })).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ id: 'ID-1', dag: DAY, bsn: ANNA, products: [{ begin: DAY }] }), AT, { keeps: ['TR056'] })).accepted).toBe(true);
    });
  });

  describe('verzoek om toewijzing and wijziging: TR347, TR374', () => {
    it('when an aanbieder uses a ReferentieAanbieder again, then it is refused with 9347', async () => {
      const h = await make();
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      (await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1' }), AT));
      const again = (await h.submit('JW315', jw315({ dag: DAY, bsn: ANNA, products: [{ ref: 'R1' }] }), AT));
      expect(codes(again.refusals)).toEqual(['TR347/9347']);
      expect(again.refusals[0]!.pointer).toBe('/Client/AangevraagdeProducten/AangevraagdProduct/0/ReferentieAanbieder');
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: ANNA, products: [{ ref: 'R2' }] }), AT, { keeps: ['TR347'] })).accepted).toBe(true);
    });

    it('when a request for the child is still pending, then a new one is refused with 9374; once refused, a new one is accepted', async () => {
      const h = await make();
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      const pending = (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R2' }] }), AT));
      expect(codes(pending.refusals)).toEqual(['TR374/9374']);
      expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '2' }), AT)).accepted).toBe(true);
      expect(codes((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R2' }] }), AT)).refusals)).toEqual(['TR374/9374']);
      expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1' }), AT, { keeps: ['TR365'] })).accepted).toBe(true);
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R2' }] }), AT, { keeps: ['TR374', 'TR347'] })).accepted).toBe(true);
    });

    it('when another child or another gemeente is concerned, then the pending request does not block it', async () => {
      const h = await make();
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: ANNA, products: [{ ref: 'R2' }] }), AT)).accepted).toBe(true);
      expect((await h.submit('JW315', jw315({ dag: DAY, gemeente: AMSTERDAM, bsn: TOM, products: [{ ref: 'R3' }] }), AT)).accepted).toBe(true);
    });
  });

  describe('antwoordbericht: TR355, TR359, TR360, TR365', () => {
    it('when a JW319 names a ReferentieAanbieder no request carried, then it is refused with 9355', async () => {
      const h = await make();
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      const r = (await h.submit('JW319', jw319({ dag: DAY, ref: 'R9', antwoord: '1' }), AT));
      expect(codes(r.refusals)).toEqual(['TR355/9355']);
      expect(r.refusals[0]!.pointer).toBe('/Antwoord/ReferentieAanbieder');
      expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1' }), AT, { keeps: ['TR355', 'TR359', 'TR360', 'TR365'] })).accepted).toBe(true);
    });

    it('when the gemeente and aanbieder never exchanged through the gateway, then an unknown ReferentieAanbieder is a migration warning', async () => {
      const h = await make();
      const r = (await h.submit('JW319', jw319({ dag: DAY, ref: 'OLD-1', antwoord: '1' }), AT));
      expect(r.accepted).toBe(true);
      expect(codes(r.warnings)).toEqual(['TR355/9355']);
      expect(r.warnings[0]!.migration).toBe(true);
    });

    it('when the request was put in onderzoek, then a second "in onderzoek" is refused with 9360 and the refusal is accepted', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '2' }), AT, { keeps: ['TR360'] })).accepted).toBe(true);
      expect(codes((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '2' }), AT)).refusals)).toEqual(['TR360/9360']);
      expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1', reden: '8' }), AT, { keeps: ['TR365'] })).accepted).toBe(true);
    });

    it('when the request was refused, then another answer is refused with 9365', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1' }), AT)).accepted).toBe(true);
      expect(codes((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1' }), AT)).refusals)).toEqual(['TR365/9365']);
    });

    it('when the request was honoured with a JW301, then a JW319 is refused with 9359', async () => {
      const h = await make();
      await assigned(h);
      expect(codes((await h.submit('JW319', jw319({ dag: DAY, ref: 'R5001', antwoord: '1' }), AT)).refusals)).toEqual(['TR359/9359']);
    });
  });

  describe('toewijzing: TR332, TR379, TR385', () => {
    it('when a JW301 honours a request, then the request is toegewezen and its answer term is met', async () => {
      const h = await make();
      await assigned(h);
      const request = h.store.request(DE_BRUG, 'R5001');
      expect(request?.status).toBe('toegewezen');
      expect(request?.toewijzingNummer).toBe(5001);
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R5001'))?.status).toBe('met');
    });

    it('when a gemeente uses a ToewijzingNummer again for another child, then it is refused with 9332; a resend of the same is accepted', async () => {
      const h = await make();
      await assigned(h);
      const other = (await h.submit('JW301', jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }] }), AT));
      expect(codes(other.refusals)).toEqual(['TR332/9332']);
      expect((await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }] }), AT, { keeps: ['TR332'] })).accepted).toBe(true);
    });

    it('when a new ToegewezenProduct names a ReferentieAanbieder no request carried, then it is refused with 9379', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      const r = (await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 7, ref: 'NOPE', ingang: DAY, eind: '2026-06-30' }] }), AT));
      expect(codes(r.refusals)).toEqual(['TR379/9379']);
      expect(r.refusals[0]!.pointer).toBe('/Client/ToegewezenProducten/ToegewezenProduct/0/ReferentieAanbieder');
      expect((await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 7, ref: 'R1', ingang: DAY, eind: '2026-06-30' }] }), AT, { keeps: ['TR379', 'TR332'] })).accepted).toBe(true);
    });

    it('when a toewijzing with an approved debit is removed with RedenWijziging 13, then it is refused with 9385; once credited, it is accepted', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const declaratie = jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] });
      expect((await h.submit('JW323', declaratie, at('2026-02-03'))).accepted).toBe(true);
      expect((await h.submit('JW325', jw325({ dag: '2026-02-05', declaratie }), at('2026-02-05'))).accepted).toBe(true);
      const removal = jw301({ dag: '2026-02-06', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: DAY, reden: '13', datum: '2026-02-06' }] });
      expect(codes((await h.submit('JW301', removal, at('2026-02-06'))).refusals)).toEqual(['TR385/9385']);
      const credit = jw323({ dag: '2026-02-06', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [{ ref: 'P2', vorig: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', dc: 'C' }] }] });
      expect((await h.submit('JW323', credit, at('2026-02-06'))).accepted).toBe(true);
      expect((await h.submit('JW301', removal, at('2026-02-06'), { keeps: ['TR385'] })).accepted).toBe(true);
    });

    it('when a new toewijzing continues care the child already gets from the aanbieder in that category, then it is no new episode', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect((await h.submit('JW301', jw301({ dag: '2026-06-20', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }, { nummer: 5002, ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-06-20' }] }), at('2026-06-20'))).accepted).toBe(true);
      expect(h.store.toewijzing(DIEMEN, 5001)?.newEpisode).toBe(true);
      expect(h.store.toewijzing(DIEMEN, 5002)?.newEpisode).toBe(false);
      expect((await h.submit('JW301', jw301({ dag: '2026-06-20', bsn: TOM, products: [{ nummer: 5003, categorie: '46', code: '46A01', ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-06-20' }] }), at('2026-06-20'))).accepted).toBe(true);
      expect(h.store.toewijzing(DIEMEN, 5003)?.newEpisode).toBe(true);
      // Also when the JW301 does not list the running toewijzing (against OP087).
      expect((await h.submit('JW301', jw301({ dag: '2026-06-21', bsn: TOM, products: [{ nummer: 5004, ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-06-21' }] }), at('2026-06-21'))).accepted).toBe(true);
      expect(h.store.toewijzing(DIEMEN, 5004)?.newEpisode).toBe(false);
    });

    it('when an older version of a toewijzing arrives after a newer one, then the newer one stays (OP033x1)', async () => {
      const h = await make();
      await assigned(h);
      (await h.submit('JW301', jw301({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-12-31', datum: '2026-02-02' }] }), at('2026-02-02')));
      (await h.submit('JW301', jw301({ dag: '2026-02-03', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-03-31', datum: '2026-01-20' }] }), at('2026-02-03')));
      expect(h.store.toewijzing(DIEMEN, 5001)?.einddatum).toBe('2026-12-31');
    });
  });

  describe('bedrijfsregels of the toewijzing and the verzoeken without a retourcode, as signals: OP002, OP087, OP259, OP380, OP307, OP345', () => {
    /** The signal findings of an outcome: rule and pointer. */
    const signals = (o: Outcome) => o.warnings.filter((w) => w.signal === true).map((w) => `${w.rule} ${w.pointer}`);

    it('when a JW301 leaves out a current toewijzing of the child, then it is accepted with an OP087 signal; one that lists it, or leaves out only one that ended, has none', async () => {
      const h = await make();
      await assigned(h);
      const without = await h.submit('JW301', jw301({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5002, categorie: '46', code: '46A01', ingang: '2026-02-02', eind: '2026-06-30' }] }), at('2026-02-02'));
      expect(without.accepted).toBe(true);
      expect(signals(without)).toEqual(['OP087 /Client/ToegewezenProducten']);
      expect(without.warnings[0]).toMatchObject({ rule: 'OP087', signal: true, subject: h.pseudonym(TOM), migration: false });
      expect(without.warnings[0]!.detail).toContain('5001');
      expect(signals(await h.submit('JW301', jw301({ dag: '2026-02-03', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }, { nummer: 5002, categorie: '46', code: '46A01', ingang: '2026-02-02', eind: '2026-06-30' }] }), at('2026-02-03'), { keeps: ['OP087', 'OP259'] }))).toEqual([]);
      // 5001 withdrawn to the end of February; in July it is no longer current and may be left out.
      expect(signals(await h.submit('JW301', jw301({ dag: '2026-02-04', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-02-28', reden: '05', datum: '2026-02-04' }, { nummer: 5002, categorie: '46', code: '46A01', ingang: '2026-02-02', eind: '2026-06-30' }] }), at('2026-02-04'), { keeps: ['OP087', 'OP259'] }))).toEqual([]);
      expect(signals(await h.submit('JW301', jw301({ dag: '2026-07-01', bsn: TOM, products: [{ nummer: 5003, categorie: '46', code: '46A01', ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-07-01' }] }), at('2026-07-01'), { keeps: ['OP087', 'OP259', 'OP380'] }))).toEqual([]);
    });

    it('when a toewijzing assigns a product again for a period an earlier toewijzing of it covers, then it is accepted with an OP259 signal; another product, or after the first ended, none', async () => {
      const h = await make();
      await assigned(h);
      // 5002 beside 5001 in one JW301 would be TR302's; a JW301 of 5002 alone also leaves 5001 out (OP087).
      const stacked = await h.submit('JW301', jw301({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5002, ingang: '2026-03-01', eind: '2026-09-30', datum: '2026-02-02' }] }), at('2026-02-02'));
      expect(stacked.accepted).toBe(true);
      expect(signals(stacked)).toEqual(['OP087 /Client/ToegewezenProducten', 'OP259 /Client/ToegewezenProducten/ToegewezenProduct/0']);
      expect(stacked.refusals).toEqual([]);
      const other = await make();
      await assigned(other);
      expect(signals(await other.submit('JW301', jw301({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }, { nummer: 5002, code: '45A04', ingang: '2026-03-01', eind: '2026-09-30', datum: '2026-02-02' }, { nummer: 5003, ingang: '2026-08-01', eind: '2026-09-30', datum: '2026-02-02' }] }), at('2026-02-02'), { keeps: ['OP259', 'OP087', 'OP380'] }))).toEqual([]);
    });

    it('when a product without a Code (aspecific) overlaps one of its Categorie, then OP259 reads the Categorie', async () => {
      const h = await make();
      await assigned(h);
      const r = await h.submit('JW301', jw301({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5002, code: null, ingang: '2026-03-01', eind: '2026-06-30', omvang: null, budget: 50000, datum: '2026-02-02' }] }), at('2026-02-02'));
      expect(signals(r)).toEqual(['OP087 /Client/ToegewezenProducten', 'OP259 /Client/ToegewezenProducten/ToegewezenProduct/0']);
    });

    it('when a care period is extended with a new toewijzing of the same product and Omvang before the first ends, then it is accepted with an OP380 signal; with a changed Omvang, or after it ended, none', async () => {
      const h = await make();
      await assigned(h);
      const renewed = await h.submit('JW301', jw301({ dag: '2026-06-15', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }, { nummer: 5002, ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-06-15' }] }), at('2026-06-15'));
      expect(renewed.accepted).toBe(true);
      expect(signals(renewed)).toEqual(['OP380 /Client/ToegewezenProducten/ToegewezenProduct/1']);
      const changed = await make();
      await assigned(changed);
      expect(signals(await changed.submit('JW301', jw301({ dag: '2026-06-15', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }, { nummer: 5002, ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-06-15', omvang: { volume: 6, eenheid: '04', frequentie: '2' } }] }), at('2026-06-15'), { keeps: ['OP380', 'OP259', 'OP087'] }))).toEqual([]);
      const late = await make();
      await assigned(late);
      expect(signals(await late.submit('JW301', jw301({ dag: '2026-07-01', bsn: TOM, products: [{ nummer: 5002, ingang: '2026-07-01', eind: '2026-12-31', datum: '2026-07-01' }] }), at('2026-07-01'), { keeps: ['OP380'] }))).toEqual([]);
    });

    it('when a VOT asks for a product and period a current toewijzing covers, then it is accepted with an OP307 signal; for a period after it, none', async () => {
      const h = await make();
      await assigned(h);
      // The VOT asks from 2026-04-01 (the sample's ToewijzingIngangsdatum), inside toewijzing 5001 (to 2026-06-30).
      const r = await h.submit('JW315', jw315({ dag: '2026-02-02', bsn: TOM, products: [{ ref: 'R2' }] }), at('2026-02-02'));
      expect(r.accepted).toBe(true);
      expect(signals(r)).toEqual(['OP307 /Client/AangevraagdeProducten/AangevraagdProduct/0']);
      const later = await make();
      await assigned(later, { eind: '2026-03-31' });
      // The VOT asks from 2026-04-01 (the sample's ToewijzingIngangsdatum), after a toewijzing that ends in March.
      expect(signals(await later.submit('JW315', jw315({ dag: '2026-02-02', bsn: TOM, products: [{ ref: 'R2' }] }), at('2026-02-02'), { keeps: ['OP307'] }))).toEqual([]);
    });

    it('when a VOW asks from a past day for a smaller Omvang than the care already declared, then it is accepted with an OP345 signal; the same Omvang, or from a later day, none', async () => {
      const h = await make();
      await assigned(h, { start: true });
      // January: 16 uur, the most 4 uur per week allows in its 4 calendar weeks.
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', volume: 16 }] }] }), at('2026-02-03'))).accepted).toBe(true);
      const smaller = { volume: 3, eenheid: '04', frequentie: '2' };
      const r = await h.submit('JW317', jw317({ dag: '2026-02-04', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-06-30', omvang: smaller }] }), at('2026-02-04'));
      expect(r.accepted).toBe(true);
      expect(signals(r)).toEqual(['OP345 /Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/0/Omvang']);
      expect(r.warnings[0]!.detail).toContain('P1');
      const same = await make();
      await assigned(same, { start: true });
      expect((await same.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', volume: 16 }] }] }), at('2026-02-03'))).accepted).toBe(true);
      expect(signals(await same.submit('JW317', jw317({ dag: '2026-02-04', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31', omvang: { volume: 4, eenheid: '04', frequentie: '2' } }] }), at('2026-02-04'), { keeps: ['OP345'] }))).toEqual([]);
      expect((await same.submit('JW319', jw319({ dag: '2026-02-05', ref: 'W1', antwoord: '1' }), at('2026-02-05'))).accepted).toBe(true);
      const later = await same.submit('JW317', jw317({ dag: '2026-02-05', bsn: TOM, ref: 'W2', teWijzigen: [{ nummer: 5001, gewenst: '2026-03-01', eind: '2026-06-30', omvang: smaller }] }), at('2026-02-05'), { keeps: ['OP345'] });
      expect(signals(later)).toEqual([]);
    });

    it('when a JW301 for a child under 16 carries no Relatie, then it is accepted with an OP002 signal; with the sample\'s Relaties, or after a VOT said GezagsdragerBekend 1 (OP002x1), none', async () => {
      const h = await make();
      const bare = (m: Record<string, any>, geboortedatum?: Record<string, string>): Record<string, any> => {
        delete m['Client']['Relaties'];
        if (geboortedatum !== undefined) m['Client']['Geboortedatum'] = geboortedatum;
        return m;
      };
      // The sample's client was born on 2010-02-14: 15 on the Dagtekening.
      const r = await h.submit('JW301', bare(jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }] })), AT);
      expect(r.accepted).toBe(true);
      expect(signals(r)).toEqual(['OP002 /Client']);
      expect(signals(await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }] }), AT, { keeps: ['OP002'] }))).toEqual([]);
      // Only the month known (DatumGebruik 1): March 2010 is under 16 whatever the day; only the year (2): 2010 may be 16 already.
      expect(signals(await h.submit('JW301', bare(jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 6001, ingang: DAY, eind: '2026-06-30' }] }), { Datum: '2010-03-01', DatumGebruik: '1' }), AT))).toEqual(['OP002 /Client']);
      expect(signals(await h.submit('JW301', bare(jw301({ dag: DAY, bsn: NOOR, products: [{ nummer: 7001, ingang: DAY, eind: '2026-06-30' }] }), { Datum: '2010-01-01', DatumGebruik: '2' }), AT, { keeps: ['OP002'] }))).toEqual([]);
      const known = await make();
      const vot = jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      vot['Client']['GezagsdragerBekend'] = '1';
      expect((await known.submit('JW315', vot, AT)).accepted).toBe(true);
      expect(signals(await known.submit('JW301', bare(jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ref: 'R1', ingang: DAY, eind: '2026-06-30' }] })), AT, { keeps: ['OP002'] }))).toEqual([]);
    });

    it('when a signal rule is off, then the message is accepted without it; in strict mode a signal never refuses', async () => {
      const h = await make({ modes: { mode: 'strict', rules: { OP307: 'off' } } });
      await assigned(h);
      const r = await h.submit('JW315', jw315({ dag: '2026-02-02', bsn: TOM, products: [{ ref: 'R2' }] }), at('2026-02-02'));
      expect(r.accepted).toBe(true);
      expect(r.warnings).toEqual([]);
    });
  });

  describe('start: TR019, TR074, TR326, TR063, TR071', () => {
    it('when a start names a ToewijzingNummer the gemeente never assigned on a known path, then it is refused with 9019', async () => {
      const h = await make();
      await assigned(h);
      const r = (await h.submit('JW305', jw305({ dag: DAY, bsn: TOM, products: [{ nummer: 9999, begin: DAY }] }), AT));
      expect(codes(r.refusals)).toEqual(['TR019/9019']);
      expect(r.refusals[0]!.pointer).toBe('/Client/StartProducten/StartProduct/0/ToewijzingNummer');
      expect((await h.submit('JW305', jw305({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, begin: DAY }] }), AT, { keeps: ['TR019', 'TR074', 'TR326'] })).accepted).toBe(true);
    });

    it('when a start names a toewijzing of another aanbieder, then it is refused with 9019 (not a migration case)', async () => {
      const h = await make();
      await assigned(h);
      const r = (await h.submit('JW305', jw305({ dag: DAY, aanbieder: HORIZON, bsn: TOM, products: [{ nummer: 5001, begin: DAY }] }), AT));
      expect(codes(r.refusals)).toEqual(['TR019/9019']);
    });

    it('when a start arrives on a path the gateway never saw, then it is accepted with a migration warning', async () => {
      const h = await make();
      const r = (await h.submit('JW305', jw305({ dag: DAY, bsn: NOOR, products: [{ nummer: 4242, begin: DAY }] }), AT));
      expect(r.accepted).toBe(true);
      expect(codes(r.warnings)).toEqual(['TR019/9019']);
      expect(r.warnings[0]!.migration).toBe(true);
    });

    it('when the same start is sent twice, then the second is refused with 9074', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect(codes((await h.submit('JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] }), at('2026-01-13'))).refusals)).toEqual(['TR074/9074']);
    });

    it('when a second start comes while the first has no stop, then it is refused with 9326; after a tijdelijke stop it is accepted', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect(codes((await h.submit('JW305', jw305({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-19' }] }), at('2026-01-20'))).refusals)).toEqual(['TR326/9326']);
      expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', reden: '20' }] }), at('2026-01-20'))).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5001, begin: '2026-02-02' }] }), at('2026-02-02'), { keeps: ['TR326', 'TR074'] })).accepted).toBe(true);
    });

    it('when a start is removed that was never sent, then 9063; when its stop exists, then 9071; otherwise it is removed', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect(codes((await h.submit('JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-11', status: '3' }] }), at('2026-01-13'))).refusals)).toEqual(['TR063/9063']);
      (await h.submit('JW307', jw307({ dag: '2026-01-14', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-13', reden: '31' }] }), at('2026-01-14')));
      expect(codes((await h.submit('JW305', jw305({ dag: '2026-01-15', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', status: '3' }] }), at('2026-01-15'))).refusals)).toEqual(['TR071/9071']);
      expect((await h.submit('JW307', jw307({ dag: '2026-01-15', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-13', reden: '31', status: '3' }] }), at('2026-01-15'), { keeps: ['TR063'] })).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-01-15', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', status: '3' }] }), at('2026-01-15'), { keeps: ['TR063', 'TR071'] })).accepted).toBe(true);
      // Corrected: the start sent again with another Begindatum.
      expect((await h.submit('JW305', jw305({ dag: '2026-01-16', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-14' }] }), at('2026-01-16'))).accepted).toBe(true);
    });

    it('when a message starts and removes in sequence, then each product sees the ones before it', async () => {
      const h = await make();
      await assigned(h);
      const twice = (await h.submit('JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }, { nummer: 5001, begin: '2026-01-13' }] }), at('2026-01-13')));
      expect(codes(twice.refusals)).toEqual(['TR326/9326']);
      expect(twice.refusals[0]!.pointer).toBe('/Client/StartProducten/StartProduct/1');
    });
  });

  describe('stop: TR382 (9069), TR413, TR414, TR415, OP072', () => {
    it('when a stop names no current start, then it is refused with 9069', async () => {
      const h = await make();
      await assigned(h);
      const r = (await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19' }] }), at('2026-01-20')));
      expect(codes(r.refusals)).toEqual(['TR382/9069']);
      expect(r.refusals[0]!.pointer).toBe('/Client/StopProducten/StopProduct/0/Begindatum');
      expect((await h.submit('JW305', jw305({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] }), at('2026-01-20'))).accepted).toBe(true);
      expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19' }] }), at('2026-01-20'), { keeps: ['TR382', 'TR019'] })).accepted).toBe(true);
    });

    it('when a stop comes on a toewijzing issued before the gateway kept care paths, then a missing start is a migration warning', async () => {
      const h = await make();
      // The first message the gateway sees is a resend of a toewijzing issued in 2025.
      expect((await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 77, ingang: '2025-09-01', eind: '2026-12-31', datum: '2025-08-20' }] }), AT)).accepted).toBe(true);
      const r = (await h.submit('JW307', jw307({ dag: DAY, bsn: TOM, products: [{ nummer: 77, begin: '2025-09-03', eind: '2026-01-08' }] }), AT));
      expect(r.accepted).toBe(true);
      expect(codes(r.warnings)).toEqual(['TR382/9069']);
    });

    it('when a second tijdelijke stop comes for one start, then 9413; a definitieve stop before the tijdelijke one, then 9414', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', reden: '20' }] }), at('2026-01-20'), { keeps: ['TR382', 'TR413', 'TR415'] })).accepted).toBe(true);
      expect(codes((await h.submit('JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19', reden: '20' }] }), at('2026-01-21'))).refusals)).toEqual(['TR413/9413']);
      expect(codes((await h.submit('JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-15', reden: '31' }] }), at('2026-01-21'))).refusals)).toEqual(['TR414/9414']);
      expect((await h.submit('JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-20', reden: '31' }] }), at('2026-01-21'), { keeps: ['TR413', 'TR414', 'TR415', 'TR074'] })).accepted).toBe(true);
    });

    it('when a stop follows a definitieve stop, then it is refused with 9415; the very same stop again with 9074', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const stop = { nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', reden: '31' };
      expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [stop] }), at('2026-01-20'))).accepted).toBe(true);
      expect(codes((await h.submit('JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ ...stop, eind: '2026-01-19', reden: '33' }] }), at('2026-01-21'))).refusals)).toEqual(['TR415/9415']);
      expect(codes((await h.submit('JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [stop] }), at('2026-01-21'))).refusals)).toEqual(['TR074/9074']);
    });

    it('when a stop is removed that was never sent, then it is refused with 9063', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect(codes((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', status: '3' }] }), at('2026-01-20'))).refusals)).toEqual(['TR063/9063']);
    });
  });

  describe('intrekking and removal of a toewijzing', () => {
    it('when a toewijzing is removed with RedenWijziging 13, then a start on it is refused with 9019 and its start term is cancelled', async () => {
      const h = await make();
      await assigned(h);
      expect((await h.submit('JW301', jw301({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: DAY, reden: '13', datum: '2026-01-12' }] }), at('2026-01-12'))).accepted).toBe(true);
      expect(h.store.toewijzing(DIEMEN, 5001)?.removed).toBe(true);
      expect(h.store.deadline(toewijzingDeadlineId('start', DIEMEN, 5001))?.status).toBe('cancelled');
      expect(codes((await h.submit('JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-13' }] }), at('2026-01-13'))).refusals)).toEqual(['TR019/9019']);
    });

    it('when a toewijzing with ongoing care is withdrawn with an earlier Einddatum, then the stop term (OP272) moves with it', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect(h.store.deadline(toewijzingDeadlineId('stop', DIEMEN, 5001))?.deadline.dueDay).toBe('2026-07-07');
      (await h.submit('JW301', jw301({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-02-27', reden: '05', datum: '2026-02-02' }] }), at('2026-02-02')));
      const stop = h.store.deadline(toewijzingDeadlineId('stop', DIEMEN, 5001));
      expect(stop?.deadline.dueDay).toBe('2026-03-06');
      expect(stop?.deadline.overdueOn).toBe('2026-03-09');
      (await h.submit('JW307', jw307({ dag: '2026-02-27', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-02-27', reden: '36' }] }), at('2026-02-27')));
      expect(h.store.deadline(toewijzingDeadlineId('stop', DIEMEN, 5001))?.status).toBe('met');
    });
  });

  describe('verzoek om wijziging: TR349, TR350, TR351, TR357, TR373, TR411, TR412', () => {
    async function twoToewijzingen(h: RuleHarness): Promise<void> {
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }, { ref: 'R2', categorie: '45', code: '45A04' }] }), AT));
      (await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 1, ref: 'R1', ingang: DAY, eind: '2026-06-30' }, { nummer: 2, ref: 'R2', code: '45A04', ingang: DAY, eind: '2026-06-30' }] }), AT));
    }

    it('when a JW317 lists every current toewijzing, then it is accepted and answered within 5 werkdagen', async () => {
      const h = await make();
      await twoToewijzingen(h);
      const r = (await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02'), { keeps: ['TR349', 'TR350', 'TR351', 'TR357', 'TR373', 'TR411', 'TR374', 'TR347'] }));
      expect(r.refusals).toEqual([]);
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'W1'))?.deadline).toMatchObject({ rule: 'OP346', dueDay: '2026-02-09', overdueOn: '2026-02-10' });
    });

    it('when a JW301 honours a JW317 by extending the existing toewijzing, then the request is toegewezen and a new request is possible', async () => {
      const h = await make();
      await twoToewijzingen(h);
      (await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02')));
      // The Omvang the JW317 asked (6 uur per week) taken over (OP348).
      const extended = (await h.submit('JW301', jw301({ dag: '2026-02-04', bsn: TOM, products: [{ nummer: 1, ref: 'W1', ingang: DAY, eind: '2026-12-31', reden: '12', datum: '2026-02-04', omvang: { volume: 6, eenheid: '04', frequentie: '2' } }, { nummer: 2, code: '45A04', ingang: DAY, eind: '2026-06-30' }] }), at('2026-02-04'), { keeps: ['OP348', 'OP087'] }));
      expect(extended.refusals).toEqual([]);
      expect(h.store.request(DE_BRUG, 'W1')).toMatchObject({ status: 'toegewezen', toewijzingNummer: 1, toegewezenDay: '2026-02-04' });
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'W1'))?.status).toBe('met');
      expect(h.store.toewijzing(DIEMEN, 1)?.einddatum).toBe('2026-12-31');
      expect((await h.submit('JW317', jw317({ dag: '2026-03-02', bsn: TOM, ref: 'W2', ongewijzigd: [1, 2], nieuw: [{ categorie: '46', code: '46A01', gewenst: '2026-04-01', eind: '2026-12-31' }] }), at('2026-03-02'))).refusals).toEqual([]);
    });

    it('when a JW301 honours a JW317 with another Omvang than it asked, or a product it did not ask for, then it is accepted with an OP348 signal; a new number for what was asked is fine', async () => {
      const h = await make();
      await twoToewijzingen(h);
      // Toewijzing 1 to 6 uur per week (the fixture's Omvang) to the end of the year, and 46A01 anew.
      (await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-12-31' }], nieuw: [{ categorie: '46', code: '46A01', gewenst: '2026-03-01', eind: '2026-12-31' }] }), at('2026-02-02')));
      const r = await h.submit('JW301', jw301({ dag: '2026-02-04', bsn: TOM, products: [{ nummer: 1, ref: 'W1', ingang: DAY, eind: '2026-12-31', reden: '12', datum: '2026-02-04' }, { nummer: 2, code: '45A04', ingang: DAY, eind: '2026-06-30' }, { nummer: 3, ref: 'W1', categorie: '47', code: '47A02', ingang: '2026-03-01', eind: '2026-12-31', datum: '2026-02-04' }] }), at('2026-02-04'));
      expect(r.accepted).toBe(true);
      expect(r.warnings.filter((w) => w.signal === true).map((w) => `${w.rule} ${w.pointer}`)).toEqual(['OP348 /Client/ToegewezenProducten/ToegewezenProduct/0/Omvang', 'OP348 /Client/ToegewezenProducten/ToegewezenProduct/2/Omvang']);
      const taken = await make();
      await twoToewijzingen(taken);
      (await taken.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-12-31' }], nieuw: [{ categorie: '46', code: '46A01', gewenst: '2026-03-01', eind: '2026-12-31' }] }), at('2026-02-02')));
      // The new product under number 3 with the Omvang asked (4 uur per week, the fixture's for a NieuwProduct), a later Ingangsdatum.
      expect((await taken.submit('JW301', jw301({ dag: '2026-02-04', bsn: TOM, products: [{ nummer: 1, ref: 'W1', ingang: DAY, eind: '2026-12-31', reden: '12', datum: '2026-02-04', omvang: { volume: 6, eenheid: '04', frequentie: '2' } }, { nummer: 2, code: '45A04', ingang: DAY, eind: '2026-06-30' }, { nummer: 3, ref: 'W1', categorie: '46', code: '46A01', ingang: '2026-04-01', eind: '2026-12-31', datum: '2026-02-04' }] }), at('2026-02-04'), { keeps: ['OP348', 'TR379'] })).accepted).toBe(true);
    });

    it('when a current toewijzing is left out, then 9349; an unknown number is 9350 or 9351', async () => {
      const h = await make();
      await twoToewijzingen(h);
      expect(codes((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02'))).refusals)).toEqual(['TR349/9349']);
      expect(codes((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W2', ongewijzigd: [2, 3], teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-06-30' }] }), at('2026-02-02'))).refusals)).toEqual(['TR350/9350']);
      expect(codes((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W3', ongewijzigd: [1, 2], teWijzigen: [{ nummer: 4, gewenst: DAY, eind: '2026-06-30' }] }), at('2026-02-02'))).refusals)).toEqual(['TR351/9351']);
    });

    it('when the wished start lies in the past but differs from the Ingangsdatum, then 9357; a budget change from a later date, then 9373', async () => {
      const h = await make();
      await twoToewijzingen(h);
      expect(codes((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: '2026-01-20', eind: '2026-06-30' }] }), at('2026-02-02'))).refusals)).toEqual(['TR357/9357']);
      const budget = (await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W2', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: '2026-03-01', eind: '2026-06-30', budget: 100000 }] }), at('2026-02-02')));
      expect(codes(budget.refusals)).toEqual(['TR373/9373', 'TR411/9411']);
      // A later GewensteIngangsdatum is fine when neither the budget nor the total changes.
      expect((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W3', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: '2026-03-01', eind: '2026-06-30', omvang: { volume: 6, eenheid: '04', frequentie: '2' } }] }), at('2026-02-02'), { keeps: ['TR357', 'TR373', 'TR411'] })).accepted).toBe(true);
    });

    it('when a VOW asks for a product again in a period its listed toewijzing of that product covers, then it is refused with 9361; after that toewijzing ends it is accepted', async () => {
      const h = await make();
      await twoToewijzingen(h);
      const again = { categorie: '45', code: '45A03', gewenst: '2026-07-01', eind: '2026-12-31' };
      // Toewijzing 1 (45A03) extended to the end of the year, and 45A03 asked for anew from July.
      const r = await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [2], teWijzigen: [{ nummer: 1, gewenst: DAY, eind: '2026-12-31' }], nieuw: [again] }), at('2026-02-02'));
      expect(codes(r.refusals)).toEqual(['TR361/9361']);
      expect(r.refusals[0]!.pointer).toBe('/Client/Verzoek/NieuweProducten/NieuwProduct/0');
      // Another code of the category (45A04, toewijzing 2) over the same months is no stapeling: TR361 reads the Code.
      expect((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W2', ongewijzigd: [1, 2], nieuw: [again] }), at('2026-02-02'), { keeps: ['TR361', 'TR349'] })).accepted).toBe(true);
    });

    it('when the toewijzing has no product code, then an Omvang is refused with 9412; with a code, a missing Omvang with 9411', async () => {
      const h = await make();
      (await h.submit('JW301', jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 8, code: null, ingang: DAY, eind: '2026-12-31', omvang: null, budget: 50000 }] }), AT));
      expect(codes((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: ANNA, ref: 'W1', teWijzigen: [{ nummer: 8, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02'))).refusals)).toEqual(['TR412/9412']);
      expect((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: ANNA, ref: 'W2', teWijzigen: [{ nummer: 8, gewenst: DAY, omvang: null, eind: '2026-12-31', budget: 60000 }] }), at('2026-02-02'), { keeps: ['TR412', 'TR373', 'TR411'] })).accepted).toBe(true);
    });

    it('when the toewijzing has no Product at all, then an Omvang is refused with 9375 (and 9412); a budget change alone is accepted', async () => {
      const h = await make();
      (await h.submit('JW301', jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 9, categorie: null, ingang: DAY, eind: '2026-12-31', omvang: null, budget: 50000 }] }), AT));
      const r = await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: ANNA, ref: 'W1', teWijzigen: [{ nummer: 9, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02'));
      expect(codes(r.refusals)).toEqual(['TR375/9375', 'TR412/9412']);
      expect(r.refusals[0]!.pointer).toBe('/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/0/Omvang');
      expect((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: ANNA, ref: 'W2', teWijzigen: [{ nummer: 9, gewenst: DAY, omvang: null, eind: '2026-12-31', budget: 60000 }] }), at('2026-02-02'), { keeps: ['TR375', 'TR412'] })).accepted).toBe(true);
    });
  });

  describe('declaratie: TR333, TR314, TR338, TR304, TR384, TR307, TR308, TR339, TR340, TR341, TR387, TR388, TR389, TR323, TR390', () => {
    const P = (o: Partial<Parameters<typeof jw323>[0]['clients'][number]['prestaties'][number]> = {}) => ({ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', ...o });

    it('when a declaratie declares an assigned product within its period, then it is accepted and its answer is due in 10 werkdagen', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const keeps = ['TR333', 'TR314', 'TR338', 'TR304', 'TR384', 'TR307', 'TR308', 'TR339', 'TR340', 'TR341', 'TR387', 'TR388', 'TR389'];
      const r = (await h.submit('JW323', jw323({ id: 'DECL-1', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03'), { keeps }));
      expect(r.refusals).toEqual([]);
    });

    it('when numbers are reused, then 9333 for the declaration and 8021 for the prestatie', async () => {
      const h = await make();
      await assigned(h, { start: true });
      (await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03')));
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03'))).refusals)).toEqual(['TR333/9333']);
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03'))).refusals)).toEqual(['TR314/8021']);
      expect((await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03'), { keeps: ['TR333', 'TR314', 'TR387', 'TR388'] })).accepted).toBe(true);
    });

    it('when a prestatie does not fit its toewijzing, then each broken rule has its own retourcode', async () => {
      const h = await make();
      await assigned(h, { start: true });
      await assigned(h, { bsn: ANNA, nummer: 6001 });
      const r = (await h.submit(
        'JW323',
        jw323({
          dag: '2026-08-03',
          nummer: 'D1',
          clients: [
            {
              bsn: TOM,
              prestaties: [
                P({ ref: 'A', nummer: 4040 }),
                P({ ref: 'B', nummer: 6001 }),
                P({ ref: 'C', begin: '2026-01-01' }),
                P({ ref: 'E', categorie: '46', code: '46A01' }),
                P({ ref: 'F', eenheid: '14' }),
                P({ ref: 'G', begin: '2026-01-12' }),
                P({ ref: 'H', eind: '2026-01-30' }),
              ],
            },
          ],
        }),
        at('2026-08-03'),
      ));
      expect(codes(r.refusals)).toEqual(['TR338/9338', 'TR304/8187', 'TR307/9307', 'TR387/9387', 'TR339/9339', 'TR340/9340', 'TR341/9341', 'TR387/9387', 'TR388/9388']);
      // A month after the toewijzing ended (a declaration covers one DeclaratiePeriode, iJw TR319).
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-08-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'D', begin: '2026-07-01', eind: '2026-07-31' })] }] }), at('2026-08-03'))).refusals)).toEqual(['TR308/9308']);
    });

    it('when minutes are declared on a toewijzing in hours, then the Eenheid fits (TR341)', async () => {
      const h = await make();
      await assigned(h, { start: true });
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ eenheid: '01', volume: 240 })] }] }), at('2026-02-03'), { keeps: ['TR341'] })).refusals).toEqual([]);
    });

    it('when a period is declared twice, then 9389; a credit of an unknown debit 8017; a second credit 9390; after the credit a new debit is accepted', async () => {
      const h = await make();
      await assigned(h, { start: true });
      (await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03')));
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-04', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2' })] }] }), at('2026-02-04'))).refusals)).toEqual(['TR389/9389']);
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-04', nummer: 'D3', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P3', vorig: 'NOPE', dc: 'C' })] }] }), at('2026-02-04'))).refusals)).toEqual(['TR323/8017']);
      expect((await h.submit('JW323', jw323({ dag: '2026-02-04', nummer: 'D4', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P4', vorig: 'P1', dc: 'C' })] }] }), at('2026-02-04'), { keeps: ['TR323', 'TR390'] })).accepted).toBe(true);
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-05', nummer: 'D5', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P5', vorig: 'P1', dc: 'C' })] }] }), at('2026-02-05'))).refusals)).toEqual(['TR390/9390']);
      expect((await h.submit('JW323', jw323({ dag: '2026-02-05', nummer: 'D6', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P6', volume: 3 })] }] }), at('2026-02-05'), { keeps: ['TR389'] })).accepted).toBe(true);
    });

    it('when a toewijzing was removed with RedenWijziging 13, then declaring on it is refused with 9384', async () => {
      const h = await make();
      await assigned(h);
      (await h.submit('JW301', jw301({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: DAY, reden: '13', datum: '2026-01-12' }] }), at('2026-01-12')));
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ eind: DAY })] }] }), at('2026-02-03'))).refusals)).toEqual(['TR384/9384']);
    });
  });

  describe('declared volume against the toewijzing: TR321, TR322, TR369', () => {
    const P = (o: Partial<Parameters<typeof jw323>[0]['clients'][number]['prestaties'][number]> = {}) => ({ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', ...o });
    /** A toewijzing 5001 for TOM from DAY to 2026-06-30 with this Omvang or Budget, and its start. */
    async function withOmvang(h: RuleHarness, o: { omvang?: { volume: number; eenheid: string; frequentie: string }; budget?: number }): Promise<void> {
      const product = o.budget !== undefined ? { code: null, omvang: null, budget: o.budget } : { omvang: o.omvang };
      expect((await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30', ...product }] }), AT)).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', ...(o.budget !== undefined ? { code: '45A03' } : {}) }] }), at('2026-01-12'))).accepted).toBe(true);
    }

    it('when 4 uur per week is assigned, then 9 to 31 January (4 calendar weeks) takes 16 uur or 960 minuten, and 17 uur or 961 minuten is refused with 9321', async () => {
      const h = await make();
      await withOmvang(h, { omvang: { volume: 4, eenheid: '04', frequentie: '2' } });
      const over = await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 17 })] }] }), at('2026-02-03'));
      expect(codes(over.refusals)).toEqual(['TR321/9321']);
      expect(over.refusals[0]!.pointer).toBe('/Declaratie/Clienten/Client/0/Prestaties/Prestatie/0/GeleverdVolume');
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', volume: 961, eenheid: '01' })] }] }), at('2026-02-03'))).refusals)).toEqual(['TR321/9321']);
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D3', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P3', volume: 960, eenheid: '01' })] }] }), at('2026-02-03'), { keeps: ['TR321', 'TR322'] })).accepted).toBe(true);
    });

    it('when 10 uur per maand is assigned, then a part of January still takes the month\'s 10 uur, and 11 is refused with 9321', async () => {
      const h = await make();
      await withOmvang(h, { omvang: { volume: 10, eenheid: '04', frequentie: '4' } });
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 11 })] }] }), at('2026-02-03'))).refusals)).toEqual(['TR321/9321']);
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', volume: 10 })] }] }), at('2026-02-03'), { keeps: ['TR321'] })).accepted).toBe(true);
    });

    it('when 2 uur per dag are assigned, then 23 days take 46 uur or 2760 minuten, and 47 uur is refused with 9321', async () => {
      const h = await make();
      await withOmvang(h, { omvang: { volume: 2, eenheid: '04', frequentie: '1' } });
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 47 })] }] }), at('2026-02-03'))).refusals)).toEqual(['TR321/9321']);
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', volume: 2760, eenheid: '01' })] }] }), at('2026-02-03'), { keeps: ['TR321', 'TR322'] })).accepted).toBe(true);
    });

    it('when 10 uur in total is assigned, then the prestaties together take 10 uur: an 11th is refused with 9322, unless a JW325 rejected the earlier ones', async () => {
      const h = await make();
      await withOmvang(h, { omvang: { volume: 10, eenheid: '04', frequentie: '6' } });
      const february = (ref: string, volume: number) => P({ ref, begin: '2026-02-01', eind: '2026-02-28', volume });
      // February and, later in the same message, January: together 11 uur.
      const over = await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [february('P2', 5), P({ volume: 6 })] }] }), at('2026-03-03'));
      expect(codes(over.refusals)).toEqual(['TR322/9322']);
      expect(over.refusals[0]!.pointer).toBe('/Declaratie/Clienten/Client/0/Prestaties/Prestatie/1/GeleverdVolume');
      const tenUur = [february('P3', 4), P({ ref: 'P4', volume: 6 })];
      const ten = jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: tenUur }] });
      expect((await h.submit('JW323', ten, at('2026-03-03'), { keeps: ['TR321', 'TR322'] })).accepted).toBe(true);
      const march = (ref: string, nummer: string) => jw323({ dag: '2026-04-02', nummer, clients: [{ bsn: TOM, prestaties: [P({ ref, begin: '2026-03-01', eind: '2026-03-31', volume: 1 })] }] });
      expect(codes((await h.submit('JW323', march('P5', 'D3'), at('2026-04-02'))).refusals)).toEqual(['TR322/9322']);
      // The gemeente rejected the prestaties of 10 uur: they no longer count.
      expect((await h.submit('JW325', jw325({ dag: '2026-04-02', declaratie: ten, rejected: [{ bsn: TOM, prestaties: tenUur }] }), at('2026-04-02'))).accepted).toBe(true);
      expect((await h.submit('JW323', march('P6', 'D4'), at('2026-04-02'), { keeps: ['TR321', 'TR322'] })).accepted).toBe(true);
    });

    it('when a Budget of 500 euro is assigned, then prestaties in euro\'s take 500 euro together and one cent more is refused with 9369', async () => {
      const h = await make();
      await withOmvang(h, { budget: 50000 });
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 30000, eenheid: '83' })] }] }), at('2026-02-03'), { keeps: ['TR369'] })).accepted).toBe(true);
      const over = await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28', volume: 20001, eenheid: '83' })] }] }), at('2026-03-03'));
      expect(codes(over.refusals)).toEqual(['TR369/9369']);
      expect((await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D3', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P3', begin: '2026-02-01', eind: '2026-02-28', volume: 20000, eenheid: '83' })] }] }), at('2026-03-03'), { keeps: ['TR369'] })).accepted).toBe(true);
    });

    it('when the units do not compare (etmalen declared on a toewijzing in uren), then TR321 and TR322 judge nothing (TR341 refuses the unit)', async () => {
      const h = await make();
      await withOmvang(h, { omvang: { volume: 1, eenheid: '04', frequentie: '6' } });
      expect(codes((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 20, eenheid: '14' })] }] }), at('2026-02-03'))).refusals)).toEqual(['TR341/9341']);
    });
  });

  describe('declaratie-antwoord: TR337, TR376, TR371, TR366, TR367, TR304', () => {
    it('when a JW325 answers a JW323 that was sent, then it is accepted, the rejected prestatie is marked and the answer term is met', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const declaratie = jw323({ id: 'DECL-1', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] });
      (await h.submit('JW323', declaratie, at('2026-02-03')));
      const answer = (await h.submit('JW325', jw325({ dag: '2026-02-10', declaratie, rejected: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] }), at('2026-02-10'), { keeps: ['TR337', 'TR376', 'TR371', 'TR366', 'TR367', 'TR304'] }));
      expect(answer.refusals).toEqual([]);
      expect(h.store.prestatie(DE_BRUG, 'P1')?.rejected).toBe(true);
      expect(h.store.deadline(`declaratie-answer:${DE_BRUG}:DECL-1`)?.status).toBe('met');
    });

    it('when a JW325 answers nothing that was sent, then TR337 (no retourcode); other mismatches TR376, TR366, TR367, TR304', async () => {
      const h = await make();
      await assigned(h, { start: true });
      await assigned(h, { bsn: ANNA, nummer: 6001 });
      const declaratie = jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] });
      (await h.submit('JW323', declaratie, at('2026-02-03')));
      const ghost = structuredClone(declaratie);
      ghost['Header']['BerichtIdentificatie']['Identificatie'] = 'NEVER';
      const none = (await h.submit('JW325', jw325({ dag: '2026-02-10', declaratie: ghost }), at('2026-02-10')));
      expect(codes(none.refusals)).toEqual(['TR337']);
      const wrong = (await h.submit(
        'JW325',
        jw325({ dag: '2026-02-10', declaratie, nummer: 'D9', rejected: [{ bsn: ANNA, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', volume: 5 }, { ref: 'P7', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] }),
        at('2026-02-10'),
      ));
      expect(codes(wrong.refusals)).toEqual(['TR376', 'TR304/8187', 'TR367/9367', 'TR367/9367', 'TR366/9366']);
    });

    it('when a JW325 names another XsdVersie for the declaration than the JW323 had, then it is refused (TR371, no retourcode)', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const declaratie = jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] });
      (await h.submit('JW323', declaratie, at('2026-02-03')));
      const other = jw325({ dag: '2026-02-10', declaratie });
      other['Header']['XsdVersieDeclaratie']['BerichtXsdVersie'] = '1.0.1';
      const r = await h.submit('JW325', other, at('2026-02-10'));
      expect(codes(r.refusals)).toEqual(['TR371']);
      expect(r.refusals[0]!.pointer).toBe('/Header/XsdVersieDeclaratie');
      expect((await h.submit('JW325', jw325({ dag: '2026-02-10', declaratie }), at('2026-02-10'), { keeps: ['TR337', 'TR376', 'TR371'] })).accepted).toBe(true);
    });
  });

  describe('retours: KP001, KP002, OP090, OP286 and OP065', () => {
    it('when the receiver sends the retour, then the retour term is met; a second retour is refused (KP001)', async () => {
      const h = await make();
      const heen = jw315({ id: 'H1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      (await h.submit('JW315', heen, AT));
      expect(h.store.deadline(retourDeadlineId('JW315', DE_BRUG, 'H1'))?.deadline).toMatchObject({ rule: 'OP090', owedBy: 'gemeente-diemen', dueDay: '2026-01-14', overdueOn: '2026-01-15' });
      const r = retour('JW315', heen);
      expect((await h.submit(r.type, r.message, AT, { keeps: ['KP001', 'KP002'] })).accepted).toBe(true);
      expect(h.store.deadline(retourDeadlineId('JW315', DE_BRUG, 'H1'))?.status).toBe('met');
      expect(codes((await h.submit(r.type, r.message, AT)).refusals)).toEqual(['KP001']);
    });

    it('when a retour holds a client it rejects nothing of, then it is accepted with an OP065 signal to its sender; without that client, or rejecting a class of it, none', async () => {
      const h = await make();
      const heen = jw315({ id: 'H1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      (await h.submit('JW315', heen, AT));
      const all = retour('JW315', heen, { keepApprovedClient: true });
      expect(all.message['Client']['RetourCodes']).toEqual({ RetourCode: ['0200'] });
      const r = await h.submit(all.type, all.message, AT);
      expect(r.accepted).toBe(true);
      expect(r.warnings).toMatchObject([{ rule: 'OP065', pointer: '/Client', signal: true, subject: h.pseudonym(TOM) }]);
      const other = await make();
      const heen2 = jw315({ id: 'H2', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      (await other.submit('JW315', heen2, AT));
      const bare = retour('JW315', heen2);
      expect(bare.message['Client']).toBeUndefined();
      expect((await other.submit(bare.type, bare.message, AT, { keeps: ['OP065', 'KP001', 'KP002'] })).warnings).toEqual([]);
      const heen3 = jw315({ id: 'H3', dag: DAY, bsn: ANNA, products: [{ ref: 'R2' }] });
      (await other.submit('JW315', heen3, AT));
      const rejecting = retour('JW315', heen3, { classes: { '/Client/AangevraagdeProducten/AangevraagdProduct/0': '9347' } });
      expect(rejecting.message['Client']).toBeDefined();
      expect((await other.submit(rejecting.type, rejecting.message, AT, { keeps: ['OP065'] })).warnings).toEqual([]);
    });

    it('when a party that did not receive the heen message sends its retour, then it is refused (KP002)', async () => {
      const h = await make();
      const heen = jw315({ id: 'H1', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      (await h.submit('JW315', heen, AT));
      const r = retour('JW315', heen);
      expect(codes((await h.submitAs(r.type, r.message, AT, 'gemeente-amsterdam', 'jeugdhulp-de-brug')).refusals)).toEqual(['KP002']);
    });

    it('when a retour rejects a start, then the start counts as never sent and may be sent again', async () => {
      const h = await make();
      await assigned(h);
      const start = jw305({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] });
      (await h.submit('JW305', start, at('2026-01-12')));
      const r = retour('JW305', start, { classes: { '/Client/StartProducten/StartProduct/0': '9019' } });
      expect((await h.submit(r.type, r.message, at('2026-01-13'))).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] }), at('2026-01-13'))).accepted).toBe(true);
    });

    it('when a retour rejects a JW315 as a whole, then its requests are void and their answer terms cancelled', async () => {
      const h = await make();
      const heen = jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] });
      (await h.submit('JW315', heen, AT));
      const r = retour('JW315', heen, { header: '0001' });
      (await h.submit(r.type, r.message, AT));
      expect(h.store.request(DE_BRUG, 'R1')?.status).toBe('void');
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))?.status).toBe('cancelled');
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R2' }] }), AT)).accepted).toBe(true);
    });
  });

  describe('the watchdog terms a message opens', () => {
    it('when a JW315 is accepted on a Friday, then its answer is due on the next Friday and overdue on the sixth werkdag', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))?.deadline).toMatchObject({ kind: 'answer', rule: 'OP274', owedBy: 'gemeente-diemen', startDay: DAY, dueDay: '2026-01-16', overdueOn: '2026-01-19' });
    });

    it("when a JW315 is accepted on the Friday before King's Day 2026, then King's Day and Liberation Day are not counted", async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: '2026-04-24', bsn: TOM, products: [{ ref: 'R1' }] }), at('2026-04-24')));
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))?.deadline).toMatchObject({ dueDay: '2026-05-04', overdueOn: '2026-05-06' });
    });

    it('when a JW315 arrives late on a Friday evening in Amsterdam (already Saturday in no zone), then the Amsterdam day counts', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), '2026-01-09T22:30:00Z'));
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))?.deadline.startDay).toBe('2026-01-09');
      (await h.submit('JW315', jw315({ dag: '2026-01-10', aanbieder: HORIZON, bsn: TOM, products: [{ ref: 'R2' }] }), '2026-01-09T23:30:00Z'));
      expect(h.store.deadline(answerDeadlineId(HORIZON, 'R2'))?.deadline).toMatchObject({ startDay: '2026-01-10', dueDay: '2026-01-16' });
    });

    it('when a request is put in onderzoek, then the answer term is met and the woonplaatsbeginsel term of 2 weeks from the request opens', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      (await h.submit('JW319', jw319({ dag: '2026-01-12', ref: 'R1', antwoord: '2' }), at('2026-01-12')));
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))?.status).toBe('met');
      expect(h.store.deadline(`final-answer:${DE_BRUG}:R1`)?.deadline).toMatchObject({ rule: 'OP359', dueDay: '2026-01-23', overdueOn: '2026-01-26' });
      (await h.submit('JW319', jw319({ dag: '2026-01-20', ref: 'R1', antwoord: '1', reden: '8' }), at('2026-01-20')));
      expect(h.store.deadline(`final-answer:${DE_BRUG}:R1`)?.status).toBe('met');
      expect(h.store.request(DE_BRUG, 'R1')).toMatchObject({ status: 'afgewezen', redenAfwijzing: '8', firstAnswerDay: '2026-01-12', finalAnswerDay: '2026-01-20' });
    });

    it('when a toewijzing arrives, then a start is awaited (10 werkdagen); when the start comes, the term is met and a stop and extension term open', async () => {
      const h = await make();
      await assigned(h);
      expect(h.store.deadline(toewijzingDeadlineId('start', DIEMEN, 5001))?.deadline).toMatchObject({ rule: 'KP010', owedBy: 'jeugdhulp-de-brug', dueDay: '2026-01-23' });
      (await h.submit('JW305', jw305({ dag: '2026-01-12', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] }), at('2026-01-12')));
      expect(h.store.deadline(toewijzingDeadlineId('start', DIEMEN, 5001))?.status).toBe('met');
      expect(h.store.deadline(toewijzingDeadlineId('extension', DIEMEN, 5001))?.deadline).toMatchObject({ rule: 'KP011', dueDay: '2026-05-31', overdueOn: '2026-06-01' });
      (await h.submit('JW317', jw317({ dag: '2026-05-04', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-05-04')));
      expect(h.store.deadline(toewijzingDeadlineId('extension', DIEMEN, 5001))?.status).toBe('met');
    });

    it('when 24-hour care stops early (reason 33), then a follow-up is awaited until a new toewijzing for the child arrives, at any gemeente', async () => {
      const h = await make();
      await assigned(h, { start: true, categorie: '43' });
      (await h.submit('JW307', jw307({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5001, categorie: '43', begin: '2026-01-12', eind: '2026-01-30', reden: '33' }] }), at('2026-02-02')));
      const id = `follow-up:${DIEMEN}:5001:2026-01-12`;
      expect(h.store.deadline(id)?.deadline).toMatchObject({ rule: 'KP012', owedBy: 'gemeente-diemen', dueDay: '2026-02-16' });
      (await h.submit('JW301', jw301({ dag: '2026-02-05', gemeente: AMSTERDAM, aanbieder: HORIZON, bsn: TOM, products: [{ nummer: 1, ingang: '2026-02-05', eind: '2026-12-31' }] }), at('2026-02-05')));
      expect(h.store.deadline(id)?.status).toBe('met');
    });
  });

  describe('strict, warn and off', () => {
    it('when the mode is warn, then a violation is accepted with a warning', async () => {
      const warn = await make({ modes: { mode: 'warn' } });
      (await warn.submit('JW315', jw315({ id: 'X', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      const r = (await warn.submit('JW315', jw315({ id: 'X', dag: DAY, bsn: ANNA, products: [{ ref: 'R2' }] }), AT));
      expect(r.accepted).toBe(true);
      expect(codes(r.warnings)).toEqual(['TR056/9056']);
    });

    it('when a rule has a mode of its own, then it overrides the default: off ignores the rule, warn accepts with a warning, the rest stays strict', async () => {
      const h = await make({ modes: { mode: 'strict', rules: { TR056: 'off', TR374: 'warn' } } });
      expect((await h.submit('JW315', jw315({ id: 'X', dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      const both = await h.submit('JW315', jw315({ id: 'X', dag: DAY, bsn: TOM, products: [{ ref: 'R2' }] }), AT);
      expect(both.accepted).toBe(true);
      expect(codes(both.warnings)).toEqual(['TR374/9374']);
      expect(codes((await h.submit('JW315', jw315({ dag: DAY, bsn: ANNA, products: [{ ref: 'R1' }] }), AT)).refusals)).toEqual(['TR347/9347']);
    });
  });

  describe('bedrijfsregels carried out by other rules: each broken as the bedrijfsregel says, answered by the rule that carries it out', () => {
    type Submission = readonly [type: string, message: Record<string, any>, at: string];
    /**
     * One bedrijfsregel that the coverage table marks "carried out by other rules" (docs/ijw-rule-coverage.md):
     * `given` builds the path it speaks of, `breaks` is a message that breaks the bedrijfsregel itself, and the
     * gateway must refuse it with exactly `refused` (the carrying rule and its retourcode); `keeps`, sent after,
     * is the same message put right and must be accepted with no finding under `keepsUnder`.
     */
    interface Carried {
      readonly rule: string;
      readonly when: string;
      readonly given: (h: RuleHarness) => Promise<void>;
      readonly breaks: () => Submission;
      readonly refused: readonly string[];
      readonly keeps?: () => Submission;
      readonly keepsUnder?: readonly string[];
    }
    const P = (o: Partial<Parameters<typeof jw323>[0]['clients'][number]['prestaties'][number]> = {}) => ({ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31', ...o });
    const started = (h: RuleHarness): Promise<void> => assigned(h, { start: true });
    /** A start (2026-01-12) on toewijzing 5001 and a declaration D1 of its January (P1, 4 uur). */
    const declared = async (h: RuleHarness): Promise<void> => {
      await started(h);
      expect((await h.submit('JW323', jw323({ id: 'DECL-1', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03'))).accepted).toBe(true);
    };
    /** Toewijzingen 5001 (45A03) and 5002 (45A04) for the child, both current. */
    const twoAssigned = async (h: RuleHarness): Promise<void> => {
      await assigned(h);
      expect((await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }, { nummer: 5002, code: '45A04', ingang: DAY, eind: '2026-06-30' }] }), AT)).accepted).toBe(true);
    };
    const NEW_46A01 = { categorie: '46', code: '46A01', gewenst: '2026-03-01', eind: '2026-12-31' };
    const declaratieD1 = (): Record<string, any> => jw323({ id: 'DECL-1', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] });
    const carried: readonly Carried[] = [
      {
        rule: 'OP033', when: 'a correction removes (StatusAanlevering 3) a start that was never sent',
        given: started,
        breaks: () => ['JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-11', status: '3' }] }), at('2026-01-13')],
        refused: ['TR063/9063'],
        keeps: () => ['JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', status: '3' }] }), at('2026-01-13')], keepsUnder: ['TR063', 'TR071'],
      },
      {
        rule: 'OP033', when: 'a change is sent as a new first delivery (StatusAanlevering 1) of a start already sent',
        given: started,
        breaks: () => ['JW305', jw305({ dag: '2026-01-13', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12' }] }), at('2026-01-13')],
        refused: ['TR074/9074'],
      },
      {
        rule: 'OP086', when: 'a start is sent for a product the aanbieder has no toewijzing for',
        given: (h) => assigned(h),
        breaks: () => ['JW305', jw305({ dag: DAY, bsn: TOM, products: [{ nummer: 9999, begin: DAY }] }), AT],
        refused: ['TR019/9019'],
        keeps: () => ['JW305', jw305({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, begin: DAY }] }), AT], keepsUnder: ['TR019'],
      },
      {
        rule: 'OP086', when: 'a product is declared without a toewijzing',
        given: started,
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ nummer: 4040 })] }] }), at('2026-02-03')],
        refused: ['TR338/9338'],
        keeps: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03')], keepsUnder: ['TR338'],
      },
      {
        rule: 'OP155', when: 'a stop refers to a start other than the last one reported',
        given: started,
        breaks: () => ['JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-11', eind: '2026-01-19' }] }), at('2026-01-20')],
        refused: ['TR382/9069'],
        keeps: () => ['JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19' }] }), at('2026-01-20')], keepsUnder: ['TR382'],
      },
      {
        rule: 'OP275', when: 'a gemeente gives a second toewijzing the number of an existing one',
        given: (h) => assigned(h),
        breaks: () => ['JW301', jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 5001, ingang: DAY, eind: '2026-06-30' }] }), AT],
        refused: ['TR332/9332'],
        keeps: () => ['JW301', jw301({ dag: DAY, bsn: ANNA, products: [{ nummer: 6001, ingang: DAY, eind: '2026-06-30' }] }), AT], keepsUnder: ['TR332'],
      },
      {
        rule: 'OP276', when: "an aanbieder declares for a client on another client's toewijzing",
        given: async (h) => {
          await started(h);
          await assigned(h, { bsn: ANNA, nummer: 6001 });
        },
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ nummer: 6001 })] }] }), at('2026-02-03')],
        refused: ['TR304/8187'],
        keeps: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03')], keepsUnder: ['TR304', 'TR338'],
      },
      {
        rule: 'OP279', when: 'a product is declared after the toegewezen period ended',
        given: (h) => assigned(h, { start: true, eind: '2026-01-20' }),
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ eind: '2026-01-31' })] }] }), at('2026-02-03')],
        // The period also ends after the toewijzing's Einddatum in its month, so TR388 answers too.
        refused: ['TR308/9308', 'TR388/9388'],
        keeps: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ eind: '2026-01-20', volume: 2 })] }] }), at('2026-02-03')], keepsUnder: ['TR307', 'TR308', 'TR388'],
      },
      {
        rule: 'OP368', when: 'a ProductPeriode begins before the toewijzing is valid',
        given: started,
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ begin: '2026-01-05' })] }] }), at('2026-02-03')],
        // The period also begins before the toewijzing's Ingangsdatum in its month, so TR387 answers too.
        refused: ['TR307/9307', 'TR387/9387'],
        keeps: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03')], keepsUnder: ['TR307', 'TR308', 'TR387'],
      },
      {
        rule: 'OP283', when: 'an aanbieder numbers a new prestatie with a ReferentieNummer it used before',
        given: declared,
        breaks: () => ['JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03')],
        refused: ['TR314/8021'],
        keeps: () => ['JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03')], keepsUnder: ['TR314'],
      },
      {
        rule: 'OP289', when: 'a second start is sent while the first is still current',
        given: started,
        breaks: () => ['JW305', jw305({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-19' }] }), at('2026-01-20')],
        refused: ['TR326/9326'],
      },
      {
        rule: 'OP302', when: 'a product of another category than the toewijzing is declared',
        given: started,
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ categorie: '46', code: '46A01' })] }] }), at('2026-02-03')],
        refused: ['TR339/9339', 'TR340/9340'],
        keeps: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03')], keepsUnder: ['TR339', 'TR340', 'TR341'],
      },
      {
        rule: 'OP302', when: 'a prestatie is declared in another unit than the toewijzing names',
        given: started,
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ eenheid: '14' })] }] }), at('2026-02-03')],
        refused: ['TR341/9341'],
      },
      {
        rule: 'OP303', when: 'a JW325 rejects a prestatie the declaration did not hold',
        given: declared,
        breaks: () => ['JW325', jw325({ dag: '2026-02-10', declaratie: declaratieD1(), rejected: [{ bsn: TOM, prestaties: [P({ ref: 'P7' })] }] }), at('2026-02-10')],
        refused: ['TR366/9366'],
        keeps: () => ['JW325', jw325({ dag: '2026-02-10', declaratie: declaratieD1(), rejected: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-10')], keepsUnder: ['TR366', 'TR367', 'TR337'],
      },
      {
        rule: 'OP306', when: 'a VOW does not give the complete desired situation: one of two current toewijzingen is left out',
        given: twoAssigned,
        breaks: () => ['JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [5001], nieuw: [NEW_46A01] }), at('2026-02-02')],
        refused: ['TR349/9349'],
        keeps: () => ['JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [5001, 5002], nieuw: [NEW_46A01] }), at('2026-02-02')], keepsUnder: ['TR349', 'TR350', 'TR351'],
      },
      {
        rule: 'OP306', when: 'a VOW lists as ongewijzigd a toewijzing that is not current',
        given: (h) => assigned(h),
        breaks: () => ['JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [5001, 5002], nieuw: [NEW_46A01] }), at('2026-02-02')],
        refused: ['TR350/9350'],
      },
      {
        rule: 'OP308', when: 'a VOW changes one toewijzing and leaves out the other current one',
        given: twoAssigned,
        breaks: () => ['JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02')],
        refused: ['TR349/9349'],
        keeps: () => ['JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', ongewijzigd: [5002], teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02')], keepsUnder: ['TR349'],
      },
      {
        rule: 'OP347', when: 'a request is stacked on a request for the child that is still pending',
        given: async (h) => {
          expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
        },
        breaks: () => ['JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R2' }] }), AT],
        refused: ['TR374/9374'],
      },
      {
        rule: 'OP347', when: 'a VOW asks for a product again for a period its listed toewijzing of that product covers',
        given: (h) => assigned(h),
        breaks: () => ['JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }], nieuw: [{ categorie: '45', code: '45A03', gewenst: '2026-07-01', eind: '2026-12-31' }] }), at('2026-02-02')],
        refused: ['TR361/9361'],
      },
      {
        rule: 'OP349', when: 'an aanbieder numbers a declaration with a DeclaratieNummer it used before',
        given: declared,
        breaks: () => ['JW323', jw323({ dag: '2026-03-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03')],
        refused: ['TR333/9333'],
        keeps: () => ['JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03')], keepsUnder: ['TR333'],
      },
      {
        rule: 'OP350', when: 'a VOW is sent while a VOT for the child is not yet answered',
        given: async (h) => {
          await assigned(h);
          expect((await h.submit('JW315', jw315({ dag: '2026-02-02', bsn: TOM, products: [{ ref: 'R2', categorie: '46', code: '46A01' }] }), at('2026-02-02'))).accepted).toBe(true);
        },
        breaks: () => ['JW317', jw317({ dag: '2026-02-03', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-03')],
        refused: ['TR374/9374'],
      },
      {
        rule: 'OP355', when: 'a JW325 answers a declaration that was never sent',
        given: declared,
        breaks: () => {
          const ghost = declaratieD1();
          ghost['Header']['BerichtIdentificatie']['Identificatie'] = 'NEVER';
          return ['JW325', jw325({ dag: '2026-02-10', declaratie: ghost }), at('2026-02-10')];
        },
        refused: ['TR337'],
        keeps: () => ['JW325', jw325({ dag: '2026-02-10', declaratie: declaratieD1() }), at('2026-02-10')], keepsUnder: ['TR337'],
      },
      {
        rule: 'OP360', when: 'a prestatie that was credited already is credited again',
        given: async (h) => {
          await declared(h);
          expect((await h.submit('JW323', jw323({ dag: '2026-02-04', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', vorig: 'P1', dc: 'C' })] }] }), at('2026-02-04'))).accepted).toBe(true);
        },
        breaks: () => ['JW323', jw323({ dag: '2026-02-05', nummer: 'D3', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P3', vorig: 'P1', dc: 'C' })] }] }), at('2026-02-05')],
        refused: ['TR390/9390'],
      },
      {
        rule: 'OP361', when: 'an aanbieder gives a new request the ReferentieAanbieder of an earlier one',
        given: async (h) => {
          expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
          expect((await h.submit('JW319', jw319({ dag: DAY, ref: 'R1', antwoord: '1' }), AT)).accepted).toBe(true);
        },
        breaks: () => ['JW315', jw315({ dag: DAY, bsn: ANNA, products: [{ ref: 'R1' }] }), AT],
        refused: ['TR347/9347'],
        keeps: () => ['JW315', jw315({ dag: DAY, bsn: ANNA, products: [{ ref: 'R2' }] }), AT], keepsUnder: ['TR347'],
      },
      {
        rule: 'OP362', when: 'a toewijzing is removed (RedenWijziging 13) after a declaration on it was approved',
        given: async (h) => {
          await declared(h);
          expect((await h.submit('JW325', jw325({ dag: '2026-02-05', declaratie: declaratieD1() }), at('2026-02-05'))).accepted).toBe(true);
        },
        breaks: () => ['JW301', jw301({ dag: '2026-02-06', bsn: TOM, products: [{ nummer: 5001, ingang: DAY, eind: DAY, reden: '13', datum: '2026-02-06' }] }), at('2026-02-06')],
        refused: ['TR385/9385'],
      },
      {
        rule: 'OP363', when: 'a start is reported for a product without relating it to a toewijzing of this aanbieder',
        given: (h) => assigned(h),
        breaks: () => ['JW305', jw305({ dag: DAY, aanbieder: HORIZON, bsn: TOM, products: [{ nummer: 5001, begin: DAY }] }), AT],
        refused: ['TR019/9019'],
      },
      {
        rule: 'OP365', when: 'more is declared than the Omvang of the toewijzing allows (4 uur per week: 16 uur in January from the 9th)',
        given: started,
        breaks: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 17 })] }] }), at('2026-02-03')],
        refused: ['TR321/9321'],
        keeps: () => ['JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P({ volume: 16 })] }] }), at('2026-02-03')], keepsUnder: ['TR321', 'TR322'],
      },
      {
        rule: 'OP366', when: 'a prestatie is corrected with a new debit before it was credited',
        given: declared,
        breaks: () => ['JW323', jw323({ dag: '2026-02-04', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', volume: 3 })] }] }), at('2026-02-04')],
        refused: ['TR389/9389'],
      },
      {
        rule: 'OP377', when: 'a stop follows a definitieve stop without a start in between',
        given: async (h) => {
          await started(h);
          expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', reden: '31' }] }), at('2026-01-20'))).accepted).toBe(true);
        },
        breaks: () => ['JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19', reden: '33' }] }), at('2026-01-21')],
        refused: ['TR415/9415'],
      },
      {
        rule: 'OP378', when: 'a tijdelijke stop is followed by another tijdelijke stop without a start in between',
        given: async (h) => {
          await started(h);
          expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', reden: '20' }] }), at('2026-01-20'))).accepted).toBe(true);
        },
        breaks: () => ['JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19', reden: '20' }] }), at('2026-01-21')],
        refused: ['TR413/9413'],
        keeps: () => ['JW307', jw307({ dag: '2026-01-21', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-20', reden: '31' }] }), at('2026-01-21')], keepsUnder: ['TR413', 'TR414', 'TR415'],
      },
      {
        rule: 'OP295', when: 'a stop is reported for care whose start was never reported with a start message',
        given: (h) => assigned(h),
        breaks: () => ['JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-19' }] }), at('2026-01-20')],
        refused: ['TR382/9069'],
      },
    ];

    for (const c of carried) {
      it(`when ${c.when}, then ${c.rule} holds: it is refused with ${c.refused.join(' and ')}${c.keeps !== undefined ? ', and put right it is accepted' : ''}`, async () => {
        const h = await make();
        await c.given(h);
        const [type, message, instant] = c.breaks();
        const r = await h.submit(type, message, instant);
        expect(r.accepted).toBe(false);
        expect(codes(r.refusals)).toEqual(c.refused);
        if (c.keeps !== undefined) {
          const [keptType, kept, keptAt] = c.keeps();
          expect((await h.submit(keptType, kept, keptAt, { keeps: c.keepsUnder ?? [] })).accepted).toBe(true);
        }
      });
    }

    it('when a stop comes after a tijdelijke stop and after a definitieve stop, then a new start is accepted (OP379, a permission TR326 leaves open)', async () => {
      const h = await make();
      await started(h);
      expect((await h.submit('JW307', jw307({ dag: '2026-01-20', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-01-16', reden: '20' }] }), at('2026-01-20'))).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-02-02', bsn: TOM, products: [{ nummer: 5001, begin: '2026-02-02' }] }), at('2026-02-02'), { keeps: ['TR326', 'TR074'] })).accepted).toBe(true);
      expect((await h.submit('JW307', jw307({ dag: '2026-02-10', bsn: TOM, products: [{ nummer: 5001, begin: '2026-02-02', eind: '2026-02-09', reden: '31' }] }), at('2026-02-10'))).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-03-02', bsn: TOM, products: [{ nummer: 5001, begin: '2026-03-02' }] }), at('2026-03-02'), { keeps: ['TR326', 'TR074'] })).accepted).toBe(true);
      // While that start is current, another is still refused: the permission is only after a stop.
      expect(codes((await h.submit('JW305', jw305({ dag: '2026-03-03', bsn: TOM, products: [{ nummer: 5001, begin: '2026-03-03' }] }), at('2026-03-03'))).refusals)).toEqual(['TR326/9326']);
    });

    it('when a declaration comes for a toewijzing without any start, or for a period after a definitieve stop, then it is accepted (OP364: regieberichten are no condition for a declaration)', async () => {
      const h = await make();
      await assigned(h);
      expect(h.store.deadline(toewijzingDeadlineId('start', DIEMEN, 5001))?.status).toBe('open');
      const keeps = ['TR338', 'TR304', 'TR307', 'TR308', 'TR019', 'TR382'];
      expect((await h.submit('JW323', jw323({ dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [P()] }] }), at('2026-02-03'), { keeps })).accepted).toBe(true);
      expect((await h.submit('JW305', jw305({ dag: '2026-02-03', bsn: TOM, products: [{ nummer: 5001, begin: '2026-02-02' }] }), at('2026-02-03'))).accepted).toBe(true);
      expect((await h.submit('JW307', jw307({ dag: '2026-02-10', bsn: TOM, products: [{ nummer: 5001, begin: '2026-02-02', eind: '2026-02-06', reden: '31' }] }), at('2026-02-10'))).accepted).toBe(true);
      expect((await h.submit('JW323', jw323({ dag: '2026-03-03', nummer: 'D2', clients: [{ bsn: TOM, prestaties: [P({ ref: 'P2', begin: '2026-02-01', eind: '2026-02-28' })] }] }), at('2026-03-03'), { keeps })).accepted).toBe(true);
    });
  });

  describe('bedrijfsregels carried out by the watchdog: a term opens, is signalled when overdue, and the answer meets it', () => {
    it('when a JW323 is accepted, then a JW325 is owed within 10 werkdagen, signalled on the 11th, and met by the JW325 (OP090x4)', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const declaratie = jw323({ id: 'DECL-9', dag: '2026-02-03', nummer: 'D1', clients: [{ bsn: TOM, prestaties: [{ ref: 'P1', nummer: 5001, begin: '2026-01-09', eind: '2026-01-31' }] }] });
      expect((await h.submit('JW323', declaratie, at('2026-02-03'))).accepted).toBe(true);
      const deadline = h.store.deadline(`declaratie-answer:${DE_BRUG}:DECL-9`)!.deadline;
      expect(deadline).toMatchObject({ rule: 'OP090x4', owedBy: 'gemeente-diemen', startDay: '2026-02-03', dueDay: '2026-02-17', overdueOn: '2026-02-18' });
      expect(isDeadlineOverdue(deadline, '2026-02-17')).toBe(false);
      expect(isDeadlineOverdue(deadline, '2026-02-18')).toBe(true);
      const signal = signalForDeadline(deadline);
      expect(signal).toMatchObject({ source: 'care-path', rule: 'OP090x4', owedBy: 'gemeente-diemen', dueDay: '2026-02-17', refs: { messageType: 'JW323' } });
      expect(JSON.stringify(signal)).not.toContain(TOM);
      expect((await h.submit('JW325', jw325({ dag: '2026-02-10', declaratie }), at('2026-02-10'))).accepted).toBe(true);
      expect(h.store.deadline(`declaratie-answer:${DE_BRUG}:DECL-9`)?.status).toBe('met');
    });

    it('when a start was reported, then its stop is owed: the OP272 term is signalled when the toewijzing ended without a stop, and a stop meets it (OP288)', async () => {
      const h = await make();
      await assigned(h, { start: true });
      const deadline = h.store.deadline(toewijzingDeadlineId('stop', DIEMEN, 5001))!.deadline;
      expect(deadline).toMatchObject({ rule: 'OP272', owedBy: 'jeugdhulp-de-brug', dueDay: '2026-07-07' });
      expect(isDeadlineOverdue(deadline, '2026-07-08')).toBe(true);
      expect(signalForDeadline(deadline)).toMatchObject({ rule: 'OP272', owedBy: 'jeugdhulp-de-brug', subject: h.pseudonym(TOM) });
      expect((await h.submit('JW307', jw307({ dag: '2026-06-30', bsn: TOM, products: [{ nummer: 5001, begin: '2026-01-12', eind: '2026-06-30', reden: '31' }] }), at('2026-06-30'))).accepted).toBe(true);
      expect(h.store.deadline(toewijzingDeadlineId('stop', DIEMEN, 5001))?.status).toBe('met');
    });

    it('when a VOT or a VOW is sent, then an answer is owed (OP274, OP346), signalled when overdue, and a toewijzing or an afwijzing meets it (OP344)', async () => {
      const h = await make();
      expect((await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT)).accepted).toBe(true);
      const vot = h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))!.deadline;
      expect(vot).toMatchObject({ rule: 'OP274', owedBy: 'gemeente-diemen' });
      expect(isDeadlineOverdue(vot, vot.overdueOn)).toBe(true);
      expect(signalForDeadline(vot)).toMatchObject({ rule: 'OP274', owedBy: 'gemeente-diemen' });
      expect((await h.submit('JW301', jw301({ dag: DAY, bsn: TOM, products: [{ nummer: 5001, ref: 'R1', ingang: DAY, eind: '2026-06-30' }] }), AT)).accepted).toBe(true);
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))?.status).toBe('met');
      expect((await h.submit('JW317', jw317({ dag: '2026-02-02', bsn: TOM, ref: 'W1', teWijzigen: [{ nummer: 5001, gewenst: DAY, eind: '2026-12-31' }] }), at('2026-02-02'))).accepted).toBe(true);
      const vow = h.store.deadline(answerDeadlineId(DE_BRUG, 'W1'))!.deadline;
      expect(vow).toMatchObject({ rule: 'OP346', owedBy: 'gemeente-diemen' });
      expect(signalForDeadline(vow)).toMatchObject({ rule: 'OP346' });
      expect((await h.submit('JW319', jw319({ dag: '2026-02-03', ref: 'W1', antwoord: '1' }), at('2026-02-03'))).accepted).toBe(true);
      expect(h.store.deadline(answerDeadlineId(DE_BRUG, 'W1'))?.status).toBe('met');
    });

    it('when a toewijzing gets no start message, then the start is signalled (KP010), so that regieberichten are used (OP295)', async () => {
      const h = await make();
      await assigned(h);
      const deadline = h.store.deadline(toewijzingDeadlineId('start', DIEMEN, 5001))!.deadline;
      expect(deadline).toMatchObject({ rule: 'KP010', owedBy: 'jeugdhulp-de-brug' });
      expect(isDeadlineOverdue(deadline, deadline.overdueOn)).toBe(true);
      expect(signalForDeadline(deadline)).toMatchObject({ rule: 'KP010', owedBy: 'jeugdhulp-de-brug', subject: h.pseudonym(TOM) });
    });
  });

  describe('the watchdog signal of an overdue deadline', () => {
    it('when the answer to a JW315 of Friday is awaited, then it is not overdue on the fifth werkdag and overdue on the sixth, with a signal that names no BSN', async () => {
      const h = await make();
      (await h.submit('JW315', jw315({ dag: DAY, bsn: TOM, products: [{ ref: 'R1' }] }), AT));
      const deadline = h.store.deadline(answerDeadlineId(DE_BRUG, 'R1'))!.deadline;
      expect(isDeadlineOverdue(deadline, '2026-01-16')).toBe(false);
      expect(isDeadlineOverdue(deadline, '2026-01-17')).toBe(false);
      expect(isDeadlineOverdue(deadline, '2026-01-19')).toBe(true);
      const signal = signalForDeadline(deadline);
      expect(signal).toMatchObject({ source: 'care-path', kind: 'answer', rule: 'OP274', owedBy: 'gemeente-diemen', concerned: 'gemeente-diemen', subject: h.pseudonym(TOM), dueDay: '2026-01-16', refs: { messageType: 'JW315', referentieAanbieder: 'R1' } });
      expect(JSON.stringify(signal)).not.toContain(TOM);
    });
  });
}
