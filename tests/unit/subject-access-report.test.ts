// The subject-access report (AVG art. 15) built from an export, for a parent and for a child of 12 or
// older, in Dutch and English; rendered as a print page (HTML) and as a tagged PDF that say the same.

import { describe, expect, it } from 'vitest';
import type { SubjectAccessExport } from '../../src/privacy/privacy-officer.ts';
import { renderSubjectAccessHtml } from '../../src/privacy/subject-access-html.ts';
import { renderSubjectAccessPdf } from '../../src/privacy/subject-access-pdf.ts';
import { buildSubjectAccessReport, decisionText } from '../../src/privacy/subject-access-report.ts';
import { pdfTextLines } from '../support/pdf-text.ts';

const names: Record<string, string> = { 'jeugdhulp-de-brug': 'Jeugdhulp De Brug', 'gemeente-diemen': 'Gemeente Diemen', 'school-de-regenboog': 'Basisschool De Regenboog' };
const partyName = (id: string): string => names[id] ?? id;

const exported: SubjectAccessExport = {
  subject: { dataSubjectId: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', dataSubjectIdType: 'bsn-pseudonym' },
  generatedAt: '2026-12-03T13:05:00.000Z',
  generatedBy: 'oidc:fg-anna',
  policyVersion: '2026.11',
  catalogueVersion: '2026.11',
  exchanges: [
    {
      exchangeId: '11111111-1111-4111-8111-111111111111',
      createdAt: '2026-06-01T08:30:00.000Z',
      sender: 'jeugdhulp-de-brug',
      receiver: 'gemeente-diemen',
      messageType: 'JW315',
      purpose: 'verzoek-toewijzing',
      status: 'delivered',
      outcome: 'allow',
      reason: 'rule-allows',
      rule: 'ijw-verzoek-toewijzing@1',
      legalBasis: { id: 'jw-7.4.0-lid-2', title: 'Aanbieder of GI verstrekt het college de gegevens voor diens taken', citation: 'Jw 7.4.0 lid 2' },
      processingActivity: { id: 'pa-toewijzing', title: 'Toewijzing van jeugdhulp', retention: '15 jaar', confidential: false },
      releasedFields: ['Client.Bsn', 'Client.Geboortedatum'],
      consentIds: [],
      ageBand: '12-15',
      override: null,
      sideEffectOf: null,
      deliveredAt: '2026-06-01T08:30:02.000Z',
    },
    {
      exchangeId: '22222222-2222-4222-8222-222222222222',
      createdAt: '2026-09-15T12:00:00.000Z',
      sender: 'jeugdhulp-de-brug',
      receiver: 'school-de-regenboog',
      messageType: 'Casusinformatie',
      purpose: 'overdracht-hulpverlening',
      status: 'refused',
      outcome: 'deny',
      reason: 'consent-revoked',
      rule: 'overdracht-hulpverlening@1',
      legalBasis: null,
      processingActivity: null,
      releasedFields: [],
      consentIds: [],
      ageBand: '12-15',
      override: null,
      sideEffectOf: null,
      deliveredAt: null,
    },
    {
      exchangeId: '33333333-3333-4333-8333-333333333333',
      createdAt: '2026-10-02T22:10:00.000Z',
      sender: 'jeugdhulp-de-brug',
      receiver: 'gemeente-diemen',
      messageType: 'Casusinformatie',
      purpose: 'acuut-gevaar',
      status: 'delivered',
      outcome: 'allow',
      reason: 'override-used',
      rule: 'acuut-gevaar@1',
      legalBasis: { id: 'avg-6-1-d', title: 'Vitaal belang van het kind', citation: 'AVG art. 6 lid 1 d' },
      processingActivity: { id: 'pa-acuut', title: 'Acute veiligheid <kind>', retention: '20 jaar', confidential: true },
      releasedFields: ['Client.Naam'],
      consentIds: [],
      ageBand: '12-15',
      override: { reasonCode: 'acuut-gevaar', justification: 'Kind meldde & bevestigde "direct gevaar" thuis.', review: { status: 'justified', reviewedBy: 'oidc:fg-anna', reviewedAt: '2026-10-03T09:00:00.000Z' } },
      sideEffectOf: null,
      deliveredAt: '2026-10-02T22:10:01.000Z',
    },
  ],
  consents: [
    {
      id: 'c0000000-0000-4000-8000-000000000001',
      kind: 'permit',
      givers: [
        { capacity: 'child', reference: 'Lotte' },
        { capacity: 'custodial-parent', reference: 'Moeder' },
      ],
      custodianCount: 1,
      scope: { purposes: ['overdracht-hulpverlening'], senders: ['jeugdhulp-de-brug'], receivers: { parties: ['school-de-regenboog'] } },
      givenOn: '2026-05-20',
      validFrom: '2026-05-20',
      validUntil: '2027-05-19',
      evidence: { reference: 'dossier 42' },
      registeredBy: 'jeugdhulp-de-brug',
      registeredAt: '2026-05-20T10:00:00.000Z',
      status: 'revoked',
      revocation: { revokedAt: '2026-09-01T09:00:00.000Z', recordedBy: 'jeugdhulp-de-brug', revokedBy: { capacity: 'child', reference: 'Lotte' } },
    } as unknown as SubjectAccessExport['consents'][number],
  ],
  regie: [],
  regieLookups: [],
  measures: [],
  rights: [],
};

describe('the subject-access report', () => {
  it('when built for a parent in Dutch, then every exchange (newest first) and consent is there in plain words, with the rights', () => {
    const report = buildSubjectAccessReport(exported, { reader: 'parent', language: 'nl', partyName, generatedByName: 'Anna de Vries' });
    expect(report.title).toBe('Inzage: gegevens over uw kind in Ketenpoort');
    const [exchanges, consents, rights] = report.sections;
    expect(exchanges!.entries.map((e) => e.heading)).toEqual([
      '3 oktober 2026 om 00:10: Jeugdhulp De Brug aan Gemeente Diemen',
      '15 september 2026 om 14:00: Jeugdhulp De Brug aan Basisschool De Regenboog',
      '1 juni 2026 om 10:30: Jeugdhulp De Brug aan Gemeente Diemen',
    ]);
    const refused = exchanges!.entries[1]!.facts;
    expect(refused).toContainEqual({ label: 'Besluit', value: 'Geweigerd: de toestemming was ingetrokken.' });
    expect(refused).toContainEqual({ label: 'Doorgegeven gegevens', value: 'geen (het bericht is niet doorgegeven)' });
    const allowed = exchanges!.entries[2]!.facts;
    expect(allowed).toContainEqual({ label: 'Wettelijke grond', value: 'Aanbieder of GI verstrekt het college de gegevens voor diens taken (Jw 7.4.0 lid 2)' });
    expect(allowed).toContainEqual({ label: 'Doorgegeven gegevens', value: 'Client.Bsn, Client.Geboortedatum' });
    expect(allowed).toContainEqual({ label: 'Waarvoor', value: 'Toewijzing van jeugdhulp' });
    const override = exchanges!.entries[0]!;
    expect(override.facts).toContainEqual({ label: 'Oordeel van de privacy officer', value: 'terecht' });
    expect(override.note).toMatch(/vertrouwelijk/);
    expect(consents!.entries[0]!.heading).toBe('Toestemming, gegeven op 20 mei 2026');
    expect(consents!.entries[0]!.facts).toContainEqual({ label: 'Gegeven door', value: 'het kind zelf (Lotte), ouder met gezag (Moeder)' });
    expect(consents!.entries[0]!.facts).toContainEqual({ label: 'Ingetrokken', value: 'op 1 september 2026, het kind zelf (Lotte)' });
    expect(rights!.paragraphs!.join(' ')).toMatch(/Autoriteit Persoonsgegevens \(artikel 77 AVG\)/);
    expect(report.colophon[0]).toBe('Opgesteld op 3 december 2026 om 14:05 door Anna de Vries, privacy officer.');
  });

  it('when built for a child, then it speaks to the child; in English, then everything is English', () => {
    const child = buildSubjectAccessReport(exported, { reader: 'child', language: 'nl', partyName });
    expect(child.title).toBe('Inzage: wat Ketenpoort over jou heeft doorgegeven');
    expect(child.introduction.join(' ')).toMatch(/\bje\b/);
    expect(child.introduction.join(' ')).not.toMatch(/\buw\b/);
    const english = buildSubjectAccessReport(exported, { reader: 'parent', language: 'en', partyName });
    expect(english.sections[0]!.entries[1]!.facts).toContainEqual({ label: 'Decision', value: 'Refused: the consent had been revoked.' });
    expect(english.sections[0]!.entries[0]!.heading).toBe('3 October 2026 at 00:10: Jeugdhulp De Brug to Gemeente Diemen');
  });

  it('when a decision reason has a text, then it is the same text the console shows (one catalogue)', () => {
    expect(decisionText('consent-missing', 'nl')).toBe('Geweigerd: er is geen toestemming vastgelegd, terwijl die nodig is.');
    expect(decisionText('not-a-reason', 'nl')).toBeUndefined();
  });

  it('when rendered as HTML, then it is one page without scripts, in the right language, with every value escaped', () => {
    const html = renderSubjectAccessHtml(buildSubjectAccessReport(exported, { reader: 'parent', language: 'nl', partyName }));
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<h2>Uitwisselingen over uw kind</h2>');
    expect(html).toContain('Acute veiligheid &lt;kind&gt;');
    expect(html).toContain('Kind meldde &amp; bevestigde &quot;direct gevaar&quot; thuis.');
  });

  it('when rendered as a PDF, then it is a tagged PDF in Dutch that says what the report says', async () => {
    const report = buildSubjectAccessReport(exported, { reader: 'parent', language: 'nl', partyName });
    const pdf = await renderSubjectAccessPdf(report, { compress: false });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/Lang \(nl-NL\)/);
    expect(raw).toMatch(/\/Marked true/);
    const text = pdfTextLines(pdf).join('\n');
    expect(text).toContain('Inzage: gegevens over uw kind in Ketenpoort');
    expect(text).toContain('Geweigerd: de toestemming was ingetrokken.');
    expect(text).toContain('Jeugdhulp De Brug aan Basisschool De Regenboog');
    expect(text).toContain('Autoriteit Persoonsgegevens');
    const compressed = await renderSubjectAccessPdf(report);
    expect(compressed.length).toBeLessThan(pdf.length);
    expect(pdfTextLines(compressed).join('\n')).toContain('Geweigerd: de toestemming was ingetrokken.');
  });
});
