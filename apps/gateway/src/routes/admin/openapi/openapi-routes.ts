import { Hono } from 'hono';
import { gatewayVersion } from '../../../cli/version-command';
import type { AppEnv } from '../../../http/app-env';
import { ADMIN_POLICY } from '../admin-policy';
import { buildOpenApiDocument } from './build-openapi-document';
import { RELAY_ROUTE_DOCS } from './relay-route-docs';
import { ROUTE_DOCS } from './route-docs';

/** GET /api/openapi.json: built from the route schemas on first request, then served as is. */
export function createOpenApiRoutes() {
  const app = new Hono<AppEnv>();
  let document: string | undefined;
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(
      buildOpenApiDocument({
        policy: ADMIN_POLICY,
        routeDocs: ROUTE_DOCS,
        relayDocs: RELAY_ROUTE_DOCS,
        version: gatewayVersion,
      }),
    );
    return c.body(document, 200, { 'content-type': 'application/json; charset=UTF-8' });
  });
  return app;
}
