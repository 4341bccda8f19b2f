// The iJw answer to a submission, for a sender that speaks only iJw (it asks with Accept:
// application/xml): the technical retour of its heen message (JW302 for a JW301, and so on; see
// adapters/ijw-xml/ijw-retour.ts for the codes):
// - accepted (202): RetourCode 0200 on every class;
// - refused by the policy (403): 0001 on the header, the body not assessed (0233);
// - invalid (400), unroutable (403 sender-mismatch, 422 unknown-receiver) or against a process rule of
//   the care path (422 care-path-rule): each error's retourcode on the class where the error points.
// The decision and the audit record are the submission's own; this only writes them as a retour. It
// is deterministic for an exchange (IdentificatieRetour from the exchange id, DagtekeningRetour the
// exchange's day), so an idempotent replay gets the same retour again.
import { randomBytes } from 'node:crypto';
import type { GatewayError, FieldError } from '../kernel/gateway-error.ts';
import { dutchDate, type Clock } from '../kernel/clock.ts';
import type { Store } from '../store/store.ts';
import { parseJsonBody } from './parse-body.ts';
import type { SubmitRequest, SubmitResponse } from './submit-exchange.ts';
import { decodeXmlBody, isXmlMediaType, type IjwXmlSupport } from './ijw-xml-submission.ts';

export interface IjwRetour {
  readonly messageType: string;
  readonly xml: string;
}

export interface IjwRetourAnswers {
  /** The retour for a decided submission (202 or 403), or undefined when its message has none. */
  forResponse(request: SubmitRequest, response: SubmitResponse): Promise<IjwRetour | undefined>;
  /** The retour for a submission refused before a decision, or undefined when none can be made. */
  forError(request: SubmitRequest, error: GatewayError): Promise<IjwRetour | undefined>;
}

interface Deps {
  readonly ijw: IjwXmlSupport;
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

  /** The heen message of a request again (JSON envelope or native XML), if it is one that has a retour. */
  function heenOf(request: SubmitRequest): Heen | undefined {
    try {
      const type = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (isXmlMediaType(type)) {
        const parsed = codec.parse(decodeXmlBody(request.body, request.contentType));
        return codec.retourTypeOf(parsed.messageType) === undefined ? undefined : { ...parsed, xml: true };
      }
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
      if (heen === undefined) return undefined;
      const exchange = await deps.store.getExchange(response.exchangeId);
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
      if (!ANSWERABLE.has(error.code)) return undefined;
      const heen = heenOf(request);
      if (heen === undefined) return undefined;
      return Promise.resolve(
        codec.buildRetourXml({
          heenType: heen.messageType,
          heen: heen.message,
          outcome: { accepted: false, errors: intoMessage(error.errors, heen.xml) },
          // No exchange was made: a fresh identification (12 hex characters, LDT_IdentificatieBericht).
          identificatieRetour: randomBytes(6).toString('hex'),
          dagtekeningRetour: dutchDate(deps.clock.now()),
        }),
      );
    },
  };
}
