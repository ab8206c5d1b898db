import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADMIN_POLICY } from '../admin-policy';
import { buildOpenApiDocument, findRouteDocGaps, toOpenApiPath } from './build-openapi-document';
import { ROUTE_DOCS } from './route-docs';

describe('route docs', () => {
  it('document every ADMIN_POLICY route, and only those', () => {
    expect(findRouteDocGaps(ADMIN_POLICY, ROUTE_DOCS)).toEqual({ undocumented: [], unknown: [] });
  });

  it('name a policy route that has no docs, and docs of a route the policy lacks', () => {
    const policy = { 'GET /api/status': 'public', 'POST /api/widgets/:id': 'admin' } as const;
    const docs = { 'GET /api/status': { summary: 'Status' }, 'GET /api/gone': { summary: 'Gone' } };
    expect(findRouteDocGaps(policy, docs)).toEqual({
      undocumented: ['POST /api/widgets/:id'],
      unknown: ['GET /api/gone'],
    });
  });
});

describe('buildOpenApiDocument', () => {
  const build = () =>
    buildOpenApiDocument({
      policy: { 'GET /api/status': 'public', 'POST /api/widgets/:id': 'admin' },
      routeDocs: {
        'GET /api/status': { summary: 'Status' },
        'POST /api/widgets': { summary: 'Not in the policy' },
      },
      relayDocs: { 'GET /v1/models/:id': { summary: 'One model' } },
      version: 'test',
    });

  it('lists a policy route without docs, with its role but no summary', () => {
    const operation = build().paths['/api/widgets/{id}']?.post;
    expect(operation).toMatchObject({
      'x-required-role': 'admin',
      security: [{ session: [], csrfToken: [] }, { accessToken: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    });
    expect(operation).not.toHaveProperty('summary');
    expect(build().paths).not.toHaveProperty('/api/widgets');
  });

  it('needs no credentials on a public route', () => {
    expect(build().paths['/api/status']?.get).toMatchObject({ summary: 'Status', security: [] });
  });

  it('takes path parameter and body schemas from the docs', () => {
    const document = buildOpenApiDocument({
      policy: { 'PUT /api/widgets/:id': 'root' },
      routeDocs: {
        'PUT /api/widgets/:id': {
          summary: 'Set a widget',
          params: { id: z.number().int().positive() },
          body: z.strictObject({ size: z.number(), color: z.string().default('red') }),
          status: 201,
        },
      },
      relayDocs: {},
      version: 'test',
    });
    const operation = document.paths['/api/widgets/{id}']?.put;
    expect(operation?.parameters[0]).toMatchObject({
      schema: { type: 'integer', exclusiveMinimum: 0 },
    });
    expect(operation?.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { required: ['size'] } } },
    });
    expect(Object.keys(operation?.responses ?? {})).toEqual(['201', 'default']);
  });

  it('turns Hono path parameters, regex ones included, into OpenAPI templates', () => {
    expect(toOpenApiPath('/api/users/:id/quota')).toBe('/api/users/{id}/quota');
    expect(toOpenApiPath('/v1/models/:id{.+}')).toBe('/v1/models/{id}');
    expect(build().paths['/v1/models/{id}']?.get?.tags).toEqual(['relay']);
  });
});
