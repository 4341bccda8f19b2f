// The request both targets get: the demo JW315 in an exchange envelope, grown to a realistic size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiverParty } from './gateway.ts';
import { repoRoot } from './paths.ts';
import { BSN_TOKEN, ID_TOKEN, REF_TOKEN } from './distinct-message.ts';

/** `body` is a template: the load generator fills it per request (fillMessage). */
export interface Message { body: string; source: string; dagtekeningChanged: boolean }


function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The demo JW315, grown to a realistic ~2 KB by requesting more products (a provider asking for
 * several products for one child in one message is common), each with its own ReferentieAanbieder.
 */
export function benchMessage(): Message {
  const file = join(repoRoot, 'config', 'demo-messages', 'jw315.json');
  const message = JSON.parse(readFileSync(file, 'utf8')) as {
    Header: { BerichtIdentificatie: { Dagtekening: string } };
    Client: { AangevraagdeProducten: { AangevraagdProduct: Record<string, unknown>[] } };
  };
  // The Dagtekening must not be in the future (UTC today is never after the Dutch today).
  let dagtekeningChanged = false;
  const id = message.Header.BerichtIdentificatie;
  if (id.Dagtekening > todayUtc()) {
    id.Dagtekening = todayUtc();
    dagtekeningChanged = true;
  }
  const products = message.Client.AangevraagdeProducten.AangevraagdProduct;
  const template = products[0];
  const envelopeOf = (): string => JSON.stringify({ messageType: 'JW315', receiver: receiverParty, purpose: 'verzoek-toewijzing', message });
  for (let n = products.length; template !== undefined && Buffer.byteLength(envelopeOf()) < 2048; n++) {
    // Another product (TR386: the same product may not be asked twice for overlapping periods).
    const product = structuredClone(template) as { Product: { Code: string } } & Record<string, unknown>;
    product.Product.Code = `55A${String(11 + n)}`;
    products.push({ ...product, ReferentieAanbieder: `40A1234${String(1240 + n)}` });
  }
  // Each request a distinct message (bench/support/distinct-message.ts): its own id, references, child.
  (id as unknown as { Identificatie: string }).Identificatie = ID_TOKEN;
  products.forEach((p, k) => (p.ReferentieAanbieder = `${REF_TOKEN}P${k}`));
  (message.Client as Record<string, unknown>).Bsn = BSN_TOKEN;
  return { body: envelopeOf(), source: 'config/demo-messages/jw315.json, grown to ~2 KB with more requested products, each request with its own id, references and child', dagtekeningChanged };
}
