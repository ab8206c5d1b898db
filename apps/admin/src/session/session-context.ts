import { createContext, useContext } from 'react';
import type { SiteStatus, User } from '../api/types';

export interface Session {
  user: User;
  isAdmin: boolean;
  /** The site's name, logo, notice and whether sign-up is open (GET /api/status). */
  site: SiteStatus;
  /** Re-reads the signed-in user and the site (after a top-up, or a settings save). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only pages rendered inside the signed-in layout may call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside a signed-in page');
  return session;
}
