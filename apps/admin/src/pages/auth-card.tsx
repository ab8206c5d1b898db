import type { ReactNode } from 'react';

/** The centred card that holds the setup and sign-in forms. */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <div className="auth-screen">
      <section className="card auth-card">
        <div className="brand brand-large">oneapi</div>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
        {children}
      </section>
    </div>
  );
}
