import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { MessageKey } from '../i18n/t';
import { useT } from '../i18n/use-t';
import { useSession } from '../session/session-context';
import { LanguageSwitch } from './language-switch';
import { PageLoading } from './page-loading';
import { SiteBrand } from './site-brand';

const LINKS: readonly { to: string; label: MessageKey; adminOnly: boolean }[] = [
  { to: '/', label: 'nav.overview', adminOnly: false },
  { to: '/channels', label: 'nav.channels', adminOnly: true },
  { to: '/prices', label: 'nav.prices', adminOnly: true },
  { to: '/tokens', label: 'nav.tokens', adminOnly: false },
  { to: '/playground', label: 'nav.playground', adminOnly: false },
  { to: '/users', label: 'nav.users', adminOnly: true },
  { to: '/logs', label: 'nav.logs', adminOnly: false },
  { to: '/codes', label: 'nav.codes', adminOnly: true },
  { to: '/settings', label: 'nav.settings', adminOnly: true },
  { to: '/audit', label: 'nav.audit', adminOnly: true },
  { to: '/profile', label: 'nav.profile', adminOnly: false },
];

/** The signed-in frame: a left nav (a top strip on phones), a top bar and the page. */
export function Layout() {
  const t = useT();
  const { user, isAdmin, site, signOut } = useSession();
  const links = site.publicPricing
    ? [...LINKS, { to: '/pricing', label: 'nav.pricing' as const, adminOnly: false }]
    : LINKS;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('shell.mainNav')}>
        <SiteBrand site={site} />
        {links
          .filter((link) => isAdmin || !link.adminOnly)
          .map((link) => (
            <NavLink key={link.to} to={link.to} end className="nav-link">
              {t(link.label)}
            </NavLink>
          ))}
      </nav>
      <div className="main">
        <header className="topbar">
          <span className="topbar-user">
            {user.displayName} <span className="badge badge-muted">{t(`role.${user.role}`)}</span>
          </span>
          <LanguageSwitch />
          <button type="button" className="button button-small" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </header>
        <main className="content">
          {/* Pages are loaded on first visit; the shell stays while one is fetched. */}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
