// `ketenpoort schedule list|add|change|run|pause|resume|runs|delete`: schedules of a running gateway,
// over its API, as an operator. A schedule is named by its id or its name.

import { parseArgs } from 'node:util';
import { CliFailure, commonOptionSpec, connect, printTable, when, type ApiClient, subcommandHelp } from './cli-support.ts';

export const scheduleUsage = `usage: ketenpoort schedule <command> [options]

  list                                   the schedules, with their next and last run
  add --name N --cron EXPR --kind KIND [--time-zone ZONE] [--param KEY=VALUE ...] [--params JSON] [--paused]
                                         kinds: pull-sync (--param party=ID [--param pageSize=N]),
                                         retry-dead-letters, purge-payloads, audit-checkpoint
  change SCHEDULE [--name N] [--cron EXPR] [--time-zone ZONE] [--param ...] [--reset-cursor]
  run SCHEDULE [--wait]                  run now; with --wait, until it ends (exit 1 unless it succeeded)
  pause SCHEDULE | resume SCHEDULE | delete SCHEDULE
  runs SCHEDULE [--limit N]              the run history, newest first

connection: --url URL (KETENPOORT_URL), --token JWT (KETENPOORT_TOKEN); with the demo config the
token is minted for --as ID (default operator-demo). --json prints the API's JSON instead of a table.
`;

interface Run {
  runId: string;
  trigger: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  counts: { read: number; accepted: number; refused: number; failed: number };
  cursorReached: string | null;
  error: string | null;
  runner: string;
}

