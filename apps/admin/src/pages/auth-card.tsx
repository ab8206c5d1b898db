import type { ReactNode } from 'react';
import type { SiteStatus } from '../api/types';
import { SiteBrand } from '../components/site-brand';
import { SiteNotice } from '../components/site-notice';

/** The centred card that holds the setup, sign-in and sign-up forms, under the site's name. */
export function AuthCard({
  title,
  intro,
  site = null,
  tools,
  children,
}: {
  title: string;
  intro: string;
  /** Before setup there is none: the card says "oneapi". */
  site?: SiteStatus | null;
  /** Shown beside the brand: the language switch. */
  tools?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="auth-screen">
      <section className="card auth-card">
        <div className="auth-head">
          <SiteBrand site={site} large />
          {tools}
        </div>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
        {site && <SiteNotice notice={site.notice} />}
        {children}
      </section>
    </div>
  );
}
