// The subject-access report (AVG art. 15): the same facts as the JSON export, written for the person
// who asked — a parent (or guardian), or a child of 12 or older, who may exercise the right themselves
// (AVG art. 8 read with Jw 7.3.10 and UAVG art. 5) — in plain Dutch, or English. This module turns an
// export into a report model (headings, paragraphs, entries with facts); the HTML print view, the PDF
// and the console's print page all render that one model, so they always say the same.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../kernel/repo-root.ts';
import type { SubjectAccessExport } from './privacy-officer.ts';

export type ReportReader = 'parent' | 'child';
export type ReportLanguage = 'nl' | 'en';

export interface ReportFact {
  readonly label: string;
  readonly value: string;
}

export interface ReportEntry {
  readonly heading: string;
  readonly facts: readonly ReportFact[];
  /** A remark in plain words, e.g. that an item may be withheld. */
  readonly note?: string;
}

export interface ReportSection {
  readonly id: 'exchanges' | 'consents' | 'rights';
  readonly heading: string;
  readonly intro?: string;
  readonly entries: readonly ReportEntry[];
  /** Shown instead of entries when there are none. */
  readonly empty: string;
  /** Plain paragraphs (the rights section). */
  readonly paragraphs?: readonly string[];
}

export interface SubjectAccessReport {
  readonly language: ReportLanguage;
  readonly reader: ReportReader;
  readonly title: string;
  readonly introduction: readonly string[];
  readonly sections: readonly ReportSection[];
  readonly colophon: readonly string[];
  /** For the file name and the PDF's metadata. */
  readonly generatedAt: string;
}

export interface ReportOptions {
  readonly reader: ReportReader;
  readonly language: ReportLanguage;
  /** The party's display name for its id (the configured name); the id itself when unknown. */
  readonly partyName: (id: string) => string;
  /** The name of the staff member who made the report (the privacy officer), as the session knows it. */
  readonly generatedByName?: string;
}

interface DecisionTexts {
  readonly reasons: Readonly<Record<string, Readonly<Record<ReportLanguage, string>>>>;
}

let decisionTexts: DecisionTexts | undefined;

/** The plain-language text of a decision reason (consent/decision-texts.json), or undefined. */
export function decisionText(reason: string, language: ReportLanguage): string | undefined {
  decisionTexts ??= JSON.parse(readFileSync(path.join(repoRoot, 'consent/decision-texts.json'), 'utf8')) as DecisionTexts;
  return decisionTexts.reasons[reason]?.[language];
}

