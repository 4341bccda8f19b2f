// The iJw answer to a submission, for a sender that speaks only iJw (it asks with Accept:
// application/xml): the technical retour of its heen message (JW302 for a JW301, and so on; see
// adapters/ijw-xml/ijw-retour.ts for the codes):
// - accepted (202): RetourCode 0200 on every class, when the gateway writes the retours for the receiver
//   (party setting ijwRetour 'gateway'); when the receiver writes its own (ijwRetour 'receiver', the
//   default), no retour: the answer is the plain JSON acknowledgement with `Ijw-Retour: receiver`, and
//   the receiver's retour reaches the sender later. Either way the sender gets one retour per message;
// - refused by the policy (403): 0001 on the header, the body not assessed (0233);
// - invalid (400), unroutable (403 sender-mismatch, 422 unknown-receiver) or against a process rule of
//   the care path (422 care-path-rule): each error's retourcode on the class where the error points;
//   this includes XSD faults the XML parser finds (element order, namespaces), since the message is
//   read leniently for its retour.
// - no retour can be made (the XML is not well-formed or not UTF-8, its root is no iJw message, it has
//   no header, or a value the retour must copy is unusable): the problem document answers, and says
//   why in `noRetour`, naming iJw rule OP047 and, where one fits, the berichtenverkeer foutcode.
// The decision and the audit record are the submission's own; this only writes them as a retour. It
// is deterministic for an exchange (IdentificatieRetour from the exchange id, DagtekeningRetour the
// exchange's day), so an idempotent replay gets the same retour again.
import { randomBytes } from 'node:crypto';
import { isGatewayError, type GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { dutchDate, type Clock } from '../kernel/clock.ts';
import type { Store } from '../store/store.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import { parseJsonBody } from './parse-body.ts';
import type { SubmitRequest, SubmitResponse } from './submit-exchange.ts';
import { decodeXmlBody, isXmlMediaType, type IjwXmlSupport } from './ijw-xml-submission.ts';

export interface IjwRetour {
  readonly messageType: string;
  readonly xml: string;
}

/** Why a refusal of a heen message that has a retour is answered without one (problem member `noRetour`). */
export interface NoRetour {
  readonly reason: string;
  /** OP047: a message that does not meet the standard may be refused. */
  readonly rule: 'OP047';
  readonly ruleText: string;
  /** The berichtenverkeer's foutcode for the same refusal (codelijsten/Foutcodelijst_Vecozo.md), where one fits. */
  readonly foutcode?: string;
}

export interface IjwRetourAnswers {
  /**
   * The retour for a decided submission (202 or 403); 'receiver' for an accepted one whose receiver
   * writes its own retour; undefined when its message has none.
   */
  forResponse(request: SubmitRequest, response: SubmitResponse): Promise<IjwRetour | 'receiver' | undefined>;
  /**
   * The retour for a submission refused before a decision; or, for a message that would have one but
   * cannot be answered with it, why not; undefined when the message is no heen message with a retour.
   */
  forError(request: SubmitRequest, error: GatewayError): Promise<{ readonly retour: IjwRetour } | { readonly noRetour: NoRetour } | undefined>;
}

const OP047_TEXT = 'Als een bericht niet aan de geldende standaard voldoet, mag het bericht afgekeurd worden.';

function noRetour(reason: string, foutcode?: string): { readonly noRetour: NoRetour } {
  return { noRetour: { reason, rule: 'OP047', ruleText: OP047_TEXT, ...(foutcode !== undefined ? { foutcode } : {}) } };
}

interface Deps {
  readonly ijw: IjwXmlSupport;
  readonly parties: PartyRegistry;
  readonly store: Store;
  readonly clock: Clock;
  readonly maxJsonDepth: number;
}

/** Refusals that concern the message and so can be answered with its retour. */
const ANSWERABLE = new Set(['invalid-input', 'sender-mismatch', 'unknown-receiver', 'care-path-rule']);

interface Heen {
  readonly messageType: string;
  readonly message: Record<string, unknown>;
  readonly xml: boolean;
}

export function createIjwRetourAnswers(deps: Deps): IjwRetourAnswers {
  const { codec } = deps.ijw;

  /**
   * The heen message of a request again (JSON envelope or native XML, the latter read leniently), if it
   * is one that has a retour; for XML that cannot be read that far, why not.
   */
  function heenOf(request: SubmitRequest): Heen | { readonly unreadable: string; readonly foutcode: string } | undefined {
    const type = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (isXmlMediaType(type)) {
      try {
        const parsed = codec.parseLeniently(decodeXmlBody(request.body, request.contentType));
        return codec.retourTypeOf(parsed.messageType) === undefined ? undefined : { ...parsed, xml: true };
      } catch (error) {
        const first = isGatewayError(error) ? (error.errors[0]?.detail ?? error.detail ?? error.title) : 'the XML could not be read';
        // BRS14: "Payload bevat geen well-formed XML"; BRS13: "Berichtinhoud voldoet niet aan XSD".
        return { unreadable: `the message could not be read as an iJw message, so there is nothing to copy into a retour: ${first}`, foutcode: /root element/.test(first) ? 'BRS13' : 'BRS14' };
      }
    }
    try {
      const body = parseJsonBody(request.body, deps.maxJsonDepth) as { messageType?: unknown; message?: unknown } | null;
      const message = body?.message;
      if (typeof body?.messageType !== 'string' || typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
      return codec.retourTypeOf(body.messageType) === undefined ? undefined : { messageType: body.messageType, message: message as Record<string, unknown>, xml: false };
    } catch {
      return undefined; // not parseable: no retour (the problem document answers)
    }
  }

  /** Pointers of a JSON submission are into the envelope; a retour needs them into the message. */
  function intoMessage(errors: readonly FieldError[], xml: boolean): FieldError[] {
    if (xml) return [...errors];
    return errors.map((e) => ({ ...e, pointer: e.pointer === '/message' || e.pointer.startsWith('/message/') ? e.pointer.slice('/message'.length) : '' }));
  }

  return {
    async forResponse(request, response) {
      const heen = heenOf(request);
      if (heen === undefined || 'unreadable' in heen) return undefined;
      const exchange = await deps.store.getExchange(response.exchangeId);
      // One retour per heen message: an accepted message to a receiver that writes its own gets none here.
      const receiver = typeof exchange?.receiver === 'string' ? deps.parties.get(exchange.receiver) : undefined;
      if (response.statusCode === 202 && (receiver?.ijwRetour ?? 'receiver') === 'receiver') return 'receiver';
      const day = dutchDate(new Date(exchange?.createdAt ?? deps.clock.now().getTime()));
      return codec.buildRetourXml({
        heenType: heen.messageType,
        heen: heen.message,
        outcome: response.statusCode === 202 ? { accepted: true } : { accepted: false, errors: [] },
        identificatieRetour: response.exchangeId.replaceAll('-', '').slice(0, 12),
        dagtekeningRetour: day,
      });
    },
    async forError(request, error) {
      // Not a judgement of the message (a reused key, an outage): the problem document answers.
      if (error.category === 'system' || error.category === 'upstream' || error.code.startsWith('idempotency-')) return undefined;
      const heen = heenOf(request);
      if (heen === undefined) return undefined;
      if ('unreadable' in heen) return noRetour(heen.unreadable, heen.foutcode);
      if (!ANSWERABLE.has(error.code)) return noRetour(`the message was refused before it was judged (${error.code})`);
      const attempt = codec.tryRetourXml({
        heenType: heen.messageType,
        heen: heen.message,
        outcome: { accepted: false, errors: intoMessage(error.errors, heen.xml) },
        // No exchange was made: a fresh identification (12 hex characters, LDT_IdentificatieBericht).
        identificatieRetour: randomBytes(6).toString('hex'),
        dagtekeningRetour: dutchDate(deps.clock.now()),
      });
      return Promise.resolve('reason' in attempt ? noRetour(attempt.reason, 'BRS13') : { retour: attempt });
    },
  };
}
