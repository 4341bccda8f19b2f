// Step 3, validate: the envelope, then the message against its type's schema, identifiers and
// cross-field rules. Every error is reported at once, each with its JSON pointer into the request.
import { GatewayError, type FieldError } from '../errors/gateway-error.ts';
import type { Envelope } from './envelope.ts';
import { isIjwType } from './envelope.ts';
import type { MessageValidator } from './message-validator-port.ts';
import type { SubjectFacts } from '../../consent/policy-decision.ts';

export function validateSubmission(validator: MessageValidator, body: unknown, today: string): Envelope {
  const envelopeErrors = validator.validateEnvelope(body);
  if (envelopeErrors.length > 0) throw new GatewayError('invalid-input', { errors: envelopeErrors });
  const envelope = body as Envelope;
  if (!validator.knownTypes().includes(envelope.messageType)) {
    throw new GatewayError('unknown-message-type', {
      detail: `"${envelope.messageType}" is not a message type this gateway knows`,
      errors: [{ pointer: '/messageType', detail: 'unknown message type', rule: 'enum' }],
    });
  }
  const messageErrors = validator
    .validateMessage(envelope.messageType, envelope.message, today)
    .map((e): FieldError => ({ ...e, pointer: `/message${e.pointer}` }));
  const subjectErrors = subjectConsistency(envelope);
  const errors = [...messageErrors, ...subjectErrors];
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return envelope;
}

/** For iJw the child is the message's Client; an envelope subject may add flags but not another BSN. */
function subjectConsistency(envelope: Envelope): FieldError[] {
  if (!isIjwType(envelope.messageType) || envelope.subject?.bsn === undefined) return [];
  const client = envelope.message.Client as { Bsn?: unknown } | undefined;
  if (client?.Bsn !== undefined && client.Bsn !== envelope.subject.bsn) {
    return [{ pointer: '/subject/bsn', detail: 'differs from /message/Client/Bsn' }];
  }
  return [];
}

/** The facts about the child the policy needs: from the iJw Client where there is one, plus envelope flags. */
export function subjectOf(envelope: Envelope): SubjectFacts | undefined {
  const client = envelope.message.Client as { Bsn?: unknown; Geboortedatum?: { Datum?: unknown } } | undefined;
  const bsn = typeof client?.Bsn === 'string' ? client.Bsn : envelope.subject?.bsn;
  const birthDate = typeof client?.Geboortedatum?.Datum === 'string' ? client.Geboortedatum.Datum : envelope.subject?.birthDate;
  if (bsn === undefined && envelope.subject === undefined) return undefined;
  return {
    ...envelope.subject,
    ...(bsn !== undefined ? { bsn } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
  };
}
