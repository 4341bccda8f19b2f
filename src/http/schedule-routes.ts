// Operators manage scheduled jobs: create, change, pause and remove schedules, run one now, and read
// the history of its runs. The scheduler checks each schedule's settings; this only translates.

import express, { type Request, type Router } from 'express';
import type { Scheduler } from '../scheduler/scheduler.ts';
import { actorOf, operatorBody, operatorJson, operators, pathId, queryInt, queryString, requireRole, uuid } from './request-helpers.ts';
import { rejectOtherMethods } from './problem-responses.ts';

export interface ScheduleRouteDeps {
  readonly scheduler: Scheduler;
}

export function createScheduleRoutes({ scheduler }: ScheduleRouteDeps): Router {
  const router = express.Router();
  const scheduleId = (req: Request): string => pathId(req, 'scheduleId', uuid);

  router.get('/v1/schedules', async (_req, res) => {
    requireRole(res, operators);
    res.json({ items: await scheduler.list() });
  });
  router.post('/v1/schedules', operatorBody, async (req, res) => {
    const who = actorOf(res, operators);
    const created = await scheduler.create(operatorJson(req), who);
    res.status(201).setHeader('Location', `/v1/schedules/${created.scheduleId}`);
    res.json(created);
  });
  router.get('/v1/schedules/:scheduleId', async (req, res) => {
    requireRole(res, operators);
    res.json(await scheduler.get(scheduleId(req)));
  });
  router.patch('/v1/schedules/:scheduleId', operatorBody, async (req, res) => {
    const who = actorOf(res, operators);
    res.json(await scheduler.update(scheduleId(req), operatorJson(req), who));
  });
  router.delete('/v1/schedules/:scheduleId', async (req, res) => {
    const who = actorOf(res, operators);
    await scheduler.remove(scheduleId(req), who);
    res.status(204).end();
  });
  router.post('/v1/schedules/:scheduleId/pause', async (req, res) => {
    const who = actorOf(res, operators);
    res.json(await scheduler.setPaused(scheduleId(req), true, who));
  });
  router.post('/v1/schedules/:scheduleId/resume', async (req, res) => {
    const who = actorOf(res, operators);
    res.json(await scheduler.setPaused(scheduleId(req), false, who));
  });
  router.get('/v1/schedules/:scheduleId/runs', async (req, res) => {
    requireRole(res, operators);
    const limit = queryInt(req, 'limit', { min: 1, max: 200, digits: 16 }, 20);
    const before = queryString(req, 'before', uuid);
    res.json(await scheduler.listRuns(scheduleId(req), { limit, ...(before !== undefined ? { before } : {}) }));
  });
  router.post('/v1/schedules/:scheduleId/runs', async (req, res) => {
    const who = actorOf(res, operators);
    const run = await scheduler.runNow(scheduleId(req), who);
    res.status(202).setHeader('Location', `/v1/schedules/${run.scheduleId}/runs/${run.runId}`);
    res.json(run);
  });
  router.get('/v1/schedules/:scheduleId/runs/:runId', async (req, res) => {
    requireRole(res, operators);
    res.json(await scheduler.getRun(scheduleId(req), pathId(req, 'runId', uuid)));
  });

  rejectOtherMethods(router, {
    '/v1/schedules': 'GET, POST',
    '/v1/schedules/:scheduleId': 'GET, PATCH, DELETE',
    '/v1/schedules/:scheduleId/pause': 'POST',
    '/v1/schedules/:scheduleId/resume': 'POST',
    '/v1/schedules/:scheduleId/runs': 'GET, POST',
    '/v1/schedules/:scheduleId/runs/:runId': 'GET',
  });
  return router;
}
