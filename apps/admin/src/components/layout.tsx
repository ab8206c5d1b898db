import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session-context';
import { SiteBrand } from './site-brand';

const LINKS = [
  { to: '/', label: 'Overview', adminOnly: false },
  { to: '/channels', label: 'Channels', adminOnly: true },
  { to: '/prices', label: 'Prices', adminOnly: true },
  { to: '/tokens', label: 'API keys', adminOnly: false },
  { to: '/playground', label: 'Playground', adminOnly: false },
  { to: '/users', label: 'Users', adminOnly: true },
  { to: '/logs', label: 'Logs', adminOnly: false },
  { to: '/codes', label: 'Recharge codes', adminOnly: true },
  { to: '/settings', label: 'Settings', adminOnly: true },
] as const;

/** The signed-in frame: a left nav (a top strip on phones), a top bar and the page. */
export function Layout() {
  const { user, isAdmin, site, signOut } = useSession();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <SiteBrand site={site} />
        {LINKS.filter((link) => isAdmin || !link.adminOnly).map((link) => (
          <NavLink key={link.to} to={link.to} end className="nav-link">
            {link.label}
          </NavLink>
        ))}
      </nav>
      <div className="main">
        <header className="topbar">
          <span className="topbar-user">
            {user.displayName} <span className="badge badge-muted">{user.role}</span>
          </span>
          <button type="button" className="button button-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
