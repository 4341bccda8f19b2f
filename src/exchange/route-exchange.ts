// Step 4, route: the receiver comes from the party registry (its adapter and endpoint). For iJw the
// header must agree with the parties: Afzender is the authenticated sender's own code (gemeentecode or
// AGB) and Ontvanger the receiver's, so a message can never travel under another party's name.
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Party } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import { isIjwRetour, isIjwType, type Envelope } from './envelope.ts';

function codesOf(party: Party): string[] {
  return [party.identifiers.gemeentecode, party.identifiers.agb].filter((c): c is string => c !== undefined);
}

export function routeExchange(parties: PartyRegistry, sender: Party, envelope: Envelope): Party {
  if (envelope.sender !== undefined && envelope.sender !== sender.id) {
    throw new GatewayError('sender-mismatch', {
      detail: 'the sender is the authenticated party; the body names another',
      errors: [{ pointer: '/sender', detail: 'must be the authenticated party or absent' }],
    });
  }
  const receiver = parties.get(envelope.receiver);
  if (receiver === undefined) {
    throw new GatewayError('unknown-receiver', {
      detail: `no party "${envelope.receiver}"`,
      errors: [{ pointer: '/receiver', detail: 'not a known party' }],
    });
  }
  if (receiver.disabled === true) {
    // Refused before the 202: a disabled party's deliveries would only become dead letters.
    throw new GatewayError('receiver-disabled', {
      detail: `party "${receiver.id}" is disabled at this gateway and receives nothing`,
      errors: [{ pointer: '/receiver', detail: 'is disabled' }],
    });
  }
  if (isIjwType(envelope.messageType)) {
    const header = envelope.message.Header as Record<string, unknown> | undefined;
    // A retour copies the heen header: its Afzender is the party the retour goes back to, and its
    // Ontvanger the party sending the retour (domain.md 1.3). Check the roles the right way round.
    const retour = isIjwRetour(envelope.messageType);
    const senderField = retour ? 'Ontvanger' : 'Afzender';
    const receiverField = retour ? 'Afzender' : 'Ontvanger';
    const senderCode = header?.[senderField];
    const receiverCode = header?.[receiverField];
    if (typeof senderCode === 'string' && !codesOf(sender).includes(senderCode)) {
      throw new GatewayError('sender-mismatch', {
        detail: `Header/${senderField} is not the authenticated party's gemeentecode or AGB code`,
        errors: [{ pointer: `/message/Header/${senderField}`, detail: "must be the sender's own code" }],
      });
    }
    if (typeof receiverCode === 'string' && !codesOf(receiver).includes(receiverCode)) {
      throw new GatewayError('invalid-input', {
        errors: [{ pointer: `/message/Header/${receiverField}`, detail: `is not the code of receiver "${receiver.id}"` }],
      });
    }
  }
  return receiver;
}
