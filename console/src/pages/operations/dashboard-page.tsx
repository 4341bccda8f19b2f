// The operators' dashboard: accepted, refused and delivered per minute (last hour) or per quarter of
// an hour (last day), queue depth, delivery latency and health, from the store (no Prometheus needed).
// The chart is plain SVG (no inline styles, so the strict CSP holds), with the numbers in a table too.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type Stats = Schemas['TrafficStatistics'];

function TrafficChart({ stats, label }: { stats: Stats; label: string }) {
  const width = 720;
  const height = 160;
  const max = Math.max(1, ...stats.buckets.map((b) => Math.max(b.accepted + b.refused, b.delivered)));
  const w = width / stats.buckets.length;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height + 4}`} role="img" aria-label={label} preserveAspectRatio="none">
      {stats.buckets.map((b, i) => {
        const acceptedH = (b.accepted / max) * height;
        const refusedH = (b.refused / max) * height;
        return (
          <g key={b.start}>
            <rect x={i * w + 0.5} y={height - acceptedH} width={Math.max(1, w - 1)} height={acceptedH} className="bar-accepted" />
            <rect x={i * w + 0.5} y={height - acceptedH - refusedH} width={Math.max(1, w - 1)} height={refusedH} className="bar-refused" />
            {b.delivered > 0 && <rect x={i * w + 0.5} y={height - (b.delivered / max) * height} width={Math.max(1, w - 1)} height={2} className="bar-delivered" />}
          </g>
        );
      })}
      <line x1={0} y1={height} x2={width} y2={height} className="axis" />
    </svg>
  );
}

export default function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [window, setWindow] = useState<'hour' | 'day'>('hour');
  const stats = useQuery({ queryKey: ['statistics', window], queryFn: () => call(api.GET('/v1/operator/statistics', { params: { query: { window } } })), refetchInterval: 15_000 });
  const data = stats.data;
  return (
    <Page title={t('dashboard.title')} intro={t('dashboard.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-window`}>{t('dashboard.window')}</label>
          <select id={`${id}-window`} value={window} onChange={(e) => setWindow(e.target.value as 'hour' | 'day')}>
            <option value="hour">{t('dashboard.window.hour')}</option>
            <option value="day">{t('dashboard.window.day')}</option>
          </select>
        </div>
      </div>
      <ProblemMessage error={stats.error} />
      {data !== undefined && (
        <>
          <dl className="facts">
            <dt>{t('dashboard.health')}</dt>
            <dd>{data.storeReady ? <StatusBadge tone="ok">{t('dashboard.healthy')}</StatusBadge> : <StatusBadge tone="bad">{t('dashboard.unhealthy')}</StatusBadge>}</dd>
            <dt>{t('dashboard.accepted')}</dt>
            <dd>{i18n.number(data.totals.accepted)}</dd>
            <dt>{t('dashboard.refused')}</dt>
            <dd>{i18n.number(data.totals.refused)}</dd>
            <dt>{t('dashboard.delivered')}</dt>
            <dd>{i18n.number(data.totals.delivered)}</dd>
            <dt>{t('dashboard.queue')}</dt>
            <dd>
              {t('dashboard.queueText', data.queue.pending, data.queue.dead)}
              {data.queue.oldestPendingAt !== null && <span className="muted"> · {t('receivers.oldest', i18n.dateTime(data.queue.oldestPendingAt))}</span>}
            </dd>
            <dt>{t('dashboard.latency')}</dt>
            <dd>{data.deliveryLatencyMs === null ? t('common.none') : t('dashboard.latencyText', i18n.number(data.deliveryLatencyMs.p50), i18n.number(data.deliveryLatencyMs.p95))}</dd>
            <dt>{t('dashboard.paused')}</dt>
            <dd>{data.pausedReceivers}</dd>
          </dl>
          <Section title={t('dashboard.chart', data.bucketSeconds / 60)} id="chart">
            <TrafficChart stats={data} label={t('dashboard.chartLabel', data.totals.accepted, data.totals.refused, data.totals.delivered)} />
            <p className="legend">
              <span className="key key-accepted" aria-hidden="true" /> {t('dashboard.accepted')} <span className="key key-refused" aria-hidden="true" /> {t('dashboard.refused')}{' '}
              <span className="key key-delivered" aria-hidden="true" /> {t('dashboard.delivered')} · {i18n.time(data.from)} – {i18n.time(data.to)}
            </p>
          </Section>
        </>
      )}
    </Page>
  );
}
