import { Hono, type MiddlewareHandler } from 'hono';
import type { GatewayServices } from './compose';
import type { AppEnv } from './http/app-env';
import { drainUnreadBody } from './http/drain-unread-body';
import { GatewayError } from './http/gateway-error';
import { limitBodySize } from './http/limit-body-size';
import { provideJsonDepthLimit } from './http/read-json';
import { assignRequestId } from './http/request-id';
import { mountDashboard } from './http/serve-dashboard';
import { createErrorHandler, renderError } from './http/to-error-response';
import { authenticateToken } from './middleware/authenticate-token';
import { authorizeAdminRoute } from './middleware/authorize-admin-route';
import { limitAdminRate } from './middleware/limit-rate';
import { createAlertSettingsRoutes } from './routes/admin/alert-settings-routes';
import { createAuditLogsRoutes } from './routes/admin/audit-logs-routes';
import { createAuthRoutes } from './routes/admin/auth-routes';
import { createChannelChecksRoutes } from './routes/admin/channel-checks-routes';
import { createChannelKeyRevealRoutes } from './routes/admin/channel-key-reveal-routes';
import { createChannelsRoutes } from './routes/admin/channels-routes';
import { createEmailVerificationRoutes } from './routes/admin/email-verification-routes';
import { createIdentitiesRoutes } from './routes/admin/identities-routes';
import { createLogsRoutes } from './routes/admin/logs-routes';
import { createOpenApiRoutes } from './routes/admin/openapi/openapi-routes';
import { createPasskeysRoutes } from './routes/admin/passkeys-routes';
import { createPasswordResetRoutes } from './routes/admin/password-reset-routes';
import { createPlaygroundKeyRoutes } from './routes/admin/playground-key-routes';
import { createPricesRoutes } from './routes/admin/prices-routes';
import { createProvidersRoutes } from './routes/admin/providers-routes';
import { createPublicPricingRoutes } from './routes/admin/public-pricing-routes';
import { createRedemptionCodesRoutes } from './routes/admin/redemption-codes-routes';
import { createRegistrationRoutes } from './routes/admin/registration-routes';
import { createSecondFactorRoutes } from './routes/admin/second-factor-routes';
import { createSelfRoutes } from './routes/admin/self-routes';
import { createSettingsRoutes } from './routes/admin/settings-routes';
import { createSsoRoutes } from './routes/admin/sso-routes';
import { createSsoSettingsRoutes } from './routes/admin/sso-settings-routes';
import { createTokensRoutes } from './routes/admin/tokens-routes';
import { createTotpRoutes } from './routes/admin/totp-routes';
import { createUsageRoutes } from './routes/admin/usage-routes';
import { createUsersRoutes } from './routes/admin/users-routes';
import { createBillingRoute } from './routes/relay/billing-route';
import { createChatCompletionsRoute } from './routes/relay/chat-completions-route';
import { isGeminiIngress } from './routes/relay/gemini-error-response';
import { createGeminiGenerateRoute, createGeminiModelsRoute } from './routes/relay/gemini-route';
import { createMessagesRoute } from './routes/relay/messages-route';
import { createModelsRoute } from './routes/relay/models-route';
import { createOpenAIEndpointsRoute } from './routes/relay/openai-endpoints-route';
import { createResponsesRoute } from './routes/relay/responses-route';

/**
 * The HTTP surface: health, the admin API under /api, the relay API under /v1, Gemini's
 * REST surface under /v1beta.
 */
