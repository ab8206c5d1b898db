import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import {
  FORGOT_PASSWORD_PATH,
  RESET_PASSWORD_PATH,
  VERIFY_EMAIL_PATH,
} from '../api/account-mail-api';
import type { SecondFactorMethod } from '../api/two-factor-api';
import type { SiteStatus, User } from '../api/types';
import { PageLoading } from '../components/page-loading';
import { PUBLIC_PRICING_PATH, SIGN_UP_PATH } from '../lib/invite-link';
import {
  ForgotPasswordPage,
  PublicPricingPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyEmailPage,
} from './lazy-pages';
import { SignInPage } from './sign-in-page';

/**
 * Before sign-in: the sign-up page at /sign-up (an invite link's target), the public prices
 * at /pricing when root publishes them, the pages mailed links open and "Forgot password?",
 * and the sign-in form at any other path, so that
 * signing in lands on the page that was asked for.
 */
export function SignedOutRoutes({
  site,
  onSignedIn,
  onSecondFactor,
}: {
  site: SiteStatus;
  onSignedIn: (user: User) => void;
  onSecondFactor: (methods: SecondFactorMethod[]) => void;
}) {
  return (
    <BrowserRouter>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path={SIGN_UP_PATH} element={<SignUpPage site={site} onSignedIn={onSignedIn} />} />
          <Route path={FORGOT_PASSWORD_PATH} element={<ForgotPasswordPage site={site} />} />
          <Route path={RESET_PASSWORD_PATH} element={<ResetPasswordPage site={site} />} />
          <Route path={VERIFY_EMAIL_PATH} element={<VerifyEmailPage site={site} />} />
          {site.publicPricing && (
            <Route path={PUBLIC_PRICING_PATH} element={<PublicPricingPage site={site} />} />
          )}
          <Route
            path="*"
            element={
              <SignInPage site={site} onSignedIn={onSignedIn} onSecondFactor={onSecondFactor} />
            }
          />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