const texts = {
  nl: {
    title: { parent: 'Inzage: gegevens over uw kind in Ketenpoort', child: 'Inzage: wat Ketenpoort over jou heeft doorgegeven' },
    introduction: {
      parent: [
        'U heeft gevraagd welke gegevens over uw kind via Ketenpoort zijn uitgewisseld. Dat is uw recht (artikel 15 van de Algemene verordening gegevensbescherming, AVG).',
        'Ketenpoort is het knooppunt waarlangs gemeenten, jeugdhulpaanbieders, gecertificeerde instellingen, Veilig Thuis en de Raad voor de Kinderbescherming berichten over kinderen uitwisselen. Ketenpoort laat een bericht alleen door als de wet dat toestaat en legt elke beslissing vast.',
        'Hieronder staat elke uitwisseling over uw kind: wie iets stuurde, aan wie, waarvoor, op welke wettelijke grond, welke gegevens zijn doorgegeven en of het mocht. Daarna volgen de toestemmingen en bezwaren die zijn vastgelegd, en uw rechten.',
      ],
      child: [
        'Je hebt gevraagd welke gegevens over jou via Ketenpoort zijn doorgegeven. Dat mag je altijd vragen: het staat in de privacywet (artikel 15 van de AVG).',
        'Ketenpoort is een soort postkantoor tussen de gemeente, de jeugdhulp en andere organisaties die je helpen. Ketenpoort stuurt een bericht alleen door als de wet het toestaat, en schrijft elke keer op wat er gebeurde.',
        'Hieronder zie je elke keer dat er iets over jou is doorgestuurd: door wie, aan wie, waarom, en of dat mocht. Daarna staat wanneer jij of je ouders toestemming gaven of bezwaar maakten, en wat je kunt doen als je het ergens niet mee eens bent.',
      ],
    },
    exchanges: {
      heading: { parent: 'Uitwisselingen over uw kind', child: 'Wat er over jou is doorgestuurd' },
      empty: { parent: 'Er zijn geen uitwisselingen over uw kind vastgelegd.', child: 'Er is niets over jou doorgestuurd.' },
      entryHeading: (date: string, from: string, to: string) => `${date}: ${from} aan ${to}`,
      purpose: 'Waarvoor',
      messageType: 'Soort bericht',
      legalBasis: 'Wettelijke grond',
      released: 'Doorgegeven gegevens',
      releasedNone: 'geen (het bericht is niet doorgegeven)',
      decision: 'Besluit',
      override: 'Onderbouwing van de doorbraak',
      review: 'Oordeel van de privacy officer',
      reviewPending: 'nog niet beoordeeld',
      reviewJustified: 'terecht',
      reviewNotJustified: 'niet terecht',
      retention: 'Bewaartermijn',
      sideEffect: 'Waarom',
      sideEffectText: 'Een melding die de wet verplicht stelt na een eerder bericht.',
      delivered: 'Afgeleverd',
      confidential: 'Dit onderdeel kan vertrouwelijk zijn. De privacy officer beoordeelt of het wordt verstrekt.',
      unknownReason: (code: string) => `Reden: ${code}`,
      unknownReceiver: 'een onbekende ontvanger',
    },
    consents: {
      heading: { parent: 'Toestemmingen en bezwaren', child: 'Toestemming en bezwaar' },
      empty: { parent: 'Er zijn geen toestemmingen of bezwaren vastgelegd.', child: 'Er is geen toestemming of bezwaar vastgelegd.' },
      permit: (date: string) => `Toestemming, gegeven op ${date}`,
      objection: (date: string) => `Bezwaar, gemaakt op ${date}`,
      givenBy: 'Gegeven door',
      purposes: 'Waarvoor',
      receivers: 'Aan wie',
      period: 'Geldig',
      from: (date: string) => `vanaf ${date}`,
      fromUntil: (from: string, until: string) => `van ${from} tot en met ${until}`,
      registeredBy: 'Vastgelegd door',
      revoked: 'Ingetrokken',
      revokedOn: (date: string) => `op ${date}`,
      capacity: { child: 'het kind zelf', 'custodial-parent': 'ouder met gezag', guardian: 'voogd', representative: 'wettelijk vertegenwoordiger' } as Record<string, string>,
      anyReceiver: 'zoals vastgelegd',
    },
    rights: {
      heading: { parent: 'Uw rechten', child: 'Wat je kunt doen' },
      paragraphs: {
        parent: [
          'Klopt er iets niet? U kunt de organisatie die de gegevens verstrekte vragen ze te verbeteren (artikel 16 AVG), te wissen (artikel 17 AVG en artikel 7.3.9 van de Jeugdwet) of het gebruik te beperken (artikel 18 AVG). U kunt ook bezwaar maken (artikel 21 AVG).',
          'Bent u het niet eens met hoe met de gegevens is omgegaan? U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (artikel 77 AVG).',
          'Soms mag informatie worden weggelaten, bijvoorbeeld om iemand anders te beschermen (artikel 41 UAVG, artikel 7.3.10 Jeugdwet). Als dat hier is gebeurd, staat dat bij het onderdeel.',
        ],
        child: [
          'Klopt er iets niet? Dan mag je vragen om het te verbeteren of te laten verwijderen. Vraag het aan de organisatie die het doorstuurde, of aan je hulpverlener.',
          'Ben je het er niet mee eens? Je mag een klacht indienen bij de Autoriteit Persoonsgegevens. Iemand die je vertrouwt, of de Kinder- en Jongerenrechtswinkel, kan je daarbij helpen.',
          'Soms wordt iets niet verteld, bijvoorbeeld om iemand anders te beschermen. Als dat zo is, staat het erbij.',
        ],
      },
    },
    colophon: (date: string, by: string, policy: string, catalogue: string, reference: string) => [
      `Opgesteld op ${date}${by === '' ? '' : ` door ${by}, privacy officer`}.`,
      `Beleid versie ${policy}, grondslagencatalogus versie ${catalogue}. Kenmerk ${reference}.`,
    ],
  },
  en: {
    title: { parent: "Subject access: data about your child in Ketenpoort", child: 'Subject access: what Ketenpoort passed on about you' },
    introduction: {
      parent: [
        'You asked which data about your child were exchanged through Ketenpoort. That is your right (Article 15 of the General Data Protection Regulation, GDPR).',
        'Ketenpoort is the hub through which municipalities, youth care providers, certified institutions, Veilig Thuis and the Child Protection Board exchange messages about children. Ketenpoort only lets a message through when the law allows it, and records every decision.',
        "Below is every exchange about your child: who sent something, to whom, for what, on which legal basis, which data were passed on and whether that was allowed. Then follow the consents and objections that were recorded, and your rights.",
      ],
      child: [
        'You asked which data about you were passed on through Ketenpoort. You may always ask that: it is in the privacy law (Article 15 of the GDPR).',
        'Ketenpoort is a kind of post office between the municipality, youth care and other organisations that help you. Ketenpoort only passes a message on when the law allows it, and writes down what happened each time.',
        'Below you see every time something about you was sent on: by whom, to whom, why, and whether that was allowed. After that you see when you or your parents gave consent or objected, and what you can do if you disagree.',
      ],
    },
    exchanges: {
      heading: { parent: 'Exchanges about your child', child: 'What was sent on about you' },
      empty: { parent: 'No exchanges about your child were recorded.', child: 'Nothing about you was sent on.' },
      entryHeading: (date: string, from: string, to: string) => `${date}: ${from} to ${to}`,
      purpose: 'For',
      messageType: 'Message type',
      legalBasis: 'Legal basis',
      released: 'Data passed on',
      releasedNone: 'none (the message was not passed on)',
      decision: 'Decision',
      override: 'Justification of the override',
      review: "Privacy officer's verdict",
      reviewPending: 'not reviewed yet',
      reviewJustified: 'justified',
      reviewNotJustified: 'not justified',
      retention: 'Kept for',
      sideEffect: 'Why',
      sideEffectText: 'A notification the law requires after an earlier message.',
      delivered: 'Delivered',
      confidential: 'This item may be confidential. The privacy officer decides whether it is provided.',
      unknownReason: (code: string) => `Reason: ${code}`,
      unknownReceiver: 'an unknown receiver',
    },
    consents: {
      heading: { parent: 'Consents and objections', child: 'Consent and objection' },
      empty: { parent: 'No consents or objections were recorded.', child: 'No consent or objection was recorded.' },
      permit: (date: string) => `Consent, given on ${date}`,
      objection: (date: string) => `Objection, made on ${date}`,
      givenBy: 'Given by',
      purposes: 'For',
      receivers: 'To whom',
      period: 'Valid',
      from: (date: string) => `from ${date}`,
      fromUntil: (from: string, until: string) => `from ${from} up to and including ${until}`,
      registeredBy: 'Recorded by',
      revoked: 'Revoked',
      revokedOn: (date: string) => `on ${date}`,
      capacity: { child: 'the child', 'custodial-parent': 'parent with custody', guardian: 'guardian', representative: 'legal representative' } as Record<string, string>,
      anyReceiver: 'as recorded',
    },
    rights: {
      heading: { parent: 'Your rights', child: 'What you can do' },
      paragraphs: {
        parent: [
          'Is something wrong? You can ask the organisation that provided the data to correct it (Article 16 GDPR), erase it (Article 17 GDPR and Article 7.3.9 of the Youth Act) or restrict its use (Article 18 GDPR). You can also object (Article 21 GDPR).',
          'Do you disagree with how the data were handled? You can complain to the Dutch Data Protection Authority, the Autoriteit Persoonsgegevens (Article 77 GDPR).',
          'Sometimes information may be left out, for example to protect someone else (Article 41 UAVG, Article 7.3.10 Youth Act). Where that happened here, it says so at the item.',
        ],
        child: [
          'Is something wrong? Then you may ask for it to be corrected or removed. Ask the organisation that sent it on, or your care worker.',
          'Do you disagree? You may complain to the Autoriteit Persoonsgegevens. Someone you trust, or the Kinder- en Jongerenrechtswinkel, can help you with that.',
          'Sometimes something is not told, for example to protect someone else. If so, it says so.',
        ],
      },
    },
    colophon: (date: string, by: string, policy: string, catalogue: string, reference: string) => [
      `Made on ${date}${by === '' ? '' : ` by ${by}, privacy officer`}.`,
      `Policy version ${policy}, legal-basis catalogue version ${catalogue}. Reference ${reference}.`,
    ],
  },
};

