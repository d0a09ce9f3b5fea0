import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { request } from '../api/http';
import { useLiveStream } from '../api/live';
import { useSession } from '../api/session';
import { languages } from '../i18n';
import { ErrorMessage } from '../ui';

const navigation = [
  { to: '/', key: 'nav.myWeek', end: true },
  { to: '/organisation', key: 'nav.organisation' },
  { to: '/tree', key: 'nav.tree' },
  { to: '/proposals', key: 'nav.proposals' },
  { to: '/blockers', key: 'nav.blockers' },
  { to: '/recognition', key: 'nav.recognition' },
  { to: '/insights', key: 'nav.insights' },
  { to: '/learning', key: 'nav.learning' },
] as const;

/** The signed-in shell: skip link, navigation, language switch, the live stream, the screen. */
export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  useLiveStream(session.data ? '/api/live' : null);

  if (session.isPending) return <p role="status">{t('state.loading')}</p>;
  if (session.isError)
    return <ErrorMessage error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    return (
      <Navigate
        to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell-header">
        <span className="shell-header__brand">{t('app.name')}</span>
        <nav aria-label={t('app.mainNavigation')}>
          <ul className="shell-nav">
            {navigation.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={'end' in item ? item.end : false}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell-header__tools">
          <LanguageSwitch />
          <span className="shell-header__who">
            {t('session.signedInAs', { name: session.data.name ?? session.data.personId })}
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select
        value={i18n.resolvedLanguage}
        onChange={(event) => void i18n.changeLanguage(event.target.value)}
      >
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      onClick={() =>
        void request('session', '/sign-out', { method: 'POST' }).finally(() => {
          queryClient.clear();
          void navigate('/sign-in');
        })
      }
    >
      {t('session.signOut')}
    </button>
  );
}
