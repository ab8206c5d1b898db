import {
  CHANNEL_SETTINGS,
  checkProviderConfig,
  findProvider,
  type RequestOverrides,
} from '@oneapi/adapters';
import { GatewayError } from '../../http/gateway-error';

type Config = Readonly<Record<string, unknown>>;

/** The gateway's own settings of a channel, kept in `config` beside the provider's. */
export interface GatewaySettings {
  readonly allowPrivateNetwork: boolean;
  readonly overrides: RequestOverrides | null;
}

/**
 * The `config` to store: the provider's settings checked against its `configFields` (a 400
 * naming the first bad or missing one), then the gateway's own.
 */
export function toStoredConfig(
  type: string,
  providerSettings: Config,
  { allowPrivateNetwork, overrides }: GatewaySettings,
): Record<string, unknown> {
  const provider = findProvider(type);
  // The body schema already refused an unknown type.
  if (!provider) throw new GatewayError('invalid_request', 'type: unknown provider type');
  const checked = checkProviderConfig(provider.name, provider.configFields ?? [], providerSettings);
  if (!checked.ok)
    throw new GatewayError('invalid_request', `${checked.field}: ${checked.message}`, {
      param: checked.field,
    });
  return {
    ...checked.config,
    ...(allowPrivateNetwork && { allowPrivateNetwork }),
    ...(overrides && !isEmpty(overrides) && { overrides }),
  };
}

/** The provider's part of a stored `config`. */
export function providerSettingsOf(config: Config | null): Config {
  return Object.fromEntries(
    Object.entries(config ?? {}).filter(([name]) => !CHANNEL_SETTINGS.has(name)),
  );
}

/** The gateway's part of a stored `config`. */
export function gatewaySettingsOf(config: Config | null): GatewaySettings {
  return {
    allowPrivateNetwork: config?.allowPrivateNetwork === true,
    overrides: (config?.overrides as RequestOverrides | undefined) ?? null,
  };
}

const isEmpty = (overrides: RequestOverrides) =>
  Object.values(overrides).every(
    (value) => value === undefined || Object.keys(value as object).length === 0,
  );