interface Schedule {
  scheduleId: string;
  name: string;
  cron: string;
  timeZone: string;
  jobKind: string;
  paused: boolean;
  nextRuns: string[];
  lastRun: Run | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** KEY=VALUE with VALUE read as a number, boolean or JSON array/object when it looks like one. */
function parseParams(pairs: readonly string[], json: string | undefined): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  if (json !== undefined) {
    try {
      params = JSON.parse(json) as Record<string, unknown>;
    } catch {
      throw new CliFailure('--params must be a JSON object', 2);
    }
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliFailure(`--param ${pair}: expected KEY=VALUE`, 2);
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    if (/^-?\d+$/.test(raw)) value = Number(raw);
    else if (raw === 'true' || raw === 'false') value = raw === 'true';
    else if (/^[[{]/.test(raw)) {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
    }
    params[pair.slice(0, at)] = value;
  }
  return params;
}

async function resolveSchedule(api: ApiClient, ref: string | undefined): Promise<string> {
  if (ref === undefined) throw new CliFailure('name the schedule (its id or its name)', 2);
  if (uuid.test(ref)) return ref;
  const { items } = await api.call<{ items: Schedule[] }>('GET', '/v1/schedules');
  const found = items.find((s) => s.name === ref);
  if (found === undefined) throw new CliFailure(`no schedule named "${ref}"`);
  return found.scheduleId;
}

function counts(run: Run | null): string {
  return run === null ? '-' : `${run.counts.read}/${run.counts.accepted}/${run.counts.refused}/${run.counts.failed}`;
}

function printSchedules(schedules: readonly Schedule[]): void {
  printTable(
    ['NAME', 'KIND', 'CRON', 'TIME ZONE', 'STATE', 'NEXT RUN', 'LAST RUN', 'READ/ACC/REF/FAIL', 'ID'],
    schedules.map((s) => [s.name, s.jobKind, s.cron, s.timeZone, s.paused ? 'paused' : 'active', when(s.nextRuns[0]), s.lastRun === null ? '-' : `${s.lastRun.status} ${when(s.lastRun.startedAt)}`, counts(s.lastRun), s.scheduleId]),
  );
}

function printRuns(runs: readonly Run[]): void {
  printTable(
    ['STARTED', 'TRIGGER', 'STATUS', 'READ', 'ACCEPTED', 'REFUSED', 'FAILED', 'SECONDS', 'CURSOR', 'RUNNER', 'ERROR'],
    runs.map((r) => [
      when(r.startedAt),
      r.trigger,
      r.status,
      r.counts.read,
      r.counts.accepted,
      r.counts.refused,
      r.counts.failed,
      r.durationMs === null ? null : (r.durationMs / 1000).toFixed(1),
      r.cursorReached,
      r.runner.split('/').slice(0, 2).join('/'),
      r.error,
    ]),
  );
}

export async function runScheduleCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...commonOptionSpec,
      name: { type: 'string' },
      cron: { type: 'string' },
      'time-zone': { type: 'string' },
      kind: { type: 'string' },
      param: { type: 'string', multiple: true },
      params: { type: 'string' },
      paused: { type: 'boolean' },
      'reset-cursor': { type: 'boolean' },
      wait: { type: 'boolean' },
      limit: { type: 'string' },
    },
  });
  const [sub, ref] = positionals;
  const ownHelp = values.help === true && sub !== undefined ? subcommandHelp(scheduleUsage, sub) : undefined;
  if (ownHelp !== undefined) {
    process.stdout.write(ownHelp);
    return 0;
  }
  if (values.help === true || sub === undefined) {
    process.stdout.write(scheduleUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  const api = connect(values, 'operator-demo');
  const print = (value: unknown, table: () => void): void => {
    if (values.json === true) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else table();
  };

  switch (sub) {
    case 'list': {
      const { items } = await api.call<{ items: Schedule[] }>('GET', '/v1/schedules');
      print({ items }, () => { printSchedules(items); });
      return 0;
    }
    case 'add': {
      if (values.name === undefined || values.cron === undefined || values.kind === undefined) throw new CliFailure('add needs --name, --cron and --kind', 2);
      const created = await api.call<Schedule>('POST', '/v1/schedules', {
        name: values.name,
        cron: values.cron,
        jobKind: values.kind,
        ...(values['time-zone'] !== undefined ? { timeZone: values['time-zone'] } : {}),
        params: parseParams(values.param ?? [], values.params),
        ...(values.paused === true ? { paused: true } : {}),
      });
      print(created, () => { printSchedules([created]); });
      return 0;
    }
    case 'change': {
      const id = await resolveSchedule(api, ref);
      const body = {
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.cron !== undefined ? { cron: values.cron } : {}),
        ...(values['time-zone'] !== undefined ? { timeZone: values['time-zone'] } : {}),
        ...(values.param !== undefined || values.params !== undefined ? { params: parseParams(values.param ?? [], values.params) } : {}),
        ...(values['reset-cursor'] === true ? { resetCursor: true } : {}),
      };
      const changed = await api.call<Schedule>('PATCH', `/v1/schedules/${id}`, body);
      print(changed, () => { printSchedules([changed]); });
      return 0;
    }
    case 'pause':
    case 'resume': {
      const id = await resolveSchedule(api, ref);
      const changed = await api.call<Schedule>('POST', `/v1/schedules/${id}/${sub}`);
      print(changed, () => { printSchedules([changed]); });
      return 0;
    }
    case 'delete': {
      const id = await resolveSchedule(api, ref);
      await api.call('DELETE', `/v1/schedules/${id}`);
      process.stdout.write(`deleted ${ref ?? id}\n`);
      return 0;
    }
    case 'run': {
      const id = await resolveSchedule(api, ref);
      let run = await api.call<Run>('POST', `/v1/schedules/${id}/runs`);
      if (values.wait !== true) {
        print(run, () => { process.stdout.write(`started run ${run.runId}\n`); });
        return 0;
      }
      while (run.status === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        run = await api.call<Run>('GET', `/v1/schedules/${id}/runs/${run.runId}`);
      }
      print(run, () => { printRuns([run]); });
      return run.status === 'succeeded' ? 0 : 1;
    }
    case 'runs': {
      const id = await resolveSchedule(api, ref);
      const limit = values.limit ?? '20';
      if (!/^\d{1,3}$/.test(limit)) throw new CliFailure('--limit must be a number from 1 to 200', 2);
      const page = await api.call<{ items: Run[] }>('GET', `/v1/schedules/${id}/runs?limit=${limit}`);
      print(page, () => { printRuns(page.items); });
      return 0;
    }
    default:
      throw new CliFailure(`unknown schedule command "${sub}"\n\n${scheduleUsage}`, 2);
  }
}
