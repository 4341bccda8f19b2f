// The signal for a bedrijfsregel without a retourcode that an accepted message breaks (a finding with
// `signal`, src/care-path/care-path-run.ts): the sender owes a correction, the receiver is concerned.
// Unlike the watchdog's signals (watchdog-signals.ts) nothing closes it by itself: a person
// acknowledges it. References only: the exchange, the message's identification, the child's pseudonym.
import type { SignalDraft } from '../signals/signal.ts';
import type { ProcessFinding } from './care-path-run.ts';
import { CARE_PATH_SIGNAL_SOURCE } from './watchdog-signals.ts';

/** The signal kind of a rule broken by a message (the watchdog's kinds are its deadline kinds). */
export const MESSAGE_RULE_SIGNAL_KIND = 'message-rule';

export interface SignalledMessage {
  readonly messageType: string;
  readonly exchangeId: string;
  readonly identificatie: string;
  readonly senderParty: string;
  readonly receiverParty: string;
  /** The Dutch day the gateway accepted the message. */
  readonly day: string;
}

/** The signal for a signal finding of an accepted message. */
export function signalForFinding(finding: ProcessFinding, message: SignalledMessage): SignalDraft {
  return {
    source: CARE_PATH_SIGNAL_SOURCE,
    // One per rule and place in the message: a message breaks a rule at a place once.
    key: `rule:${message.exchangeId}:${finding.rule}:${finding.pointer}`,
    kind: MESSAGE_RULE_SIGNAL_KIND,
    rule: finding.rule,
    title: `Bericht wijkt af van bedrijfsregel ${finding.rule}`,
    owedBy: message.senderParty,
    ...(message.receiverParty !== message.senderParty ? { concerned: message.receiverParty } : {}),
    ...(finding.subject !== undefined ? { subject: finding.subject } : {}),
    refs: { messageType: message.messageType, exchangeId: message.exchangeId, identificatie: message.identificatie },
    dueDay: message.day,
  };
}
