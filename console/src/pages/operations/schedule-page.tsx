// One schedule: what it does and when, its run history with live progress of a running job (the
// counts are committed per page, so polling shows them grow), and run now / pause / resume / delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client.ts';
import { describeCron } from '../../components/cron-text.ts';
import { Pager, useCursorPages } from '../../components/cursor-pages.tsx';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { runTone } from './schedules-page.tsx';

type Run = Schemas['ScheduleRun'];
const helper = columnsFor<Run>();

export default function SchedulePage() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { scheduleId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const schedule = useQuery({
    queryKey: ['schedules', scheduleId],
    queryFn: () => call(api.GET('/v1/schedules/{scheduleId}', { params: { path: { scheduleId } } })),
  });
  const runs = useCursorPages<Run, string>(
    ['schedules', scheduleId, 'runs'],
    (cursor) => call(api.GET('/v1/schedules/{scheduleId}/runs', { params: { path: { scheduleId }, query: { limit: 20, ...(cursor !== undefined ? { before: cursor } : {}) } } })),
    // While a run is going, follow its counts every second.
    { refetchInterval: (page) => (page?.items.some((r) => r.status === 'running') === true ? 1_000 : 10_000) },
  );
  const running = runs.items.some((r) => r.status === 'running');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['schedules'] });
  const runNow = useMutation({ mutationFn: () => call(api.POST('/v1/schedules/{scheduleId}/runs', { params: { path: { scheduleId } } })), onSuccess: refresh });
  const pause = useMutation({ mutationFn: () => call(api.POST('/v1/schedules/{scheduleId}/pause', { params: { path: { scheduleId } } })), onSuccess: refresh });
  const resume = useMutation({ mutationFn: () => call(api.POST('/v1/schedules/{scheduleId}/resume', { params: { path: { scheduleId } } })), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/v1/schedules/{scheduleId}', { params: { path: { scheduleId } } })),
    onSuccess: async () => {
      await refresh();
      void navigate('/operations/schedules');
    },
  });
  const columns = useMemo(
    () => [
      helper.accessor('startedAt', { header: t('schedules.run.started'), cell: (c) => i18n.dateTime(c.getValue()) }),
      helper.accessor('trigger', { header: t('schedules.run.trigger'), cell: (c) => t(`schedules.trigger.${c.getValue()}`) }),
      helper.accessor('status', {
        header: t('schedules.run.status'),
        cell: (c) => (
          <>
            <StatusBadge tone={runTone(c.getValue())}>{t(`schedules.run.${c.getValue()}`)}</StatusBadge>
            {c.row.original.error !== null && <span className="muted"> {c.row.original.error}</span>}
          </>
        ),
      }),
      helper.accessor('counts', {
        header: t('schedules.run.counts'),
        cell: (c) => {
          const n = c.getValue();
          return `${i18n.number(n.read)} / ${i18n.number(n.accepted)} / ${i18n.number(n.refused)} / ${i18n.number(n.failed)}`;
        },
      }),
    ],
    [i18n, t],
  );
  const s = schedule.data;
  const error = schedule.error ?? runNow.error ?? pause.error ?? resume.error ?? remove.error;
  return (
    <Page title={s?.name ?? t('schedules.title')} actions={<Link to="/operations/schedules">{t('schedules.back')}</Link>}>
      <ProblemMessage error={error} />
      {s !== undefined && (
        <>
          <dl className="facts">
            <dt>{t('schedules.col.when')}</dt>
            <dd>
              {describeCron(s.cron, language) ?? s.cron} <code className="muted">{s.cron}</code> ({s.timeZone})
              {s.paused && (
                <>
                  {' '}
                  <StatusBadge tone="warn">{t('schedules.paused')}</StatusBadge>
                </>
              )}
            </dd>
            <dt>{t('schedules.col.kind')}</dt>
            <dd>{codeText(i18n, 'jobKind', s.jobKind)}</dd>
            <dt>{t('schedules.col.next')}</dt>
            <dd>{s.nextRuns.length === 0 ? t('common.none') : s.nextRuns.slice(0, 3).map((r) => i18n.dateTime(r)).join(', ')}</dd>
          </dl>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => runNow.mutate()} disabled={runNow.isPending || running}>
              {t('schedules.runNow')}
            </button>
            {s.paused ? (
              <button type="button" onClick={() => resume.mutate()} disabled={resume.isPending}>
                {t('schedules.resume')}
              </button>
            ) : (
              <button type="button" onClick={() => pause.mutate()} disabled={pause.isPending}>
                {t('schedules.pause')}
              </button>
            )}
            {confirmDelete ? (
              <>
                <span>{t('schedules.delete.confirm', s.name)}</span>
                <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                  {t('schedules.delete')}
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  {t('common.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                {t('schedules.delete')}
              </button>
            )}
          </div>
        </>
      )}
      <Section title={t('schedules.runs')} id="runs">
        <DataTable columns={columns} data={runs.items} caption={t('schedules.runs')} rowId={(r) => r.runId} busy={runs.query.isFetching} />
        <Pager pages={runs} />
      </Section>
    </Page>
  );
}
