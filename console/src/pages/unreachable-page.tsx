import { useEffect } from 'react';
import { Header } from '../app/layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';

/** The gateway did not answer the session question: say so plainly, and offer to try again. */
export function UnreachablePage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  useEffect(() => {
    document.title = `${t('unreachable.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="shell shell-narrow">
      <Header />
      <main id="main" tabIndex={-1}>
        <h1>{t('unreachable.title')}</h1>
        <p>{t('unreachable.body')}</p>
        <button type="button" className="primary" onClick={() => void refresh()}>
          {t('unreachable.retry')}
        </button>
      </main>
    </div>
  );
}
