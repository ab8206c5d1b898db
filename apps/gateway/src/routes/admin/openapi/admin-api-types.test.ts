import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { ADMIN_POLICY } from '../admin-policy';
import { buildOpenApiDocument } from './build-openapi-document';
import { RELAY_ROUTE_DOCS } from './relay-route-docs';
import { ROUTE_DOCS } from './route-docs';

const GENERATED = '../../../../../admin/src/api/admin-api.gen.ts';
const HEADER = `// Generated from the gateway's OpenAPI document by openapi-typescript; do not edit.
// Regenerate: pnpm --filter @oneapi/gateway exec vitest run src/routes/admin/openapi/admin-api-types.test.ts --update

`;

/**
 * The dashboard's types for the admin API come from the very schemas the handlers parse
 * with, through the document GET /api/openapi.json serves: a schema change that the
 * committed types do not follow fails here (and `vitest -u` rewrites them).
 */
describe('the dashboard API types', () => {
  it('are the OpenAPI document, as openapi-typescript writes it', async () => {
    const document = buildOpenApiDocument({
      policy: ADMIN_POLICY,
      routeDocs: ROUTE_DOCS,
      relayDocs: RELAY_ROUTE_DOCS,
      version: '0.0.0',
    });
    const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
    await expect(HEADER + astToString(ast)).toMatchFileSnapshot(GENERATED);
  });
});
