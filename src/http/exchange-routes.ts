// The agency's exchange routes: submit a message (answered in JSON, or with the iJw retour a sender
// that speaks only iJw asks for), list its own exchanges and read one with its delivery status.

import express, { type RequestHandler, type Response, type Router } from 'express';
import type { AdmitSubmission } from '../exchange/back-pressure.ts';
import { GatewayError, isGatewayError } from '../kernel/gateway-error.ts';
import type { SubmitExchange, SubmitRequest, SubmitResponse } from '../exchange/submit-exchange.ts';
import type { IjwRetour, IjwRetourAnswers } from '../exchange/ijw-retour-answer.ts';
import type { ExchangeQueries } from '../exchange/exchange-queries.ts';
import type { Logger } from '../observability/logger.ts';
import { agencyOf, bodyBytes, idempotencyKeyOf, idShape, pathId, queryInt, queryString, rawBody, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface ExchangeRouteDeps {
  readonly bodyLimitBytes: number;
  readonly submitExchange: SubmitExchange;
  readonly queries: ExchangeQueries;
  readonly isShuttingDown: () => boolean;
  readonly logger: Logger;
  /** iJw retours as the answer to a submission (Accept: application/xml); absent: JSON answers only. */
  readonly retours?: IjwRetourAnswers | undefined;
  /** Back-pressure (exchange/back-pressure.ts): rejects with 503 overloaded while the outbox drains; absent: none. */
  readonly admitSubmission?: AdmitSubmission | undefined;
}

export function createExchangeRoutes(deps: ExchangeRouteDeps): Router {
  const router = express.Router();

  // Back-pressure before the body is read: a refused submission costs no more than its headers.
  const admit: RequestHandler = async (_req, _res, next) => {
    await deps.admitSubmission?.();
    next();
  };
  router.post('/v1/exchanges', admit, rawBody(deps.bodyLimitBytes), async (req, res) => {
    if (deps.isShuttingDown()) throw new GatewayError('shutting-down');
    const idempotencyKey = idempotencyKeyOf(req);
    const submitRequest: SubmitRequest = {
      party: agencyOf(res),
      contentType: req.get('content-type'),
      body: bodyBytes(req),
      trace: traceOf(res),
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    };
    // A sender that speaks only iJw asks for the retour of its message (Accept: application/xml).
    const preferred = req.accepts(['application/json', 'application/xml', 'text/xml']);
    const retours = preferred === 'application/xml' || preferred === 'text/xml' ? deps.retours : undefined;
    let result: SubmitResponse;
    try {
      result = await deps.submitExchange(submitRequest);
    } catch (error) {
      const answer = retours !== undefined && isGatewayError(error) ? await retours.forError(submitRequest, error) : undefined;
      if (answer === undefined || !isGatewayError(error)) throw error;
      // No retour could be made: the problem document says why (noRetour), naming the iJw rule.
      if ('noRetour' in answer) throw withExtensions(error, { noRetour: answer.noRetour });
      sendRetour(res, error.status, answer.retour);
      return;
    }
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (result.statusCode === 202) res.setHeader('Location', `/v1/exchanges/${result.exchangeId}`);
    // The exchange is committed by now: whatever happens while writing the retour, the answer must
    // not turn into an error (a client would resend and create a duplicate). Fall back to JSON.
    let retour: IjwRetour | 'receiver' | undefined;
    try {
      retour = retours !== undefined ? await retours.forResponse(submitRequest, result) : undefined;
    } catch (error) {
      deps.logger.warn('retour could not be written; answering with JSON', { exchangeId: result.exchangeId, error: isGatewayError(error) ? error.code : (error as Error).name });
      retour = undefined;
    }
    // The receiver writes the retour itself (party setting ijwRetour): a plain acknowledgement now.
    if (retour === 'receiver') res.setHeader('Ijw-Retour', 'receiver');
    else if (retour !== undefined) {
      res.setHeader('Exchange-Id', result.exchangeId);
      sendRetour(res, result.statusCode, retour);
      return;
    }
    res.status(result.statusCode).type(result.contentType).send(JSON.stringify(result.body));
  });
  router.get('/v1/exchanges', async (req, res) => {
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 9 }, 50);
    const before = queryString(req, 'before', idShape);
    res.json(await deps.queries.listExchanges(agencyOf(res), { limit, ...(before !== undefined ? { before } : {}) }));
  });
  router.get('/v1/exchanges/:exchangeId', async (req, res) => {
    res.json(await deps.queries.getExchange(agencyOf(res), pathId(req, 'exchangeId', idShape), traceOf(res)));
  });
  // The sender's receipt: its submission is in the audit log (audit/receipts.ts).
  router.get('/v1/exchanges/:exchangeId/receipt', async (req, res) => {
    res.json(await deps.queries.getReceipt(agencyOf(res), pathId(req, 'exchangeId', idShape), traceOf(res)));
  });

  rejectOtherMethods(router, { '/v1/exchanges': 'GET, POST', '/v1/exchanges/:exchangeId': 'GET', '/v1/exchanges/:exchangeId/receipt': 'GET' });
  return router;
}

/** The same refusal with more problem members. */
function withExtensions(error: GatewayError, extensions: Readonly<Record<string, unknown>>): GatewayError {
  return new GatewayError(error.code, {
    ...(error.detail !== undefined ? { detail: error.detail } : {}),
    errors: error.errors,
    extensions: { ...error.extensions, ...extensions },
    logOnlyDetail: error.logOnlyDetail,
    cause: error.cause,
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  });
}

/** An iJw retour as the answer (its type in a header, so a client need not parse it to know). */
function sendRetour(res: Response, status: number, retour: IjwRetour): void {
  res.setHeader('Ijw-Message-Type', retour.messageType);
  res.status(status).type('application/xml; charset=utf-8').send(retour.xml);
}
