// Refusals and overrides over time, per party and reason: a stacked bar per Dutch day for each, the
// five most frequent reasons in their own colour and the rest together, and per party the totals in a
// table (the charts' text alternative). A party filter narrows both. Counts only, no children.
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { reasonText } from '../../components/texts.ts';
import { useI18n, type I18n } from '../../i18n/i18n.tsx';

type Stats = Schemas['DecisionStatistics'];
type Series = Schemas['DecisionSeries'];
const windows = [30, 92] as const;
/** Reasons with a colour of their own; the rest share the last colour. */
const shownReasons = 5;

interface Stack {
  readonly label: string;
  readonly counts: readonly number[];
}

/** The series summed per reason (over the parties shown), the most frequent first, the rest as "other". */
function stacksOf(series: readonly Series[], dayCount: number, label: (reason: string) => string, other: string): Stack[] {
  const byReason = new Map<string, number[]>();
  for (const s of series) {
    const sum = byReason.get(s.reason) ?? new Array<number>(dayCount).fill(0);
    s.counts.forEach((n, i) => {
      sum[i] = (sum[i] ?? 0) + n;
    });
    byReason.set(s.reason, sum);
  }
  const total = (counts: readonly number[]): number => counts.reduce((a, b) => a + b, 0);
  const ranked = [...byReason.entries()].sort((a, b) => total(b[1]) - total(a[1]));
  const stacks: Stack[] = ranked.slice(0, shownReasons).map(([reason, counts]) => ({ label: label(reason), counts }));
  const rest = ranked.slice(shownReasons);
  if (rest.length > 0) stacks.push({ label: other, counts: Array.from({ length: dayCount }, (_, i) => rest.reduce((a, [, c]) => a + (c[i] ?? 0), 0)) });
  return stacks;
}

function StackedBars({ stacks, days, label, i18n }: { stacks: readonly Stack[]; days: readonly string[]; label: string; i18n: I18n }) {
  const width = 720;
  const height = 160;
  const perDay = days.map((_, i) => stacks.reduce((a, s) => a + (s.counts[i] ?? 0), 0));
  const max = Math.max(1, ...perDay);
  const w = width / Math.max(1, days.length);
  return (
    <>
      <svg className="chart" viewBox={`0 0 ${width} ${height + 4}`} role="img" aria-label={label} preserveAspectRatio="none">
        {days.map((day, i) => {
          let y = height;
          return (
            <g key={day}>
              {stacks.map((s, k) => {
                const h = ((s.counts[i] ?? 0) / max) * height;
                y -= h;
                return h > 0 ? <rect key={s.label} x={i * w + 0.5} y={y} width={Math.max(1, w - 1)} height={h} className={`series-${k}`} /> : null;
              })}
            </g>
          );
        })}
        <line x1={0} y1={height} x2={width} y2={height} className="axis" />
      </svg>
      <p className="legend">
        {stacks.map((s, k) => (
          <span key={s.label}>
            <span className={`key series-key-${k}`} aria-hidden="true" /> {s.label} ({i18n.number(s.counts.reduce((a, b) => a + b, 0))})
          </span>
        ))}
        {days.length > 0 && (
          <span className="muted">
            · {i18n.date(`${days[0]}T12:00:00Z`)} – {i18n.date(`${days.at(-1)}T12:00:00Z`)}
          </span>
        )}
      </p>
    </>
  );
}

interface PartyRow {
  readonly party: string;
  readonly refusals: number;
  readonly overrides: number;
  readonly topReason: string;
}
const helper = columnsFor<PartyRow>();

