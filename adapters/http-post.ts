// One HTTP POST of a delivery over node:http / node:https with a keep-alive agent per protocol (issue
// 14: fetch/undici cost about 15 % of an exchange's CPU on the gateway's hot path). The attempt's
// deadline comes in as the AbortSignal (the dispatcher's delivery.timeoutMs), which ends the request,
// its socket and the body read. Redirects are not followed: a
// receiver's endpoint is configured, and a 3xx is an answer like any other non-2xx (permanent).
//
// Errors read as fetch's did, so the reasons in the audit, the console and the operator figures keep
// their meaning: "network: ECONNREFUSED" (the socket's code), "network: TimeoutError" when the
// deadline passed ("network: AbortError" for a signal aborted without a named reason).
import http from 'node:http';
import https from 'node:https';
import type { DeliveryResult } from './adapter.ts';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** The most of a receiver's answer kept (a reference is looked for in it); the rest is read and dropped. */
const maxKeptBody = 64 * 1024;

export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

export function postHttp(endpoint: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : undefined;
    if (protocol === undefined) {
      reject(Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: 'ERR_UNSUPPORTED_PROTOCOL' }));
      return;
    }
    const payload = Buffer.from(body);
    const request = (protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', agent: agents[protocol], signal, headers: { ...headers, 'content-length': String(payload.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < maxKeptBody) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        // The status decides; a body cut off (deadline, reset) after it leaves what arrived, as
        // fetch's text() did when its read failed.
        const done = (): void => { resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }); };
        response.on('end', done);
        response.on('error', done);
        response.on('close', done);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** A failed request (connection refused, reset, deadline) as a retryable failure, named as fetch named it. */
export function failureForRequestError(error: unknown, signal: AbortSignal): Extract<DeliveryResult, { status: 'retryable' }> {
  if (signal.aborted) {
    const name = (signal.reason as { name?: unknown } | undefined)?.name;
    return { status: 'retryable', reason: `network: ${typeof name === 'string' ? name : 'AbortError'}` };
  }
  const code = (error as { code?: unknown } | null)?.code;
  const name = error instanceof Error ? error.name : 'error';
  return { status: 'retryable', reason: `network: ${typeof code === 'string' ? code : name}` };
}
