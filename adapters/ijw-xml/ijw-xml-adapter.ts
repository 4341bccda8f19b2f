// ijw-xml: delivers an iJw message to a municipality's or provider's own system as native iJw 3.2 XML,
// POSTed to the receiver's endpoint (Content-Type application/xml). As with rest-json, the exchange id
// travels as Idempotency-Key (so the receiver can drop a redelivery) and the W3C traceparent with it.
// Outcome classes as in adapters/http-outcome.ts. A message that cannot be written as iJw XML (not an
// iJw type, or content the XSD cannot carry) is a permanent failure with the reason: resending would
// fail the same way. The POST goes over node:http with a keep-alive agent (adapters/http-post.ts), as
// rest-json's does: redirects are not followed (the endpoint is configured; a 3xx is a permanent
// answer like any other non-retryable status).
import type { Adapter, DeliveryResult } from '../adapter.ts';
import { failureForStatus } from '../http-outcome.ts';
import { failureForRequestError, postHttp, type HttpAnswer } from '../http-post.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';

export interface IjwXmlAdapterDeps {
  /** The JSON form to iJw XML (the codec's render). */
  render(messageType: string, message: Readonly<Record<string, unknown>>): string;
  /** The message types the codec can write as iJw XML (the iJw 3.2 messages). */
  knownTypes(): readonly string[];
  readonly userAgent?: string;
}

export const IJW_XML_ADAPTER_KIND = 'ijw-xml';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createIjwXmlAdapter(deps: IjwXmlAdapterDeps): Adapter {
  const carried = new Set(deps.knownTypes());
  return {
    kind: IJW_XML_ADAPTER_KIND,
    carries: (messageType) => carried.has(messageType),
    async deliver(message, target, ctx): Promise<DeliveryResult> {
      if (target.endpoint === undefined) return { status: 'permanent', reason: 'receiver has no endpoint' };
      if (!isRecord(message.payload)) return { status: 'permanent', reason: 'no message to deliver (payload purged or empty)' };
      let xml: string;
      try {
        xml = deps.render(message.messageType, message.payload);
      } catch (error) {
        if (!isGatewayError(error)) throw error;
        const where = error.errors.slice(0, 5).map((e) => `${e.pointer} ${e.detail}`).join('; ');
        return { status: 'permanent', reason: `not deliverable as iJw XML: ${error.detail ?? error.title}${where ? ` (${where})` : ''}`.slice(0, 500) };
      }
      let answer: HttpAnswer;
      try {
        answer = await postHttp(
          target.endpoint,
          {
            'content-type': 'application/xml; charset=utf-8',
            accept: 'application/xml, application/json;q=0.9, */*;q=0.1',
            'idempotency-key': message.exchangeId,
            traceparent: ctx.traceparent,
            'user-agent': deps.userAgent ?? 'ketenpoort',
          },
          xml,
          ctx.signal,
        );
      } catch (error) {
        return failureForRequestError(error, ctx.signal);
      }
      if (answer.status >= 200 && answer.status < 300) {
        const location = answer.headers.location;
        return { status: 'delivered', reference: (location ?? message.exchangeId).slice(0, 500) };
      }
      return failureForStatus(answer.status);
    },
  };
}
