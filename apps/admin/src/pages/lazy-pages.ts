import { type ComponentType, lazy } from 'react';

/**
 * Every page but sign-in, each in its own chunk: the first screen (sign-in, or the
 * Overview after it) fetches only the shell and its own page. React.lazy wants a default
 * export; the pages keep their named ones.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

export const OverviewPage = lazyPage(async () => (await import('./overview-page')).OverviewPage);
export const TokensPage = lazyPage(async () => (await import('./tokens-page')).TokensPage);
export const PlaygroundPage = lazyPage(
  async () => (await import('./playground-page')).PlaygroundPage,
);
export const LogsPage = lazyPage(async () => (await import('./logs-page')).LogsPage);
export const AuditPage = lazyPage(async () => (await import('./audit-page')).AuditPage);
export const ChannelsPage = lazyPage(async () => (await import('./channels-page')).ChannelsPage);
export const PricesPage = lazyPage(async () => (await import('./prices-page')).PricesPage);
export const UsersPage = lazyPage(async () => (await import('./users-page')).UsersPage);
export const CodesPage = lazyPage(async () => (await import('./codes-page')).CodesPage);
export const SettingsPage = lazyPage(async () => (await import('./settings-page')).SettingsPage);
export const UsagePage = lazyPage(async () => (await import('./usage-page')).UsagePage);
export const PublicPricingPage = lazyPage(
  async () => (await import('./public-pricing-page')).PublicPricingPage,
);
export const SetupPage = lazyPage(async () => (await import('./setup-page')).SetupPage);
export const ForgotPasswordPage = lazyPage(
  async () => (await import('./forgot-password-page')).ForgotPasswordPage,
);
export const ResetPasswordPage = lazyPage(
  async () => (await import('./reset-password-page')).ResetPasswordPage,
);
export const VerifyEmailPage = lazyPage(
  async () => (await import('./verify-email-page')).VerifyEmailPage,
);
export const SignUpPage = lazyPage(async () => (await import('./sign-up-page')).SignUpPage);
export const AccountPage = lazyPage(async () => (await import('./account-page')).AccountPage);