/** Dates as the reader reads them: Europe/Amsterdam, the language's own format. */
function dateFormat(language: ReportLanguage): (iso: string) => string {
  const format = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
  return (iso) => format.format(new Date(iso));
}

function dateTimeFormat(language: ReportLanguage): (iso: string) => string {
  const format = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });
  return (iso) => format.format(new Date(iso));
}

type ExportedExchange = SubjectAccessExport['exchanges'][number];

/** What the report reads of an exported exchange (the export types its entries loosely, as records). */
interface ExchangeFacts {
  readonly createdAt: string;
  readonly sender: string;
  readonly receiver: string | null;
  readonly messageType: string;
  readonly purpose: string | null;
  readonly outcome: 'allow' | 'deny';
  readonly reason: string | null;
  readonly legalBasis: { readonly title: string; readonly citation: string } | null;
  readonly processingActivity: { readonly title: string; readonly retention: string; readonly confidential: boolean } | null;
  readonly releasedFields: readonly string[];
  readonly override: { readonly reasonCode: string; readonly justification: string; readonly review: { readonly status: string } | null } | null;
  readonly sideEffectOf: string | null;
  readonly deliveredAt: string | null;
}

export function buildSubjectAccessReport(data: SubjectAccessExport, options: ReportOptions): SubjectAccessReport {
  const { reader, language, partyName } = options;
  const t = texts[language];
  const date = dateFormat(language);
  const dateTime = dateTimeFormat(language);

  const exchanges = [...data.exchanges]
    .map((e: ExportedExchange) => e as unknown as ExchangeFacts)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((e): ReportEntry => {
      const x = t.exchanges;
      const reason = e.reason ?? (e.outcome === 'allow' ? 'rule-allows' : 'no-legal-basis');
      const facts: ReportFact[] = [
        { label: x.purpose, value: e.processingActivity?.title ?? e.purpose ?? '—' },
        { label: x.messageType, value: e.messageType },
        { label: x.decision, value: decisionText(reason, language) ?? x.unknownReason(reason) },
      ];
      if (e.legalBasis !== null) facts.push({ label: x.legalBasis, value: `${e.legalBasis.title} (${e.legalBasis.citation})` });
      facts.push({ label: x.released, value: e.outcome === 'allow' && e.releasedFields.length > 0 ? e.releasedFields.join(', ') : x.releasedNone });
      if (e.override !== null) {
        facts.push({ label: x.override, value: e.override.justification });
        const status = e.override.review?.status;
        facts.push({ label: x.review, value: status === 'justified' ? x.reviewJustified : status === 'not-justified' ? x.reviewNotJustified : x.reviewPending });
      }
      if (e.sideEffectOf !== null) facts.push({ label: x.sideEffect, value: x.sideEffectText });
      if (e.deliveredAt !== null) facts.push({ label: x.delivered, value: dateTime(e.deliveredAt) });
      if (e.processingActivity !== null) facts.push({ label: x.retention, value: e.processingActivity.retention });
      return {
        heading: x.entryHeading(dateTime(e.createdAt), partyName(e.sender), e.receiver === null ? x.unknownReceiver : partyName(e.receiver)),
        facts,
        ...(e.processingActivity?.confidential === true ? { note: x.confidential } : {}),
      };
    });

  const consents = [...data.consents]
    .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt))
    .map((c): ReportEntry => {
      const x = t.consents;
      const receivers = [...(c.scope.receivers.parties ?? []).map(partyName), ...(c.scope.receivers.roles ?? [])];
      const facts: ReportFact[] = [
        { label: x.givenBy, value: c.givers.map((g) => `${x.capacity[g.capacity] ?? g.capacity} (${g.reference})`).join(', ') },
        { label: x.purposes, value: c.scope.purposes.join(', ') },
        { label: x.receivers, value: receivers.length > 0 ? receivers.join(', ') : x.anyReceiver },
        { label: x.period, value: c.validUntil === undefined ? x.from(date(c.validFrom)) : x.fromUntil(date(c.validFrom), date(c.validUntil)) },
        { label: x.registeredBy, value: partyName(c.registeredBy) },
      ];
      if (c.revocation !== undefined) {
        const by = c.revocation.revokedBy === undefined ? '' : `, ${x.capacity[c.revocation.revokedBy.capacity] ?? c.revocation.revokedBy.capacity} (${c.revocation.revokedBy.reference})`;
        facts.push({ label: x.revoked, value: `${x.revokedOn(date(c.revocation.revokedAt))}${by}` });
      }
      return { heading: c.kind === 'objection' ? x.objection(date(c.givenOn)) : x.permit(date(c.givenOn)), facts };
    });

  return {
    language,
    reader,
    title: t.title[reader],
    introduction: t.introduction[reader],
    sections: [
      { id: 'exchanges', heading: t.exchanges.heading[reader], entries: exchanges, empty: t.exchanges.empty[reader] },
      { id: 'consents', heading: t.consents.heading[reader], entries: consents, empty: t.consents.empty[reader] },
      { id: 'rights', heading: t.rights.heading[reader], entries: [], empty: '', paragraphs: t.rights.paragraphs[reader] },
    ],
    colophon: t.colophon(dateTime(data.generatedAt), options.generatedByName ?? '', data.policyVersion, data.catalogueVersion, data.subject.dataSubjectId.slice(0, 16)),
    generatedAt: data.generatedAt,
  };
}
