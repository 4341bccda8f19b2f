// The privacy officer's routes (/v1/privacy, role privacy-officer, checked by the use cases): the
// consent log of a child, audit search, the review queue of overridden refusals, chain verification
// and the subject access export. A BSN is only ever accepted in a request body, never in a URL.

import express, { type Request, type Router } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { PrivacyOfficer } from '../privacy/privacy-officer.ts';
import type { ConsentListKind, ConsentOverview } from '../privacy/consent-overview.ts';
import type { DecisionStatisticsReader } from '../privacy/decision-statistics.ts';
import { isIjwDate } from '../kernel/dates.ts';
import type { ReportFormat, SubjectAccessReports } from '../privacy/subject-access-reports.ts';
import type { ReviewStatus } from '../store/store.ts';
import { idShape, jsonBody, onlyQuery, partyIdShape, pathId, principalOf, queryInt, queryString, rawBody, traceOf } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';
import { reportStyle } from '../privacy/subject-access-html.ts';
import { createHash } from 'node:crypto';

const reportStyleHash = `sha256-${createHash('sha256').update(reportStyle).digest('base64')}`;

export interface PrivacyRouteDeps {
  readonly privacy: PrivacyOfficer;
  readonly consentOverview: ConsentOverview;
  readonly decisionStatistics: DecisionStatisticsReader;
  readonly subjectAccessReports: SubjectAccessReports;
  readonly bodyLimitBytes: number;
  readonly maxJsonDepth: number;
}

/** A Dutch calendar day in a query (YYYY-MM-DD, a day that exists). */
function queryDay(req: Request, name: string): string | undefined {
  const day = queryString(req, name, /^\d{4}-\d{2}-\d{2}$/, 'must be a day (YYYY-MM-DD)');
  if (day !== undefined && (!isIjwDate(day) || day < '1970-01-01')) throw new GatewayError('invalid-input', { errors: [{ pointer: `/query/${name}`, detail: 'must be a day that exists, from 1970-01-01' }] });
  return day;
}

function statusParam(req: Request): ReviewStatus | undefined {
  const raw = req.query.status;
  if (raw === undefined) return undefined;
  if (raw === 'pending' || raw === 'justified' || raw === 'not-justified') return raw;
  throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/status', detail: 'must be pending, justified or not-justified' }] });
}

export function createPrivacyRoutes(deps: PrivacyRouteDeps): Router {
  const router = express.Router();
  const raw = rawBody(deps.bodyLimitBytes);
  const body = (req: Request): unknown => jsonBody(req, { maxDepth: deps.maxJsonDepth, emptyIsObject: true, jsonSuffix: true });

  router.post('/v1/privacy/consent-log', raw, async (req, res) => {
    res.json(await deps.privacy.consentLog(principalOf(res), body(req), traceOf(res)));
  });
  router.post('/v1/privacy/audit-search', raw, async (req, res) => {
    res.json(await deps.privacy.searchAudit(principalOf(res), body(req), traceOf(res)));
  });
  router.get('/v1/privacy/reviews', async (req, res) => {
    const status = statusParam(req);
    const after = queryString(req, 'after', idShape, 'must be an id from a previous page');
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 4 }, 50);
    res.json(await deps.privacy.reviewQueue(principalOf(res), { limit, ...(status !== undefined ? { status } : {}), ...(after !== undefined ? { after } : {}) }, traceOf(res)));
  });
  router.get('/v1/privacy/consents', async (req, res) => {
    onlyQuery(req, ['list', 'days', 'limit', 'next']);
    const list = queryString(req, 'list', /^(expiring|revoked)$/, 'must be expiring or revoked');
    if (list === undefined) throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/list', detail: 'is required: expiring or revoked' }] });
    const days = queryInt(req, 'days', { min: 1, max: 366, digits: 3 }, 30);
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 4 }, 50);
    const next = queryString(req, 'next', idShape, 'must be the next cursor of an earlier page');
    res.json(await deps.consentOverview.list(principalOf(res), { list: list as ConsentListKind, days, limit, ...(next !== undefined ? { next } : {}) }, traceOf(res)));
  });
  router.get('/v1/privacy/decision-statistics', async (req, res) => {
    onlyQuery(req, ['from', 'to', 'party']);
    const from = queryDay(req, 'from');
    const to = queryDay(req, 'to');
    const party = queryString(req, 'party', partyIdShape, 'must be a party id');
    res.json(await deps.decisionStatistics.read(principalOf(res), { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(party !== undefined ? { party } : {}) }, traceOf(res)));
  });
  router.post('/v1/privacy/reviews/:exchangeId', raw, async (req, res) => {
    res.json(await deps.privacy.review(principalOf(res), pathId(req, 'exchangeId', idShape), body(req), traceOf(res)));
  });
  router.get('/v1/privacy/audit-verification', async (_req, res) => {
    res.json(await deps.privacy.verifyChain(principalOf(res), traceOf(res)));
  });
  router.post('/v1/privacy/subject-access-export', raw, async (req, res) => {
    res.json(await deps.privacy.subjectAccessExport(principalOf(res), body(req), traceOf(res)));
  });

  // The report for the person who asked: a print page or a PDF, as the Accept header says.
  router.post('/v1/privacy/subject-access-report', raw, async (req, res) => {
    const accepted = req.accepts(['application/pdf', 'text/html']);
    if (accepted === false) throw new GatewayError('not-acceptable', { detail: 'accepts application/pdf or text/html' });
    const format: ReportFormat = accepted === 'application/pdf' ? 'pdf' : 'html';
    const report = await deps.subjectAccessReports.render(principalOf(res), body(req), format, traceOf(res));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${report.fileName}"`);
    if (format === 'html') {
      // The page carries its one inline style sheet; nothing else may load or run.
      res.setHeader('Content-Security-Policy', `default-src 'none'; style-src '${reportStyleHash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`);
    }
    res.type(report.contentType).send(report.body);
  });

  rejectOtherMethods(router, {
    '/v1/privacy/consent-log': 'POST',
    '/v1/privacy/audit-search': 'POST',
    '/v1/privacy/reviews': 'GET',
    '/v1/privacy/consents': 'GET',
    '/v1/privacy/decision-statistics': 'GET',
    '/v1/privacy/reviews/:exchangeId': 'POST',
    '/v1/privacy/audit-verification': 'GET',
    '/v1/privacy/subject-access-export': 'POST',
    '/v1/privacy/subject-access-report': 'POST',
  });
  return router;
}
