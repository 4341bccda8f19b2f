// A 202 promises delivery, so the gateway only accepts what the receiver's adapter can carry
// (issue 15). Two checks, one rule:
// - at start-up, for every policy rule (and each side effect it asks for) and every party with an
//   adapter the rule can send to (by role), the adapter must carry each message type the rule allows
//   to that party; otherwise the gateway refuses to start and names every gap;
// - on submit, before the decision, a message whose type the receiver's adapter cannot carry is
//   refused (`receiver-cannot-carry`), so nothing is accepted only to dead-letter later.
// Which types an adapter carries is the adapter's own answer (Adapter.carries in adapters/adapter.ts).
// A party may narrow what it takes (`adapter.messageTypes` in the configuration: a municipality whose
// system speaks only iJw XML takes no Veilig Thuis notices through it); the types it lists must then be
// carried, and a type outside the list is refused on submit like one its adapter cannot carry.
// The gateway's own notices are the exception: every type whose schema says `x-gateway-originated`
// (the consent notice of consent-notices.ts, the regie notice of side-effects.ts) goes only to a party
// whose adapter maps it, and a refusal for one that cannot is audited, never a failed promise: no
// sender was told it would arrive. So a party of a receiving role whose adapter cannot carry one is no
// gap: it is simply never sent one. One predicate for all of them, from the schemas, so a new notice
// type cannot be forgotten here.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { Party } from '../config/config-types.ts';
import type { PolicyRule } from '../../consent/policy-engine.ts';

/** Whether the gateway alone sends this type (its schema's `x-gateway-originated`): MessageValidator.isGatewayOriginated. */
export type GatewayOriginated = (messageType: string) => boolean;

/** Whether the receiver's adapter can carry a message type (true for an adapter that carries anything). */
export type ReceiverCarries = (receiver: Party, messageType: string) => boolean;

/** Whether a party takes a message type at all (its configured list, if it has one). */
export const partyTakes = (party: Party, messageType: string): boolean => party.adapter.messageTypes?.includes(messageType) ?? true;

/** Every (rule, party, message type) the policy allows and the party's adapter cannot carry. */
export function adapterGaps(rules: readonly PolicyRule[], parties: readonly Party[], carries: ReceiverCarries, gatewayOriginated: GatewayOriginated): FieldError[] {
  const gaps: FieldError[] = [];
  const check = (pointer: string, roles: readonly string[], types: readonly string[], what: string): void => {
    for (const party of parties.filter((p) => roles.includes(p.role))) {
      for (const type of types.filter((t) => partyTakes(party, t) && !carries(party, t) && !gatewayOriginated(t))) {
        gaps.push({ pointer, detail: `${what} lets ${type} go to ${party.role} "${party.id}", whose adapter "${party.adapter.kind}" cannot carry ${type}` });
      }
    }
  };
  for (const party of parties) {
    for (const type of (party.adapter.messageTypes ?? []).filter((t) => !carries(party, t))) {
      gaps.push({ pointer: `/parties/${party.id}/adapter/messageTypes`, detail: `party "${party.id}" says it takes ${type}, which its adapter "${party.adapter.kind}" cannot carry` });
    }
  }
  rules.forEach((rule, i) => {
    check(`/rules/${i}/messageTypes`, rule.receiverRoles, rule.messageTypes, `rule "${rule.id}"`);
    (rule.sideEffects ?? []).forEach((effect, k) => {
      // A regie notice goes to the child's regievoerder, whatever its role; a gateway-originated type
      // is skipped by check() anyway. A plain notify goes to a role, promised with the exchange.
      if (effect.kind === 'notify') check(`/rules/${i}/sideEffects/${k}`, [effect.receiverRole], [effect.messageType], `side effect ${k} of rule "${rule.id}"`);
    });
  });
  return gaps;
}

/** At start-up: refuse to start while the policy allows a party something its adapter cannot carry. */
export function checkAdaptersCarryPolicy(rules: readonly PolicyRule[], parties: readonly Party[], carries: ReceiverCarries, gatewayOriginated: GatewayOriginated, policyFile: string): void {
  const gaps = adapterGaps(rules, parties, carries, gatewayOriginated);
  if (gaps.length > 0) {
    throw new GatewayError('config-invalid', {
      detail: `${policyFile} and the parties' adapters disagree (give the party an adapter that carries the type, or narrow the rule): ${gaps.map((g) => g.detail).join('; ')}`,
      errors: gaps,
    });
  }
}

/** On submit, before the decision: the receiver's adapter must carry the message type. */
export function checkReceiverCarries(carries: ReceiverCarries | undefined, receiver: Party, messageType: string): void {
  if (!partyTakes(receiver, messageType)) {
    throw new GatewayError('receiver-cannot-carry', {
      detail: `receiver "${receiver.id}" takes only ${receiver.adapter.messageTypes?.join(', ')} through its "${receiver.adapter.kind}" adapter; nothing was accepted`,
      errors: [{ pointer: '/messageType', detail: `is not a type "${receiver.id}" takes` }],
    });
  }
  if (carries === undefined || carries(receiver, messageType)) return;
  throw new GatewayError('receiver-cannot-carry', {
    detail: `receiver "${receiver.id}" takes messages through a "${receiver.adapter.kind}" adapter, which cannot carry ${messageType}; nothing was accepted`,
    errors: [{ pointer: '/messageType', detail: `cannot be delivered to "${receiver.id}" (adapter ${receiver.adapter.kind})` }],
  });
}
