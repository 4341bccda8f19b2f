// The HTTP/1.1 server around the express app: its timeouts, set on purpose, and problem+json for what
// never reaches express. Node's parser refuses some requests before there is a request object (headers
// too large, a malformed request line, conflicting Content-Length and Transfer-Encoding, characters
// HTTP does not allow): Node then emits 'clientError' and by default writes a bare status line. Here
// those answers are problem+json from the error catalogue like every other error, written straight to
// the socket, which is then closed (the connection's framing can no longer be trusted).
//
// The timeouts (README, "Configuration"; docs/architecture.md, "The HTTP edge"):
// - headersTimeoutMs: the request line and headers must arrive within it (408);
// - bodyTimeoutMs: a request that declares a body (Content-Length or chunked) and sends none of it,
//   or stops sending it, for this long is answered 408. It measures silence, not duration: a long
//   upload that keeps sending is not cut off by it;
// - requestTimeoutMs: the whole request, body included, must arrive within it (408): the bound on
//   an upload that trickles a byte now and then;
// - keepAliveTimeoutMs: how long an idle keep-alive connection is kept for the next request.

import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { GatewayError } from '../kernel/gateway-error.ts';
import { problemFromError } from '../kernel/problem.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { Logger } from '../observability/logger.ts';
import { apiVersion } from './request-context.ts';
import { instanceOf } from './problem-responses.ts';

export interface HttpServerSettings {
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

/** The problem for an error of Node's HTTP parser (no request line or header is ever quoted). */
export function parserProblem(code: string, settings: HttpServerSettings, requestStarted: boolean): GatewayError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError('headers-too-large', { detail: 'the request line and headers together are larger than the server accepts' });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new GatewayError('payload-too-large', { detail: 'the chunk extensions of the body are larger than the server accepts' });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError('request-timeout', {
        detail: requestStarted
          ? `the request did not arrive completely within ${settings.requestTimeoutMs} ms`
          : `the request line and headers did not arrive within ${settings.headersTimeoutMs} ms`,
      });
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return new GatewayError('malformed-request', { detail: 'Content-Length and Transfer-Encoding are invalid, repeated or conflict (RFC 9112 section 6)' });
    case 'HPE_INVALID_METHOD':
    case 'HPE_INVALID_URL':
    case 'HPE_INVALID_VERSION':
      return new GatewayError('malformed-request', { detail: 'the request line is malformed: a method, a request target and HTTP/1.1 are expected' });
    case 'HPE_INVALID_HEADER_TOKEN':
      return new GatewayError('malformed-request', { detail: 'a header name or value holds a character HTTP does not allow' });
    case 'HPE_INVALID_CHUNK_SIZE':
      return new GatewayError('malformed-request', { detail: 'the chunked body is malformed' });
    default:
      return new GatewayError('malformed-request', { detail: 'the request is not well-formed HTTP/1.1' });
  }
}

const newTraceId = (): string => randomBytes(16).toString('hex');

function problemText(error: GatewayError, context: { instance?: string; traceId: string }): string {
  return JSON.stringify(problemFromError(error, context));
}

/** The response in flight on a socket (Node keeps it there; there is no public accessor). */
const inFlight = (socket: Socket): ServerResponse | undefined => (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;

/** True when the request says a body follows: a non-zero Content-Length, or any Transfer-Encoding. */
function declaresBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Watches the body of one request: when no byte of it has arrived for bodyTimeoutMs (measured on the
 * socket, so the stream is left alone for the route that reads it), the request is answered 408 and
 * the connection closed. Checked a few times per timeout, so the answer comes within 1.25 times it.
 */
function watchBody(req: IncomingMessage, res: ServerResponse, settings: HttpServerSettings, logger: Logger): void {
  if (!declaresBody(req) || req.complete) return;
  const socket = req.socket;
  let seen = socket.bytesRead;
  let lastProgress = Date.now();
  const timer = setInterval(() => {
    if (req.complete || socket.destroyed) {
      clearInterval(timer);
      return;
    }
    if (socket.bytesRead !== seen) {
      seen = socket.bytesRead;
      lastProgress = Date.now();
      return;
    }
    if (Date.now() - lastProgress < settings.bodyTimeoutMs) return;
    clearInterval(timer);
    const trace = (res as ServerResponse & { locals?: { trace?: TraceContext } }).locals?.trace;
    const traceId = trace?.traceId ?? newTraceId();
    logger.info('request body did not arrive in time', { traceId, bodyTimeoutMs: settings.bodyTimeoutMs });
    if (res.headersSent) {
      // Answered already (without reading the body); the rest of it never came: just close.
      socket.destroy();
      return;
    }
    const error = new GatewayError('request-timeout', { detail: `the request declares a body and sent none of it for ${settings.bodyTimeoutMs} ms` });
    const body = problemText(error, { instance: instanceOf(req.url ?? '/'), traceId });
    // Connection: close makes Node close the socket once this is written; the route still waiting
    // for the body then sees the request aborted, and the problem handler leaves the answer alone.
    res.writeHead(408, { 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(body), 'API-Version': apiVersion, 'Connection': 'close' });
    res.end(body);
  }, Math.max(10, Math.min(1000, Math.floor(settings.bodyTimeoutMs / 4))));
  timer.unref();
  req.once('close', () => { clearInterval(timer); });
}

/**
 * 'clientError': a connection reset is only destroyed; a socket that cannot be written to, or whose
 * in-flight response has started, is destroyed too (a second status line would corrupt it). Else
 * the problem is written as a complete HTTP/1.1 response and the socket closed behind it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket, settings: HttpServerSettings, logger: Logger): void {
  const response = inFlight(socket);
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent === true) {
    socket.destroy();
    return;
  }
  const problem = parserProblem(error.code ?? '', settings, response !== undefined);
  const traceId = newTraceId();
  logger.info('request refused by the HTTP parser', { code: error.code ?? error.name, status: problem.status, traceId });
  const body = problemText(problem, { traceId });
  const head = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `API-Version: ${apiVersion}`,
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`, () => { socket.destroy(); });
}

/** The gateway's HTTP server for the app, with its timeouts and parser errors as problem+json. */
export function createHttpServer(app: RequestListener, settings: HttpServerSettings, logger: Logger): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // How often Node looks for requests past headersTimeout or requestTimeout (default 30 s, which
      // would let a timeout run up to 30 s late).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs) / 4))),
    },
    (req, res) => {
      watchBody(req, res, settings, logger);
      app(req, res);
    },
  );
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    answerClientError(error, socket, settings, logger);
  });
  return server;
}
