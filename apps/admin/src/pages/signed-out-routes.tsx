import { BrowserRouter, Route, Routes } from 'react-router';
import type { SiteStatus, User } from '../api/types';
import { SIGN_UP_PATH } from '../lib/invite-link';
import { SignInPage } from './sign-in-page';
import { SignUpPage } from './sign-up-page';

/**
 * Before sign-in: the sign-up page at /sign-up (an invite link's target), and the sign-in
 * form at any other path, so that signing in lands on the page that was asked for.
 */
export function SignedOutRoutes({
  site,
  onSignedIn,
}: {
  site: SiteStatus;
  onSignedIn: (user: User) => void;
}) {
  return (
    <BrowserRouter>
      <Routes>
        <Route path={SIGN_UP_PATH} element={<SignUpPage site={site} onSignedIn={onSignedIn} />} />
        <Route path="*" element={<SignInPage site={site} onSignedIn={onSignedIn} />} />
      </Routes>
    </BrowserRouter>
  );
}