export function createApp(services: GatewayServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(assignRequestId);
  // One access-log line per request, after it is answered (for streams: when headers go out).
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    services.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  // Before the body limit, so that a refused body is drained too.
  app.use(drainUnreadBody());
  app.use(limitBodySize(services.config.bodyLimitBytes));

  app.use(provideJsonDepthLimit(services.config.maxJsonDepth));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', async (c) =>
    c.body(await services.metrics.registry.metrics(), 200, {
      'content-type': services.metrics.registry.contentType,
    }),
  );
  app.get('/readyz', async (c) => {
    if (services.draining) return c.json({ status: 'draining' }, 503);
    // A ping would wait as long as the outage; the watch already knows.
    if (!services.database.available())
      return c.json({ status: 'unavailable', database: services.storage.dialect }, 503);
    try {
      await services.storage.ping();
      return c.json({ status: 'ready', database: services.storage.dialect });
    } catch {
      return c.json({ status: 'unavailable', database: services.storage.dialect }, 503);
    }
  });

  // While draining, the load balancer has already been told (readyz); anything that still
  // arrives gets a clean 503 so clients retry elsewhere.
  const refuseWhileUnavailable: MiddlewareHandler<AppEnv> = async (_c, next) => {
    if (services.draining)
      throw new GatewayError('shutting_down', 'This instance is shutting down; retry');
    if (!services.database.available())
      throw new GatewayError('database_unavailable', 'The database is unreachable; retry');
    // Unrenewed for a lease's length: another instance may be releasing this one's holds.
    if (!services.instanceLease.held())
      throw new GatewayError('database_unavailable', 'This instance lost its lease; retry');
    return next();
  };
  app.use('/v1/*', refuseWhileUnavailable);
  app.use('/v1beta/*', refuseWhileUnavailable);

  const admin = new Hono<AppEnv>();
  admin.use('*', limitAdminRate(services));
  admin.use('*', authorizeAdminRoute(services));
  // Any write to keys or users may change who can call the relay: drop cached keys.
  admin.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && /^\/api\/(tokens|users)(\/|$)/.test(c.req.path))
      await services.changes.publish('tokens');
  });
  for (const routes of [
    createAuthRoutes(services),
    createRegistrationRoutes(services),
    createEmailVerificationRoutes(services),
    createPasswordResetRoutes(services),
    createSsoRoutes(services),
    createIdentitiesRoutes(services),
    createSecondFactorRoutes(services),
    createTotpRoutes(services),
    createPasskeysRoutes(services),
    createSelfRoutes(services),
    createPlaygroundKeyRoutes(services),
    createUsersRoutes(services),
    createTokensRoutes(services),
    createChannelsRoutes(services),
    createLogsRoutes(services),
    createAuditLogsRoutes(services),
    createProvidersRoutes(),
    createRedemptionCodesRoutes(services),
    createChannelChecksRoutes(services),
    createChannelKeyRevealRoutes(services),
    createPricesRoutes(services),
    createPublicPricingRoutes(services),
    createSsoSettingsRoutes(services),
    createSettingsRoutes(services),
    createAlertSettingsRoutes(services),
    createUsageRoutes(services),
    createOpenApiRoutes(),
  ]) {
    admin.route('/', routes);
  }
  app.route('/api', admin);

  const relay = new Hono<AppEnv>();
  relay.use('*', authenticateToken(services, { keyInQuery: isGeminiIngress }));
  // Google's SDKs list models on /v1 too, in Gemini's shape; other callers get OpenAI's.
  relay.route('/', createGeminiModelsRoute(services, { onlyGoogleClients: true }));
  relay.route('/', createModelsRoute(services));
  relay.route('/', createChatCompletionsRoute(services));
  relay.route('/', createMessagesRoute(services));
  relay.route('/', createOpenAIEndpointsRoute(services));
  relay.route('/', createResponsesRoute(services));
  relay.route('/', createBillingRoute(services));
  // @google/genai (since version 2) posts its generate methods here.
  relay.route('/', createGeminiGenerateRoute(services));
  app.route('/v1', relay);

  // Gemini's REST surface, for Google's SDKs and Gemini CLI, which also send the key as ?key=.
  const gemini = new Hono<AppEnv>();
  gemini.use('*', authenticateToken(services, { keyInQuery: () => true }));
  gemini.route('/', createGeminiModelsRoute(services));
  gemini.route('/', createGeminiGenerateRoute(services));
  app.route('/v1beta', gemini);

  if (!services.config.dashboardDir || !mountDashboard(app, services.config.dashboardDir)) {
    app.get('/', (c) =>
      c.text(
        'oneapi gateway: the relay API is at /v1 and the admin API at /api. The dashboard is not built.\n',
      ),
    );
  }
  app.notFound((c) =>
    renderError(c, new GatewayError('not_found', `No route for ${c.req.method} ${c.req.path}`)),
  );
  app.onError(createErrorHandler(services.logger));
  return app;
}
