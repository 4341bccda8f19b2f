// What the regie register's tests need before a registration (issue 12): the gemeente involved with the
// child (a JW315 about it sent to the gemeente), and for a GI a child-protection measure it carries out
// (its verzoek tot onderzoek to the Raad, then the Raad's notice of the court's decision to the GI,
// naming the GI as UitvoerendeInstelling). Sent through the API like any exchange.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { minimalMessage } from './keten-messages.ts';

export type SendExchange = (party: string, envelope: Record<string, unknown>) => Promise<{ status: number; body: any }>;

export const GI_PARTY = 'gi-jeugdbescherming-west';
const GI_OIN = '00000099000000430000';
let sequence = 0;

/** The provider asks the gemeente for a toewijzing about the child: both have exchanged about it. */
export async function involveGemeente(send: SendExchange, bsn: string, gemeente = 'gemeente-diemen', provider = 'jeugdhulp-de-brug'): Promise<void> {
  const message = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, any>;
  message.Client.Bsn = bsn;
  sequence += 1;
  message.Header.BerichtIdentificatie.Identificatie = `RS${String(process.pid % 10_000).padStart(4, '0')}${String(sequence).padStart(4, '0')}`;
  const res = await send(provider, { messageType: 'JW315', receiver: gemeente, purpose: 'verzoek-toewijzing', message });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

/** The GI carries out a measure (OTS) for the child from `ingangsdatum`, until `einddatum` when given. */
export async function giMeasure(send: SendExchange, bsn: string, period: { readonly ingangsdatum: string; readonly einddatum?: string } = { ingangsdatum: '2026-01-01' }): Promise<void> {
  const kind = { Bsn: bsn, Geslacht: '2' };
  const vto = await send(GI_PARTY, {
    messageType: 'VerzoekTotOnderzoek', receiver: 'raad-kinderbescherming', purpose: 'verzoek-tot-onderzoek',
    subject: { bsn, birthDate: '2012-05-01' },
    message: { ...minimalMessage('VerzoekTotOnderzoek'), Kinderen: [kind], BetrokkenGemeente: { Gemeentecode: '0384' } },
  });
  expect(vto.status, JSON.stringify(vto.body)).toBe(202);
  const decision = await send('raad-kinderbescherming', {
    messageType: 'NotificatieBeslissingRechtspraak', receiver: GI_PARTY, purpose: 'notificatie-jeugdbescherming',
    message: {
      ...minimalMessage('NotificatieBeslissingRechtspraak'),
      Kind: kind,
      Periode: { Ingangsdatum: period.ingangsdatum, ...(period.einddatum !== undefined ? { Einddatum: period.einddatum } : {}) },
      UitvoerendeInstelling: { Naam: 'Jeugdbescherming West', Oin: GI_OIN },
    },
  });
  expect(decision.status, JSON.stringify(decision.body)).toBe(202);
}
