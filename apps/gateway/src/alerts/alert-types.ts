/** Every alert the gateway sends; the webhook's JSON is `{ type, occurredAt, ...details }`. */
export type Alert =
  | {
      /** A user's remaining quota fell below the threshold (One API's quota reminder). */
      readonly type: 'quota_low';
      readonly userId: number;
      readonly username: string;
      /** Quota units left. */
      readonly quota: number;
      readonly threshold: number;
    }
  | {
      /** Health disabled a channel: every key of it was retired. */
      readonly type: 'channel_disabled';
      readonly channelId: number;
      readonly channelName: string;
      readonly reason: string;
    }
  | {
      /** A passing probe re-enabled a channel health had disabled. */
      readonly type: 'channel_enabled';
      readonly channelId: number;
      readonly channelName: string;
    }
  | {
      /** An API key expires within the configured number of days. */
      readonly type: 'key_expiring';
      readonly userId: number;
      readonly tokenId: number;
      readonly tokenName: string;
      /** Epoch ms. */
      readonly expiresAt: number;
    }
  | {
      /** Sent by the dashboard's test buttons. */
      readonly type: 'test';
    };

export type AlertType = Alert['type'];

/** The webhook body: the alert with when it happened, never a secret. */
export function toAlertPayload(alert: Alert, occurredAt: number): Record<string, unknown> {
  return { ...alert, occurredAt: new Date(occurredAt).toISOString() };
}

/** Subject and text of the alert's email. */
export function toAlertEmail(alert: Alert, siteName: string): { subject: string; text: string } {
  switch (alert.type) {
    case 'quota_low':
      return {
        subject: `[${siteName}] Your quota is running low`,
        text: `Hello ${alert.username},\n\nYour remaining quota is ${alert.quota}, below ${alert.threshold}. Top up to keep your API keys working.\n`,
      };
    case 'channel_disabled':
      return {
        subject: `[${siteName}] Channel "${alert.channelName}" (#${alert.channelId}) was disabled`,
        text: `Channel "${alert.channelName}" (#${alert.channelId}) was disabled automatically: ${alert.reason}\n\nIt is probed and re-enabled by itself once a key works again.\n`,
      };
    case 'channel_enabled':
      return {
        subject: `[${siteName}] Channel "${alert.channelName}" (#${alert.channelId}) was re-enabled`,
        text: `Channel "${alert.channelName}" (#${alert.channelId}) passed a probe and was enabled again.\n`,
      };
    case 'key_expiring':
      return {
        subject: `[${siteName}] Your API key "${alert.tokenName}" expires soon`,
        text: `Your API key "${alert.tokenName}" expires at ${new Date(alert.expiresAt).toISOString()}. Extend it or create a new one before then.\n`,
      };
    case 'test':
      return {
        subject: `[${siteName}] Test email`,
        text: 'This is a test email from your gateway: mail settings work.\n',
      };
  }
}
