// One pagination convention for every list: the API returns a page and an opaque cursor for the next
// one. This hook keeps the cursors of the pages seen, so "previous" needs no cursor from the server.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface CursorPage<T, C> {
  readonly items: readonly T[];
  readonly next: C | null;
}

export function useCursorPages<T, C>(key: readonly unknown[], fetchPage: (cursor: C | undefined) => Promise<CursorPage<T, C>>, options: { enabled?: boolean; refetchInterval?: number | ((page: CursorPage<T, C> | undefined) => number | false) } = {}) {
  const keyText = JSON.stringify(key);
  const [state, setState] = useState<{ keyText: string; cursors: (C | undefined)[] }>({ keyText, cursors: [undefined] });
  const cursors = state.keyText === keyText ? state.cursors : [undefined];
  const cursor = cursors.at(-1);
  const query = useQuery({
    queryKey: [...key, cursor],
    queryFn: () => fetchPage(cursor),
    placeholderData: keepPreviousData,
    ...(options.enabled !== undefined ? { enabled: options.enabled } : {}),
    ...(options.refetchInterval !== undefined
      ? { refetchInterval: typeof options.refetchInterval === 'number' ? options.refetchInterval : (q: { state: { data: CursorPage<T, C> | undefined } }) => (options.refetchInterval as (page: CursorPage<T, C> | undefined) => number | false)(q.state.data) }
      : {}),
  });
  const next = query.data?.next ?? null;
  return {
    query,
    items: query.data?.items ?? [],
    page: cursors.length,
    hasNext: next !== null,
    hasPrevious: cursors.length > 1,
    next: () => {
      if (next !== null) setState({ keyText, cursors: [...cursors, next] });
    },
    previous: () => {
      setState({ keyText, cursors: cursors.slice(0, -1) });
    },
    first: () => {
      setState({ keyText, cursors: [undefined] });
    },
  };
}

export interface PagerState {
  readonly page: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
  readonly next: () => void;
  readonly previous: () => void;
  readonly first: () => void;
}

export function Pager({ pages }: { pages: PagerState }) {
  const { t } = useI18n();
  if (!pages.hasNext && !pages.hasPrevious) return null;
  return (
    <nav className="pager" aria-label={t('table.pageOf', pages.page)}>
      <button type="button" onClick={pages.first} disabled={!pages.hasPrevious}>
        {t('table.first')}
      </button>
      <button type="button" onClick={pages.previous} disabled={!pages.hasPrevious}>
        {t('table.previous')}
      </button>
      <span aria-live="polite">{t('table.pageOf', pages.page)}</span>
      <button type="button" onClick={pages.next} disabled={!pages.hasNext}>
        {t('table.next')}
      </button>
    </nav>
  );
}
