// Step 3, validate: the envelope, then the message against its type's schema, identifiers and
// cross-field rules. Every error is reported at once, each with its JSON pointer into the request.
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import type { Envelope } from './envelope.ts';
import { isIjwType } from './envelope.ts';
import type { MessageValidator } from './message-validator-port.ts';
import type { SubjectFacts } from '../kernel/policy-decision.ts';

/** The envelope's own schema and a message type the gateway knows (submission and policy explain). */
export function validateEnvelopeOf(validator: MessageValidator, body: unknown): Envelope {
  const envelopeErrors = validator.validateEnvelope(body);
  if (envelopeErrors.length > 0) throw new GatewayError('invalid-input', { errors: envelopeErrors });
  const envelope = body as Envelope;
  if (!validator.isKnownType(envelope.messageType)) {
    throw new GatewayError('unknown-message-type', {
      detail: `"${envelope.messageType}" is not a message type this gateway knows`,
      errors: [{ pointer: '/messageType', detail: 'unknown message type', rule: 'enum' }],
    });
  }
  if (validator.isGatewayOriginated(envelope.messageType)) {
    throw new GatewayError('invalid-input', {
      detail: `${envelope.messageType} is sent by the gateway itself (a notice), never by a party`,
      errors: [{ pointer: '/messageType', detail: 'is a notice only the gateway sends' }],
    });
  }
  return envelope;
}

export function validateSubmission(validator: MessageValidator, body: unknown, today: string): Envelope {
  const envelope = validateEnvelopeOf(validator, body);
  const messageErrors = validator
    .validateMessage(envelope.messageType, envelope.message, today)
    .map((e): FieldError => ({ ...e, pointer: `/message${e.pointer}` }));
  const subjectErrors = subjectConsistency(envelope);
  const errors = [...messageErrors, ...subjectErrors, ...justificationErrors(envelope)];
  if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
  return envelope;
}

/**
 * The child in the message: the iJw Client, or the `Kind` of the non-iJw families (one child per
 * message). Messages about several children (a VTO) or none (JR: SKN, research: no identifiers)
 * name the child in the envelope's subject.
 */
function childOf(envelope: Envelope): { readonly pointer: string; readonly bsn?: unknown; readonly birthDate?: unknown } | undefined {
  if (isIjwType(envelope.messageType)) {
    const client = envelope.message.Client as { Bsn?: unknown; Geboortedatum?: { Datum?: unknown } } | undefined;
    return client === undefined ? undefined : { pointer: '/message/Client/Bsn', bsn: client.Bsn, birthDate: client.Geboortedatum?.Datum };
  }
  const kind = envelope.message.Kind as { Bsn?: unknown; Geboortedatum?: unknown } | undefined;
  return kind === undefined || typeof kind !== 'object' ? undefined : { pointer: '/message/Kind/Bsn', bsn: kind.Bsn, birthDate: kind.Geboortedatum };
}

/** The child is the message's child; an envelope subject may add facts but not another BSN. */
function subjectConsistency(envelope: Envelope): FieldError[] {
  if (envelope.subject?.bsn === undefined) return [];
  const child = childOf(envelope);
  if (child?.bsn !== undefined && child.bsn !== envelope.subject.bsn) {
    return [{ pointer: '/subject/bsn', detail: `differs from ${child.pointer}` }];
  }
  return [];
}

/** A break-glass justification is read by a privacy officer: it must say something, in words. */
export const JUSTIFICATION_MIN_VISIBLE = 20;
export const JUSTIFICATION_MIN_WORDS = 3;

function justificationErrors(envelope: Envelope): FieldError[] {
  const text = envelope.override?.justification;
  if (text === undefined) return [];
  const visible = text.replace(/[\s\p{Cc}\p{Cf}]/gu, '').length;
  // A word: two or more letters in a row (so "x x x x" or a run of digits or dots is not an explanation).
  const words = text.match(/\p{L}{2,}/gu)?.length ?? 0;
  if (visible >= JUSTIFICATION_MIN_VISIBLE && words >= JUSTIFICATION_MIN_WORDS) return [];
  return [
    {
      pointer: '/override/justification',
      detail: `a justification needs at least ${JUSTIFICATION_MIN_VISIBLE} characters other than spaces and at least ${JUSTIFICATION_MIN_WORDS} words (it has ${visible} and ${words})`,
      rule: 'justification',
    },
  ];
}

/** The facts about the child the policy needs: from the message's child where there is one, plus envelope flags. */
export function subjectOf(envelope: Envelope): SubjectFacts | undefined {
  const child = childOf(envelope);
  const bsn = typeof child?.bsn === 'string' ? child.bsn : envelope.subject?.bsn;
  const birthDate = typeof child?.birthDate === 'string' ? child.birthDate : envelope.subject?.birthDate;
  if (bsn === undefined && envelope.subject === undefined) return undefined;
  return {
    ...envelope.subject,
    ...(bsn !== undefined ? { bsn } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
  };
}