function partyRows(stats: Stats): PartyRow[] {
  const rows = new Map<string, { refusals: number; overrides: number; reasons: Map<string, number> }>();
  const row = (party: string) => {
    const found = rows.get(party);
    if (found !== undefined) return found;
    const fresh = { refusals: 0, overrides: 0, reasons: new Map<string, number>() };
    rows.set(party, fresh);
    return fresh;
  };
  for (const s of stats.refusals) {
    const r = row(s.party);
    r.refusals += s.total;
    r.reasons.set(s.reason, (r.reasons.get(s.reason) ?? 0) + s.total);
  }
  for (const s of stats.overrides) row(s.party).overrides += s.total;
  return [...rows.entries()]
    .map(([party, r]) => ({ party, refusals: r.refusals, overrides: r.overrides, topReason: [...r.reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '' }))
    .sort((a, b) => b.refusals + b.overrides - (a.refusals + a.overrides) || a.party.localeCompare(b.party));
}

export default function DecisionsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [days, setDays] = useState<number>(30);
  const [party, setParty] = useState('');
  const to = useMemo(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()), []);
  const from = useMemo(() => {
    const d = new Date(`${to}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - (days - 1));
    return d.toISOString().slice(0, 10);
  }, [to, days]);
  const all = useQuery({ queryKey: ['decision-statistics', from, to], queryFn: () => call(api.GET('/v1/privacy/decision-statistics', { params: { query: { from, to } } })) });
  const stats = all.data;
  const parties = useMemo(() => (stats === undefined ? [] : partyRows(stats)), [stats]);
  const shown = useMemo(() => {
    if (stats === undefined) return undefined;
    const keep = (s: Series) => party === '' || s.party === party;
    return { refusals: stats.refusals.filter(keep), overrides: stats.overrides.filter(keep) };
  }, [stats, party]);
  const columns = useMemo(
    () => [
      helper.accessor('party', { header: t('decisions.col.party') }),
      helper.accessor('refusals', { header: t('decisions.col.refusals'), cell: (c) => i18n.number(c.getValue()) }),
      helper.accessor('overrides', { header: t('decisions.col.overrides'), cell: (c) => i18n.number(c.getValue()) }),
      helper.accessor('topReason', { header: t('decisions.col.topReason'), cell: (c) => (c.getValue() === '' ? t('common.none') : reasonText(i18n, c.getValue())) }),
    ],
    [i18n, t],
  );
  const other = t('decisions.other');
  const refusalStacks = stats === undefined || shown === undefined ? [] : stacksOf(shown.refusals, stats.days.length, (r) => reasonText(i18n, r), other);
  const overrideStacks = stats === undefined || shown === undefined ? [] : stacksOf(shown.overrides, stats.days.length, (r) => r, other);
  const sum = (stacks: readonly Stack[]) => stacks.reduce((a, s) => a + s.counts.reduce((x, y) => x + y, 0), 0);
  return (
    <Page title={t('decisions.title')} intro={t('decisions.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-window`}>{t('consents.window')}</label>
          <select id={`${id}-window`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {windows.map((d) => (
              <option key={d} value={d}>
                {t('consents.window.days', d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-party`}>{t('decisions.party')}</label>
          <select id={`${id}-party`} value={party} onChange={(e) => setParty(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {parties.map((p) => (
              <option key={p.party} value={p.party}>
                {p.party}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProblemMessage error={all.error} />
      {stats !== undefined && (
        <>
          <Section title={t('decisions.refusals')} id="decisions-refusals">
            <StackedBars stacks={refusalStacks} days={stats.days} label={t('decisions.chartLabel', sum(refusalStacks), stats.days.length)} i18n={i18n} />
          </Section>
          <Section title={t('decisions.overrides')} id="decisions-overrides">
            <StackedBars stacks={overrideStacks} days={stats.days} label={t('decisions.chartLabel', sum(overrideStacks), stats.days.length)} i18n={i18n} />
          </Section>
          <Section title={t('decisions.perParty')} id="decisions-parties">
            <DataTable columns={columns} data={parties} caption={t('decisions.perParty')} rowId={(r) => r.party} busy={all.isFetching} empty={t('decisions.empty')} />
          </Section>
        </>
      )}
    </Page>
  );
}
