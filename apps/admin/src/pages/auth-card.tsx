import type { ReactNode } from 'react';
import type { SiteStatus } from '../api/types';
import { SiteBrand } from '../components/site-brand';
import { SiteNotice } from '../components/site-notice';

/** The centred card that holds the setup, sign-in and sign-up forms, under the site's name. */
export function AuthCard({
  title,
  intro,
  site = null,
  children,
}: {
  title: string;
  intro: string;
  /** Before setup there is none: the card says "oneapi". */
  site?: SiteStatus | null;
  children: ReactNode;
}) {
  return (
    <div className="auth-screen">
      <section className="card auth-card">
        <SiteBrand site={site} large />
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
        {site && <SiteNotice notice={site.notice} />}
        {children}
      </section>
    </div>
  );
}
