// The frame of every signed-in page: a skip link, the product name, the menu for the staff member's
// role, the language switch and sign-out; the page itself in <main>.
import { useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useI18n, type Language } from '../i18n/i18n.tsx';
import { menuFor } from '../pages/registry.ts';
import { forgetRestoredDrafts } from '../session/drafts.ts';
import { useSession } from '../session/session.tsx';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  const options: Language[] = ['nl', 'en'];
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {options.map((option) => (
        <button key={option} type="button" lang={option} aria-pressed={language === option} onClick={() => setLanguage(option)}>
          {t(option === 'nl' ? 'app.language.nl' : 'app.language.en')}
        </button>
      ))}
    </div>
  );
}

export function Header({ children }: { children?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span> <span className="brand-sub">{t('app.console')}</span>
      </div>
      <LanguageSwitch />
      {children}
    </header>
  );
}

export function Layout() {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const location = useLocation();
  useEffect(() => {
    forgetRestoredDrafts(`/console${location.pathname}`);
  }, [location.pathname]);
  if (state.status !== 'authenticated') return null;
  const { user } = state;
  const role = user.activeRole;
  const menu = role === null ? [] : menuFor(role);
  return (
    <div className="shell">
      <Header>
        <div className="user">
          <span>{t('app.signedInAs', user.name, role === null ? '—' : t(`role.${role}`))}</span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </Header>
      {menu.length > 0 && (
        <nav className="main-nav" aria-label={t('app.mainNavigation')}>
          {menu.map(({ group, pages }) => (
            <div key={group.id} className="nav-group">
              <h2 className="nav-group-title">{t(group.label)}</h2>
              <ul>
                {pages.map((page) => (
                  <li key={page.id}>
                    <NavLink to={`/${page.path}`}>{page.nav === undefined ? page.id : t(page.nav.label)}</NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
