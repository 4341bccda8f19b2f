// Waiting-time statistics (GET /v1/statistics/waiting-times): JSON, or CSV with `format=csv` or
// `Accept: text/csv`. Who sees which part is decided by the service (src/statistics); this only reads
// the query strictly (an unknown or malformed parameter is a 400 naming it) and translates.

import express, { type Request, type Router } from 'express';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { WaitingTimeStatistics } from '../statistics/waiting-time-statistics.ts';
import type { StatisticsFilter } from '../statistics/statistics-view.ts';
import { WAIT_MEASURES, type WaitMeasure } from '../statistics/waiting-times.ts';
import { viewCsv, viewJson } from '../statistics/statistics-view.ts';
import { agencyOf, queryString, onlyQuery } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface StatisticsRouteDeps {
  readonly statistics: WaitingTimeStatistics;
}

const PARAMETERS = ['gemeente', 'aanbieder', 'categorie', 'from', 'to', 'measure', 'format'] as const;
const month = /^\d{4}-(0[1-9]|1[0-2])$/;

function filterOf(req: Request): StatisticsFilter {
  onlyQuery(req, PARAMETERS);
  const gemeente = queryString(req, 'gemeente', /^(\d{4}|\*)$/, 'must be a 4-digit gemeentecode, or * for the totals');
  const aanbieder = queryString(req, 'aanbieder', /^(\d{8}|\*)$/, 'must be an 8-digit AGB code, or * for the totals');
  const categorie = queryString(req, 'categorie', /^([0-9A-Z]{2}|\*)$/, 'must be a product category (2 characters), or * for the totals');
  const fromMonth = queryString(req, 'from', month, 'must be a month, YYYY-MM');
  const toMonth = queryString(req, 'to', month, 'must be a month, YYYY-MM');
  const measureText = queryString(req, 'measure', /^[a-z,-]{1,100}$/, `must be one or more of ${WAIT_MEASURES.join(', ')}, comma separated`);
  const measures = measureText?.split(',');
  if (measures !== undefined && !measures.every((m): m is WaitMeasure => (WAIT_MEASURES as readonly string[]).includes(m))) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/measure', detail: `must be one or more of ${WAIT_MEASURES.join(', ')}, comma separated` }] });
  }
  if (fromMonth !== undefined && toMonth !== undefined && fromMonth > toMonth) {
    throw new GatewayError('invalid-input', { errors: [{ pointer: '/query/to', detail: 'must not be before from' }] });
  }
  return {
    ...(gemeente !== undefined ? { gemeente } : {}),
    ...(aanbieder !== undefined ? { aanbieder } : {}),
    ...(categorie !== undefined ? { categorie } : {}),
    ...(fromMonth !== undefined ? { fromMonth } : {}),
    ...(toMonth !== undefined ? { toMonth } : {}),
    ...(measures !== undefined ? { measures } : {}),
  };
}

export function createStatisticsRoutes(deps: StatisticsRouteDeps): Router {
  const router = express.Router();
  router.get('/v1/statistics/waiting-times', async (req, res) => {
    const filter = filterOf(req);
    const format = queryString(req, 'format', /^(json|csv)$/, 'must be json or csv');
    const preferred = req.accepts(['application/json', 'text/csv']);
    if (format === undefined && preferred === false) throw new GatewayError('not-acceptable', { detail: 'this operation answers application/json or text/csv' });
    const csv = format === 'csv' || (format === undefined && preferred === 'text/csv');
    const { view, generatedAt } = await deps.statistics.view(agencyOf(res), filter);
    // The answer is assembled from the cells' bytes serialised when the table was computed.
    if (!csv) {
      res.type('application/json; charset=utf-8').send(viewJson(view, generatedAt));
      return;
    }
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="wachttijden-${generatedAt.slice(0, 10)}.csv"`);
    res.send(viewCsv(view));
  });
  rejectOtherMethods(router, { '/v1/statistics/waiting-times': 'GET' });
  return router;
}
