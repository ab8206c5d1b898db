// Replaced with the package.json version by tsup (tsup.config.ts `define`).
declare const __ONEAPI_VERSION__: string | undefined;

/** The gateway's version; `development` when run from source rather than from dist. */
export const gatewayVersion =
  typeof __ONEAPI_VERSION__ === 'string' ? __ONEAPI_VERSION__ : 'development';
