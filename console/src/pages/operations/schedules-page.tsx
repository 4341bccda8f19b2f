// Schedules: every job the gateway runs at set times, when it runs next and how its last run went;
// and a form to create one, with the cron expression explained in words as it is typed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client.ts';
import { describeCron } from '../../components/cron-text.ts';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Notice, StatusBadge } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDraft } from '../../session/drafts.ts';

type Schedule = Schemas['Schedule'];
type JobKind = Schemas['JobKind'];
const helper = columnsFor<Schedule>();
export const jobKinds: readonly JobKind[] = ['pull-sync', 'retry-dead-letters', 'purge-payloads', 'audit-checkpoint', 'expire-consents'];

export function runTone(status: Schemas['ScheduleRun']['status']): 'ok' | 'warn' | 'bad' | 'neutral' {
  return status === 'succeeded' ? 'ok' : status === 'running' ? 'neutral' : status === 'interrupted' ? 'warn' : 'bad';
}

function CreateForm({ onCreated }: { onCreated: () => void }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const id = useId();
  const [name, setName] = useDraft('schedule.new.name', '');
  const [cron, setCron] = useDraft('schedule.new.cron', '0 2 * * 1-5');
  const [timeZone, setTimeZone] = useDraft('schedule.new.timeZone', 'Europe/Amsterdam');
  const [jobKind, setJobKind] = useDraft<JobKind>('schedule.new.jobKind', 'pull-sync');
  const [party, setParty] = useDraft('schedule.new.party', '');
  const queryClient = useQueryClient();
  const preview = describeCron(cron, language);
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/schedules', {
          body: { name, cron: cron.trim(), timeZone, jobKind, ...(jobKind === 'pull-sync' ? { params: { party } } : {}) },
        }),
      ),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['schedules'] });
      onCreated();
    },
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (preview !== undefined) create.mutate();
  };
  return (
    <Section title={t('schedules.new')} id="new-schedule">
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('schedules.name')}</label>
          <input id={`${id}-name`} required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cron`}>{t('schedules.cron')}</label>
          <span className="hint" id={`${id}-cron-hint`}>
            {t('schedules.cron.hint')}
          </span>
          <input
            id={`${id}-cron`}
            required
            spellCheck={false}
            value={cron}
            aria-invalid={preview === undefined}
            aria-describedby={`${id}-cron-hint ${id}-cron-preview`}
            onChange={(e) => setCron(e.target.value)}
          />
          <span id={`${id}-cron-preview`} className={preview === undefined ? 'field-error' : 'preview'} aria-live="polite">
            {preview === undefined ? t('schedules.cron.invalid') : t('schedules.cron.preview', preview)}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tz`}>{t('schedules.timeZone')}</label>
          <input id={`${id}-tz`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('schedules.kind')}</label>
          <select id={`${id}-kind`} value={jobKind} onChange={(e) => setJobKind(e.target.value as JobKind)}>
            {jobKinds.map((kind) => (
              <option key={kind} value={kind}>
                {codeText(i18n, 'jobKind', kind)}
              </option>
            ))}
          </select>
        </div>
        {jobKind === 'pull-sync' && (
          <div className="field">
            <label htmlFor={`${id}-party`}>{t('schedules.param.party')}</label>
            <input id={`${id}-party`} required value={party} onChange={(e) => setParty(e.target.value.trim())} />
          </div>
        )}
        <ProblemMessage
          error={create.error}
          fieldLabels={{ '/name': t('schedules.name'), '/cron': t('schedules.cron'), '/timeZone': t('schedules.timeZone'), '/params/party': t('schedules.param.party') }}
        />
        <div>
          <button type="submit" className="primary" disabled={create.isPending || preview === undefined}>
            {t('schedules.create')}
          </button>
        </div>
      </form>
    </Section>
  );
}

export default function SchedulesPage() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const [created, setCreated] = useState(false);
  const schedules = useQuery({ queryKey: ['schedules'], queryFn: () => call(api.GET('/v1/schedules')), refetchInterval: 10_000 });
  const columns = useMemo(
    () => [
      helper.accessor('name', { header: t('schedules.col.name'), cell: (c) => <Link to={`/operations/schedules/${c.row.original.scheduleId}`}>{c.getValue()}</Link> }),
      helper.accessor('cron', {
        header: t('schedules.col.when'),
        cell: (c) => (
          <>
            {describeCron(c.getValue(), language) ?? c.getValue()} <code className="muted">{c.getValue()}</code>
            {c.row.original.paused && (
              <>
                {' '}
                <StatusBadge tone="warn">{t('schedules.paused')}</StatusBadge>
              </>
            )}
          </>
        ),
      }),
      helper.accessor('jobKind', { header: t('schedules.col.kind'), cell: (c) => codeText(i18n, 'jobKind', c.getValue()) }),
      helper.accessor((s) => s.nextRuns[0] ?? null, { id: 'next', header: t('schedules.col.next'), cell: (c) => i18n.dateTime(c.getValue()) || t('common.none') }),
      helper.accessor('lastRun', {
        header: t('schedules.col.last'),
        cell: (c) => {
          const run = c.getValue();
          return run === null ? t('common.none') : (
            <>
              {i18n.dateTime(run.startedAt)} <StatusBadge tone={runTone(run.status)}>{t(`schedules.run.${run.status}`)}</StatusBadge>
            </>
          );
        },
      }),
    ],
    [i18n, t, language],
  );
  return (
    <Page title={t('schedules.title')} intro={t('schedules.intro')}>
      <ProblemMessage error={schedules.error} />
      <DataTable columns={columns} data={schedules.data?.items ?? []} caption={t('schedules.title')} rowId={(s) => s.scheduleId} busy={schedules.isFetching} />
      {created && <Notice>{t('schedules.created')}</Notice>}
      <CreateForm onCreated={() => setCreated(true)} />
    </Page>
  );
}
