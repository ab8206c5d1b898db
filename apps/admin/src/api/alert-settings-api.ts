import { request } from './request';

/** The admin API's own shapes, generated from the gateway's OpenAPI document (admin-api.gen.ts). */
type Operations = import('./admin-api.gen').operations;

/** GET /api/settings/alerts: mail and alert settings; the secrets only as whether they are set. */
export type AlertSettings =
  Operations['getApiSettingsAlerts']['responses'][200]['content']['application/json'];
/** Only the fields sent change; `smtpPassword` and `webhookSecret` are write-only. */
export type AlertSettingsPatch = NonNullable<
  Operations['patchApiSettingsAlerts']['requestBody']
>['content']['application/json'];
/** What a test button's request answers: the SMTP message id or the receiver's status. */
export type TestDeliveryResult =
  Operations['postApiSettingsAlertsTestEmail']['responses'][200]['content']['application/json'];

export type SmtpSecurity = AlertSettings['smtpSecurity'];
export const SMTP_SECURITIES: readonly SmtpSecurity[] = ['starttls', 'tls', 'none'];

export const getAlertSettings = () => request<AlertSettings>('GET', '/api/settings/alerts');

/** Root only; answers with every setting after the change. */
export const updateAlertSettings = (patch: AlertSettingsPatch) =>
  request<AlertSettings>('PATCH', '/api/settings/alerts', patch);

/** Sends a test email to `to` with the saved SMTP settings. */
export const sendTestEmail = (to: string) =>
  request<TestDeliveryResult>('POST', '/api/settings/alerts/test-email', { to });

/** POSTs a signed test alert to the saved webhook URL. */
export const sendTestWebhook = () =>
  request<TestDeliveryResult>('POST', '/api/settings/alerts/test-webhook');
