import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** A page: its <h1>, the document title, an optional introduction in plain words, and actions beside the title. */
export function Page({ title, intro, actions, children }: { title: string; intro?: string; actions?: ReactNode; children?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {actions !== undefined && <div className="page-actions">{actions}</div>}
      </div>
      {intro !== undefined && <p className="intro">{intro}</p>}
      {children}
    </>
  );
}

/** A titled part of a page. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
