import { createContext, useContext } from 'react';
import type { User } from '../api/types';

export interface Session {
  user: User;
  isAdmin: boolean;
  /** Re-reads the signed-in user (after a top-up, say). */
  refreshUser: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only pages rendered inside the signed-in layout may call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside a signed-in page');
  return session;
}
