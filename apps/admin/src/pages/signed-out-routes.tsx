import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { SecondFactorMethod } from '../api/two-factor-api';
import type { SiteStatus, User } from '../api/types';
import { PageLoading } from '../components/page-loading';
import { PUBLIC_PRICING_PATH, SIGN_UP_PATH } from '../lib/invite-link';
import { PublicPricingPage, SignUpPage } from './lazy-pages';
import { SignInPage } from './sign-in-page';

/**
 * Before sign-in: the sign-up page at /sign-up (an invite link's target), the public prices
 * at /pricing when root publishes them, and the sign-in form at any other path, so that
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
