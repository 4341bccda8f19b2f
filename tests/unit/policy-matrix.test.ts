// Each of the 22 rows of the default exchange matrix (domain.md 8.3) behaves as its row says: allowed
// on the named legal basis without consent (statutory), refused by default deny, blocked (row 8), or
// consent asked and decided by the age rules (row 20), no objection (row 22). The engine is pure, so
// these run without a store: the consents are passed in as the pipeline would pass them.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createPolicyEngine, loadPolicyFile } from '../../consent/policy-engine.ts';
import type { DecisionInput } from '../../src/kernel/policy-decision.ts';
import type { ConsentRecord } from '../../src/kernel/consent-record.ts';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { readDemoMessage } from '../support/ijw-fixtures.ts';
import { ask, consentRecord, party } from '../support/policy-inputs.ts';
import { CHILD, OTHER_CHILD, fullCasusinformatie, minimalMessage } from '../support/keten-messages.ts';

const policy = loadPolicyFile(resolve(repoRoot, 'consent/policy.default.json'));
const engine = createPolicyEngine(policy);

/** Allowed without consent on the named legal basis; the registry was never asked. */
function expectStatutory(input: DecisionInput, rule: string, legalBasis: string): void {
  expect(engine.consentFactsNeeded(input), `${rule}: consent must not be asked`).toBe(false);
  const { decision, releasedPayload } = engine.decide(input);
  expect(decision, JSON.stringify(decision)).toMatchObject({ outcome: 'allow', reason: 'rule-allows', rule: { id: rule }, legalBasis, catalogueVersion: engine.catalogue.version, consentIds: [] });
  expect(decision.processingActivityId).toMatch(/^pa\./);
  expect(engine.catalogue.processingActivity(decision.processingActivityId!)).toMatchObject({ purpose: input.purpose, legalBasis });
  expect(releasedPayload).toBeDefined();
}

function expectDenied(input: DecisionInput, reason: string): ReturnType<typeof engine.decide>['decision'] {
  const { decision, releasedPayload } = engine.decide(input);
  expect(decision, JSON.stringify(decision)).toMatchObject({ outcome: 'deny', reason, releasedFields: [] });
  expect(releasedPayload).toBeUndefined();
  return decision;
}

const consent = consentRecord;

const jw = (file: string): Record<string, any> => readDemoMessage(file);
const ijw = (type: string): Record<string, unknown> => ({ Header: { BerichtCode: type }, Client: { Bsn: CHILD.bsn } });

describe('the default matrix, row by row (domain.md 8.3)', () => {
  it('loads the rules covering all 22 rows, each with a legal basis and processing activity from the catalogue', () => {
    const rows = new Set(policy.rules.flatMap((r) => r.matrixRows ?? []));
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (const rule of policy.rules) {
      expect(engine.catalogue.legalBasis(rule.legalBasis), rule.id).toBeDefined();
      expect(engine.catalogue.processingActivity(rule.processingActivityId), rule.id).toBeDefined();
      expect(rule.fields.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('row 1: the gemeente assigns care (JW301) to a provider or GI, statutory (Jw 7.4.0 lid 1); not the other way round', () => {
    expectStatutory(ask('gemeente', 'aanbieder', 'JW301', 'toewijzing', jw('jw301.json')), 'ijw-toewijzing', 'jw-7.4.0-lid-1');
    expectStatutory(ask('gemeente', 'gi', 'JW301', 'toewijzing', jw('jw301.json')), 'ijw-toewijzing', 'jw-7.4.0-lid-1');
    expectDenied(ask('aanbieder', 'gemeente', 'JW301', 'toewijzing', jw('jw301.json')), 'no-legal-basis');
  });

  it('row 2: technical retours go back to whoever sent the heen message (JW302/320 to the gemeente; 306/308/316/318 to the provider)', () => {
    for (const type of ['JW302', 'JW320']) expectStatutory(ask('aanbieder', 'gemeente', type, 'technische-bevestiging', ijw(type)), 'ijw-retour-aan-gemeente', 'jw-7.4.0');
    for (const type of ['JW306', 'JW308', 'JW316', 'JW318']) {
      expectStatutory(ask('gemeente', 'aanbieder', type, 'technische-bevestiging', ijw(type)), 'ijw-retour-aan-aanbieder', 'jw-7.4.0');
      expectDenied(ask('aanbieder', 'gemeente', type, 'technische-bevestiging', ijw(type)), 'no-legal-basis');
    }
  });

  it('row 3: a provider or GI asks for an assignment (JW315), statutory (Jw 7.4.0 lid 2)', () => {
    expectStatutory(ask('aanbieder', 'gemeente', 'JW315', 'verzoek-toewijzing', jw('jw315.json')), 'ijw-verzoek-toewijzing', 'jw-7.4.0-lid-2');
    expectStatutory(ask('gi', 'gemeente', 'JW315', 'verzoek-toewijzing', jw('jw315.json')), 'ijw-verzoek-toewijzing', 'jw-7.4.0-lid-2');
  });

  it('row 4: a provider asks for a change (JW317); a GI may not (SAP GI)', () => {
    expectStatutory(ask('aanbieder', 'gemeente', 'JW317', 'verzoek-wijziging', ijw('JW317')), 'ijw-verzoek-wijziging', 'jw-7.4.0-lid-2');
    expectDenied(ask('gi', 'gemeente', 'JW317', 'verzoek-wijziging', ijw('JW317')), 'no-legal-basis');
  });

  it('row 5: the gemeente answers a request (JW319), statutory (Jw 7.4.0 lid 1)', () => {
    expectStatutory(ask('gemeente', 'aanbieder', 'JW319', 'antwoord-verzoek', { Header: {}, Antwoord: { VerzoekAntwoord: '1' } }), 'ijw-antwoord-verzoek', 'jw-7.4.0-lid-1');
  });

  it('row 6: start and stop of delivery (JW305, JW307), statutory (Jw 7.4.0 lid 2)', () => {
    for (const type of ['JW305', 'JW307']) expectStatutory(ask('aanbieder', 'gemeente', type, 'regie-levering', ijw(type)), 'ijw-regie-levering', 'jw-7.4.0-lid-2');
  });

  it('row 7: claims (JW323) and their answers (JW325), each on its own basis and processing activity', () => {
    expectStatutory(ask('aanbieder', 'gemeente', 'JW323', 'bekostiging-declaratie', { Header: {}, Declaratie: { DeclaratieNummer: 'D1' } }), 'ijw-declaratie', 'jw-7.4.0-lid-2');
    expectStatutory(ask('gemeente', 'aanbieder', 'JW325', 'bekostiging-declaratie', { Header: {}, DeclaratieAntwoord: { DeclaratieNummer: 'D1' } }), 'ijw-declaratie-antwoord', 'jw-7.4.0-lid-1');
    const claim = engine.decide(ask('aanbieder', 'gemeente', 'JW323', 'bekostiging-declaratie', { Header: {}, Declaratie: {} })).decision;
    const answer = engine.decide(ask('gemeente', 'aanbieder', 'JW325', 'bekostiging-declaratie', { Header: {}, DeclaratieAntwoord: {} })).decision;
    expect(claim.processingActivityId).not.toBe(answer.processingActivityId);
  });

  it('row 8: the block rule: a secret address or a safety risk never goes by iJw; a single-client message without BSN neither', () => {
    const ijwRules = policy.rules.filter((r) => r.messageTypes.every((t) => /^JW3\d\d$/.test(t)));
    expect(ijwRules.length).toBe(9);
    for (const rule of ijwRules) {
      for (const type of rule.messageTypes) {
        const input = ask(rule.senderRoles[0]!, rule.receiverRoles[0]!, type, rule.purpose, ijw(type));
        expect(engine.decide({ ...input, subject: { bsn: CHILD.bsn, secretAddress: true } }).decision, type).toMatchObject({ outcome: 'deny', reason: 'blocked-secret-address', rule: { id: rule.id } });
        expect(engine.decide({ ...input, subject: { bsn: CHILD.bsn, safetyRisk: true } }).decision.reason, type).toBe('blocked-secret-address');
        const noBsn = engine.decide({ ...input, subject: {} }).decision;
        expect(noBsn.reason, type).toBe(['JW301', 'JW305', 'JW307', 'JW315', 'JW317'].includes(type) ? 'blocked-no-bsn' : 'rule-allows');
      }
    }
    // Re-decisions work from the pseudonym: an identified child is not "without BSN".
    expect(engine.decide(ask('aanbieder', 'gemeente', 'JW315', 'verzoek-toewijzing', jw('jw315.json'), { subject: { identified: true } })).decision.outcome).toBe('allow');
    // The block is iJw's: the same flags do not block a melding to Veilig Thuis.
    expect(engine.decide(ask('school', 'veilig-thuis', 'VeiligThuisMelding', 'melding-hgkm', minimalMessage('VeiligThuisMelding'), { subject: { bsn: CHILD.bsn, secretAddress: true } })).decision.outcome).toBe('allow');
  });

  it('row 9: the college asks the Raad to investigate (VTO), statutory (Jw 2.4 lid 1), recording whether each gezaghebbende was informed and why not', () => {
    const vto = minimalMessage('VerzoekTotOnderzoek');
    expectStatutory(ask('gemeente', 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', vto), 'vto-college', 'jw-2.4-lid-1');
    vto.Gezaghebbenden[0].Geinformeerd = false;
    expect(expectDenied(ask('gemeente', 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', vto), 'precondition-not-met')).toMatchObject({ precondition: 'gezaghebbende-geinformeerd-vastgelegd', rule: { id: 'vto-college' } });
    vto.Gezaghebbenden[0].RedenNietGeinformeerd = 'Informeren brengt het kind in gevaar.';
    expect(engine.decide(ask('gemeente', 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', vto)).decision.outcome).toBe('allow');
  });

  it('row 10: a GI, Veilig Thuis or designated provider asks the Raad (Jw 3.1 lid 1), and the college must be told (side effect)', () => {
    const vto = { ...minimalMessage('VerzoekTotOnderzoek'), BetrokkenGemeente: { Gemeentecode: '0384' } };
    for (const role of ['gi', 'veilig-thuis'] as const) {
      const input = ask(role, 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', vto);
      expectStatutory(input, 'vto-ketenpartner', 'jw-3.1-lid-1');
      expect(engine.decide(input).sideEffects).toEqual([expect.objectContaining({ kind: 'notify', messageType: 'KennisgevingVerzoekTotOnderzoek', receiverRole: 'gemeente', receiverGemeentecodeAt: '/BetrokkenGemeente/Gemeentecode' })]);
    }
    const { BetrokkenGemeente: _g, ...unnamed } = vto;
    expect(expectDenied(ask('gi', 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', unnamed), 'precondition-not-met').precondition).toBe('betrokken-gemeente-genoemd');
    // A provider only when the college designated it.
    expect(expectDenied(ask('aanbieder', 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', vto), 'precondition-not-met').precondition).toBe('aangewezen-door-college');
    expectStatutory(ask('aanbieder', 'raad', 'VerzoekTotOnderzoek', 'verzoek-tot-onderzoek', vto, { sender: party('aanbieder', { designations: ['verzoek-tot-onderzoek'] }) }), 'vto-aangewezen-aanbieder', 'jw-3.1-lid-1');
    // The notice itself: statutory (Jw 3.1 lid 4), minimised to case, requester and children.
    const notice = ask('gi', 'gemeente', 'KennisgevingVerzoekTotOnderzoek', 'kennisgeving-vto', vto);
    expectStatutory(notice, 'vto-kennisgeving-college', 'jw-3.1-lid-4');
    expect(Object.keys(engine.decide(notice).releasedPayload!).sort()).toEqual(['BetrokkenGemeente', 'Casus', 'Kinderen', 'Verzoeker']);
  });

  it('row 11 (corrected): the Raad notifies the party that sent this child\'s VTO, or the college (intake, outcome, court ruling), and the college alone of an own-initiative start (Jw 3.1 lid 3, 2.4 lid 2)', () => {
    for (const type of ['NotificatieIntake', 'NotificatieUitkomstOnderzoek', 'NotificatieBeslissingRechtspraak']) {
      for (const to of ['gemeente', 'gi', 'veilig-thuis', 'aanbieder'] as const) {
        expectStatutory(ask('raad', to, type, 'notificatie-jeugdbescherming', minimalMessage(type), { requestSenders: [`${to}-1`] }), 'raad-notificatie-verzoeker', 'rvdk-notificatie');
      }
      // A party of the role that did not send this child's VTO is not told.
      expect(expectDenied(ask('raad', 'gi', type, 'notificatie-jeugdbescherming', minimalMessage(type), { requestSenders: ['veilig-thuis-1'] }), 'precondition-not-met').precondition).toBe('verzoeker-van-dit-kind');
    }
    expectStatutory(ask('raad', 'gemeente', 'NotificatieStartAmbtshalveOnderzoek', 'notificatie-jeugdbescherming', minimalMessage('NotificatieStartAmbtshalveOnderzoek')), 'raad-notificatie-college', 'rvdk-notificatie');
    expectDenied(ask('raad', 'gi', 'NotificatieStartAmbtshalveOnderzoek', 'notificatie-jeugdbescherming', minimalMessage('NotificatieStartAmbtshalveOnderzoek')), 'no-legal-basis');
  });

  it('row 12: jeugdreclassering between the Raad and a GI (WvSr 77hh), the youth named by SKN (no BSN needed)', () => {
    for (const type of ['OpdrachtVrijwilligToezichtBegeleiding', 'WijzigingOpdracht']) {
      expectStatutory(ask('raad', 'gi', type, 'jeugdreclassering', minimalMessage(type), { subject: undefined }), 'jr-opdracht', 'wvsr-77hh');
      expectDenied(ask('raad', 'aanbieder', type, 'jeugdreclassering', minimalMessage(type)), 'no-legal-basis');
    }
    for (const type of ['MeldingStartOpdracht', 'MeldingAfloopOpdracht', 'VerzoekWijzigingOpdracht', 'OverdrachtOpdracht', 'OverdrachtDocument']) {
      expectStatutory(ask('gi', 'raad', type, 'jeugdreclassering', minimalMessage(type), { subject: undefined }), 'jr-terugmelding', 'wvsr-77hh');
    }
  });

  it('row 13: a GI tells the Raad an OTS or placement will end or not be extended (BW 1:265j); nobody else', () => {
    expectStatutory(ask('gi', 'raad', 'MededelingNietVerlenging', 'jeugdbescherming-verantwoording', minimalMessage('MededelingNietVerlenging')), 'ots-niet-verlenging', 'bw-1.265j');
    expectDenied(ask('aanbieder', 'raad', 'MededelingNietVerlenging', 'jeugdbescherming-verantwoording', minimalMessage('MededelingNietVerlenging')), 'no-legal-basis');
  });

  it('row 14: information to a GI carrying out an OTS, without consent (Jw 7.3.11 lid 4), only while the OTS is in force', () => {
    const message = minimalMessage('InformatieverstrekkingOts');
    for (const role of ['school', 'aanbieder', 'huisarts', 'professional'] as const) expectStatutory(ask(role, 'gi', 'InformatieverstrekkingOts', 'uitvoering-ots', message), 'informatie-aan-gi-ots', 'jw-7.3.11-lid-4');
    message.Maatregel.Einddatum = '2026-11-22';
    expect(expectDenied(ask('school', 'gi', 'InformatieverstrekkingOts', 'uitvoering-ots', message), 'precondition-not-met').precondition).toBe('ots-actief');
    expectDenied(ask('school', 'aanbieder', 'InformatieverstrekkingOts', 'uitvoering-ots', minimalMessage('InformatieverstrekkingOts')), 'no-legal-basis');
  });

  it('row 15: a melding to Veilig Thuis, without consent (Wmo 2015 art. 5.2.6)', () => {
    for (const role of ['aanbieder', 'gi', 'professional', 'school', 'huisarts', 'gemeente'] as const) {
      expectStatutory(ask(role, 'veilig-thuis', 'VeiligThuisMelding', 'melding-hgkm', minimalMessage('VeiligThuisMelding')), 'melding-veilig-thuis', 'wmo-5.2.6');
    }
  });

  it('row 16: Veilig Thuis hands over to a provider or the local team (Wmo 4.1.1 lid 2 d)', () => {
    for (const to of ['aanbieder', 'gemeente'] as const) expectStatutory(ask('veilig-thuis', to, 'VeiligThuisOverdracht', 'hulp-na-melding', minimalMessage('VeiligThuisOverdracht')), 'veilig-thuis-overdracht', 'wmo-4.1.1-lid-2-d');
    expectDenied(ask('veilig-thuis', 'school', 'VeiligThuisOverdracht', 'hulp-na-melding', minimalMessage('VeiligThuisOverdracht')), 'no-legal-basis');
    // The inkennisstelling the row names too, to the same receivers (its own rule: other fields).
    for (const to of ['aanbieder', 'gemeente'] as const) expectStatutory(ask('veilig-thuis', to, 'VeiligThuisInkennisstelling', 'hulp-na-melding', minimalMessage('VeiligThuisInkennisstelling')), 'veilig-thuis-inkennisstelling-hulp', 'wmo-4.1.1-lid-2-d');
  });

  it('row 17: Veilig Thuis informs the police or the Raad (Wmo 4.1.1 lid 2 e)', () => {
    for (const to of ['politie', 'raad'] as const) expectStatutory(ask('veilig-thuis', to, 'VeiligThuisInkennisstelling', 'inkennisstelling', minimalMessage('VeiligThuisInkennisstelling')), 'veilig-thuis-inkennisstelling', 'wmo-4.1.1-lid-2-e');
  });

  it('row 18: Veilig Thuis tells the reporter (the party that sent this child\'s melding) the steps taken, and only those (a message with more is refused, naming the fields)', () => {
    const melder = { requestSenders: ['school-1'] };
    expectStatutory(ask('veilig-thuis', 'school', 'VeiligThuisTerugkoppeling', 'terugkoppeling-melder', minimalMessage('VeiligThuisTerugkoppeling'), melder), 'veilig-thuis-terugkoppeling', 'wmo-4.1.1-lid-2-g');
    const more = { ...minimalMessage('VeiligThuisTerugkoppeling'), Toelichting: 'Moeder werkt niet mee.', Kind: { Bsn: CHILD.bsn } };
    const decision = expectDenied(ask('veilig-thuis', 'school', 'VeiligThuisTerugkoppeling', 'terugkoppeling-melder', more, melder), 'field-not-allowed');
    expect(decision.disallowedFields).toEqual(['/Kind/Bsn', '/Toelichting']);
  });

  it('row 19: a meldingsbevoegde registers a youth in the verwijsindex without consent (Jw 7.1.4.1), removal within 2 years; the index signals back', () => {
    expectStatutory(ask('aanbieder', 'verwijsindex', 'VerwijsindexMelding', 'verwijsindex', minimalMessage('VerwijsindexMelding')), 'verwijsindex-melding', 'jw-7.1.4.1');
    expectStatutory(ask('professional', 'verwijsindex', 'VerwijsindexVerwijdering', 'verwijsindex', minimalMessage('VerwijsindexVerwijdering')), 'verwijsindex-melding', 'jw-7.1.4.1');
    const late = { ...minimalMessage('VerwijsindexMelding'), Verwijderdatum: '2028-11-23' };
    expect(expectDenied(ask('aanbieder', 'verwijsindex', 'VerwijsindexMelding', 'verwijsindex', late), 'precondition-not-met').precondition).toBe('vir-verwijdertermijn');
    expectStatutory(ask('verwijsindex', 'aanbieder', 'VerwijsindexSignaal', 'verwijsindex', minimalMessage('VerwijsindexSignaal')), 'verwijsindex-signaal', 'jw-7.1.4.1');
  });

  describe('row 20: case information to a third party needs consent (Jw 7.3.11 lid 1), given according to the age rules', () => {
    const message = fullCasusinformatie();
    const toSchool = (over: Partial<DecisionInput> = {}): DecisionInput => ask('aanbieder', 'school', 'Casusinformatie', 'overdracht-hulpverlening', message, over);

    it('when no consent is registered, then consent is asked and missing', () => {
      expect(engine.consentFactsNeeded(toSchool())).toBe(true);
      expect(expectDenied(toSchool({ consents: [] }), 'consent-missing')).toMatchObject({ rule: { id: 'overdracht-hulpverlening' }, legalBasis: 'jw-7.3.11-lid-1' });
    });

    it('when the child (13) and its one custodian consented, then it is allowed on that consent, with the age band', () => {
      const c = consent();
      const { decision } = engine.decide(toSchool({ consents: [c] }));
      expect(decision).toMatchObject({ outcome: 'allow', reason: 'consent-given', legalBasis: 'jw-7.3.11-lid-1', consentIds: [c.id], ageBand: '12-15' });
    });

    it('when only the custodian consented for a 13-year-old, then the age rule refuses it', () => {
      const c = consent({ givers: [{ capacity: 'custodial-parent', reference: 'moeder' }] });
      expect(expectDenied(toSchool({ consents: [c] }), 'age-rule')).toMatchObject({ ageBand: '12-15', consentIds: [c.id] });
    });

    it('when a child under 12 has two custodians and only one consented, then (all custodians, the default) the age rule refuses; with both it goes', () => {
      const young = { bsn: OTHER_CHILD.bsn, birthDate: OTHER_CHILD.birthDate };
      const one = consent({ custodianCount: 2, givers: [{ capacity: 'custodial-parent', reference: 'moeder' }] });
      expect(expectDenied(toSchool({ subject: young, consents: [one] }), 'age-rule')).toMatchObject({ ageBand: 'under-12' });
      const both = consent({ custodianCount: 2, givers: [{ capacity: 'custodial-parent', reference: 'moeder' }, { capacity: 'custodial-parent', reference: 'vader' }] });
      expect(engine.decide(toSchool({ subject: young, consents: [both] })).decision).toMatchObject({ outcome: 'allow', ageBand: 'under-12' });
      // The child's own consent does not replace a custodian's under 12.
      const childOnly = consent({ custodianCount: 2, givers: [{ capacity: 'child', reference: 'kind' }, { capacity: 'custodial-parent', reference: 'moeder' }] });
      expectDenied(toSchool({ subject: young, consents: [childOnly] }), 'age-rule');
    });

    it('when the consent is revoked, then it is refused as revoked', () => {
      expectDenied(toSchool({ consents: [consent({ status: 'revoked' })] }), 'consent-revoked');
    });

    it('when the consent is limited to data categories, then only those sections leave (and never the internal note)', () => {
      const { decision, releasedPayload } = engine.decide(toSchool({ consents: [consent({ scope: { purposes: ['overdracht-hulpverlening'], senders: ['aanbieder-1'], receivers: { roles: ['school'] }, dataCategories: ['hulpverlening'] } })] }));
      expect(decision.outcome).toBe('allow');
      expect(Object.keys(releasedPayload!).sort()).toEqual(['Contactpersoon', 'Hulpverlening', 'Kind']);
      expect(decision.releasedFields).not.toContain('/Toelichting');
    });

    it('when the provider works under the WGBO, then the WGBO rule applies (BW 7:457)', () => {
      const wgbo = party('aanbieder', { regime: 'wgbo' });
      expect(engine.decide(toSchool({ sender: wgbo, consents: [consent()] })).decision).toMatchObject({ outcome: 'allow', rule: { id: 'overdracht-hulpverlening-wgbo' }, legalBasis: 'bw-7.457' });
    });

    it('the exception: to someone directly involved in the same care, no consent (Jw 7.3.11 lid 2 sub a), and not to a school', () => {
      expectStatutory(ask('aanbieder', 'aanbieder', 'Casusinformatie', 'samenwerking-zelfde-hulpverlening', message), 'samenwerking-direct-betrokkenen', 'jw-7.3.11-lid-2a');
      expectDenied(ask('aanbieder', 'school', 'Casusinformatie', 'samenwerking-zelfde-hulpverlening', message), 'no-legal-basis');
    });
  });

  it('row 21: beleidsinformatie to CBS, statutory (Jw 7.4.3)', () => {
    expectStatutory(ask('aanbieder', 'cbs', 'Beleidsinformatie', 'beleidsinformatie', minimalMessage('Beleidsinformatie')), 'beleidsinformatie-cbs', 'jw-7.4.3');
  });

  describe('row 22: research without consent only under Jw 7.3.12 and without an objection; otherwise with consent', () => {
    const declared = { ...minimalMessage('Onderzoeksdataset'), Verantwoording: { ToestemmingNietMogelijkOfOnredelijk: true, WaarborgenPersoonlijkeLevenssfeer: true, AlgemeenBelang: true } };
    const research = (over: Partial<DecisionInput> = {}, message: Record<string, unknown> = declared): DecisionInput => ask('aanbieder', 'onderzoeker', 'Onderzoeksdataset', 'onderzoek', message, over);
    const objection = (): ConsentRecord => consent({ kind: 'objection', givers: [{ capacity: 'child', reference: 'kind' }], scope: { purposes: ['onderzoek'], senders: ['aanbieder-1'], receivers: { roles: ['onderzoeker'] } } });

    it('when the conditions are declared and nobody objected, then it is allowed without consent, and the declaration is not released', () => {
      expect(engine.consentFactsNeeded(research())).toBe(true); // objections are looked up
      const { decision, releasedPayload } = engine.decide(research({ consents: [] }));
      expect(decision).toMatchObject({ outcome: 'allow', reason: 'rule-allows', legalBasis: 'jw-7.3.12', consentIds: [] });
      expect(Object.keys(releasedPayload!).sort()).toEqual(['Record', 'Studie']);
    });

    it('when an objection is registered, then it is refused, and no override helps (this rule allows none)', () => {
      expectDenied(research({ consents: [objection()] }), 'objection-registered');
      expectDenied(research({ consents: [objection()], override: { reasonCode: 'acuut-gevaar', justification: 'x'.repeat(30) } }), 'override-not-allowed');
    });

    it('when the conditions are not declared, then it is refused; with consent it goes on the consent basis', () => {
      expect(expectDenied(research({ consents: [] }, minimalMessage('Onderzoeksdataset')), 'precondition-not-met').precondition).toBe('jw-7.3.12-voorwaarden');
      const input = ask('aanbieder', 'onderzoeker', 'Onderzoeksdataset', 'onderzoek-met-toestemming', minimalMessage('Onderzoeksdataset'));
      expectDenied({ ...input, consents: [] }, 'consent-missing');
      const c = consent({ scope: { purposes: ['onderzoek-met-toestemming'], senders: ['aanbieder-1'], receivers: { roles: ['onderzoeker'] } } });
      expect(engine.decide({ ...input, consents: [c] }).decision).toMatchObject({ outcome: 'allow', reason: 'consent-given', legalBasis: 'jw-7.3.11-lid-1', consentIds: [c.id] });
    });
  });

  it('anything not in the matrix is refused (default deny)', () => {
    expectDenied(ask('school', 'huisarts', 'Casusinformatie', 'overdracht-hulpverlening', fullCasusinformatie()), 'no-legal-basis');
    expectDenied(ask('politie', 'veilig-thuis', 'VeiligThuisMelding', 'melding-hgkm', minimalMessage('VeiligThuisMelding')), 'no-legal-basis');
    expectDenied(ask('cbs', 'onderzoeker', 'Onderzoeksdataset', 'onderzoek', minimalMessage('Onderzoeksdataset')), 'no-legal-basis');
  });
});

describe('break-glass override', () => {
  const message = fullCasusinformatie();
  const justification = 'Acuut gevaar: het kind vertelde vandaag over geweld thuis, de ouders zijn onbereikbaar.';

  it('when a provider overrides a missing consent with a reason code the rule names, then it goes through on the override basis', () => {
    const { decision, releasedPayload } = engine.decide(ask('aanbieder', 'school', 'Casusinformatie', 'overdracht-hulpverlening', message, { consents: [], override: { reasonCode: 'acuut-gevaar', justification } }));
    expect(decision).toMatchObject({ outcome: 'allow', reason: 'override-used', legalBasis: 'conflict-van-plichten', processingActivityId: 'pa.jh.overdracht-doorbreking', override: { reasonCode: 'acuut-gevaar' }, consentIds: [] });
    expect(releasedPayload).toBeDefined();
  });

  it('when the reason code is not one the rule names, or the rule allows no override, then override-not-allowed', () => {
    expectDenied(ask('aanbieder', 'school', 'Casusinformatie', 'overdracht-hulpverlening', message, { consents: [], override: { reasonCode: 'spoed', justification } }), 'override-not-allowed');
    expectDenied(ask('aanbieder', 'onderzoeker', 'Onderzoeksdataset', 'onderzoek-met-toestemming', minimalMessage('Onderzoeksdataset'), { consents: [], override: { reasonCode: 'acuut-gevaar', justification } }), 'override-not-allowed');
  });

  it('when the exchange needs no override, then none is used (nothing lands in the review queue)', () => {
    const { decision } = engine.decide(ask('aanbieder', 'school', 'Casusinformatie', 'overdracht-hulpverlening', message, { consents: [consent()], override: { reasonCode: 'acuut-gevaar', justification } }));
    expect(decision.reason).toBe('consent-given');
    expect(decision.override).toBeUndefined();
  });
});

describe('consent scope', () => {
  const message = fullCasusinformatie();
  const input = (consents: ConsentRecord[], over: Partial<DecisionInput> = {}): DecisionInput => ({ ...ask('aanbieder', 'school', 'Casusinformatie', 'overdracht-hulpverlening', message, over), consents });

  it.each([
    ['another purpose', { scope: { purposes: ['onderzoek-met-toestemming'], senders: ['aanbieder-1'], receivers: { roles: ['school'] } } }],
    ['another sender', { scope: { purposes: ['overdracht-hulpverlening'], senders: ['aanbieder-2'], receivers: { roles: ['school'] } } }],
    ['another receiver', { scope: { purposes: ['overdracht-hulpverlening'], senders: ['aanbieder-1'], receivers: { parties: ['school-2'] } } }],
    ['another message type', { scope: { purposes: ['overdracht-hulpverlening'], senders: ['aanbieder-1'], receivers: { roles: ['school'] }, messageTypes: ['VeiligThuisMelding'] } }],
    ['a period not yet begun', { validFrom: '2026-11-24' }],
    ['a period that ended', { validUntil: '2026-11-22' }],
  ] as const)('when the only consent covers %s, then it is missing', (_name, over) => {
    expectDenied(input([consent(over)]), 'consent-missing');
  });

  it('when the receiver is named as a party, then that covers it too', () => {
    const c = consent({ scope: { purposes: ['overdracht-hulpverlening'], senders: ['aanbieder-1'], receivers: { parties: ['school-1'] } } });
    expect(engine.decide(input([c])).decision.outcome).toBe('allow');
  });

  it('when the child and the parent consented in two registrations, then together they meet the age rule', () => {
    const a = consent({ givers: [{ capacity: 'child', reference: 'kind' }] });
    const b = consent({ givers: [{ capacity: 'custodial-parent', reference: 'moeder' }] });
    expect(engine.decide(input([a, b])).decision).toMatchObject({ outcome: 'allow', consentIds: [a.id, b.id].sort() });
  });

  it('when the birth date is unknown, then the age rules cannot be applied: refused with age-rule', () => {
    expectDenied(input([consent()], { subject: { bsn: CHILD.bsn } }), 'age-rule');
  });
});
