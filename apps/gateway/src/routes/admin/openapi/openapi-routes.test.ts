import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../../testing/create-test-gateway';
import { ADMIN_POLICY } from '../admin-policy';
import type { OpenApiDocument, Operation } from './build-openapi-document';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('GET /api/openapi.json', () => {
  let gateway: TestGateway;
  let document: OpenApiDocument;
  const operationOf = (route: string) => {
    const [method, path] = route.split(' ') as [string, string];
    const openApiPath = path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    return document.paths[openApiPath]?.[method.toLowerCase() as 'get'] as Operation | undefined;
  };

  beforeAll(async () => {
    gateway = await createTestGateway();
    const response = await gateway.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => gateway.close());

  it('is a structurally sound OpenAPI 3.1 document', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const schemes = Object.keys(document.components.securitySchemes ?? {});
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      expect(path).toMatch(/^\//);
      expect(path).not.toContain(':');
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
        const where = `${method} ${path}`;
        expect(METHODS, where).toContain(method);
        expect(Object.keys(operation.responses).length, where).toBeGreaterThan(0);
        for (const response of Object.values(operation.responses))
          expect(response.description ?? response.$ref, where).toBeTypeOf('string');
        expect(operationIds.has(operation.operationId), where).toBe(false);
        operationIds.add(operation.operationId);
        const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
        expect(pathParameters.map((parameter) => parameter.name).sort(), where).toEqual(
          [...templated].sort(),
        );
        for (const requirement of operation.security)
          for (const scheme of Object.keys(requirement)) expect(schemes, where).toContain(scheme);
      }
    }
    // Every local $ref resolves.
    for (const [, ref] of JSON.stringify(document).matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref!
        .split('/')
        .reduce<unknown>(
          (node, key) => (node as Record<string, unknown> | undefined)?.[key],
          document,
        );
      expect(target, ref).toBeDefined();
    }
  });

  it('has every ADMIN_POLICY route with its method and required role', () => {
    for (const [route, access] of Object.entries(ADMIN_POLICY)) {
      const operation = operationOf(route);
      expect(operation, route).toBeDefined();
      expect(operation?.['x-required-role'], route).toBe(access);
      expect(operation?.summary, route).toBeTypeOf('string');
    }
  });

  it('has every relay route the app serves', () => {
    const relayRoutes = gateway.app.routes
      .filter((route) => /^\/v1(beta)?\//.test(route.path) && route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`);
    expect(relayRoutes.length).toBeGreaterThanOrEqual(17);
    for (const route of relayRoutes) {
      expect(operationOf(route), route).toMatchObject({
        tags: ['relay'],
        security: [{ apiKey: [] }, { anthropicApiKey: [] }, { googleApiKey: [] }],
      });
    }
  });

  it('requires in a body what the handler’s schema requires', () => {
    const bodySchema = (route: string) => {
      const body = operationOf(route)?.requestBody as
        | { content: Record<string, { schema: { required?: string[] } }> }
        | undefined;
      return body?.content['application/json']?.schema;
    };
    const requiredIn = (route: string) => [...(bodySchema(route)?.required ?? [])].sort();
    // role and groupName have defaults, displayName and email are optional.
    expect(bodySchema('POST /api/users')).toMatchObject({
      properties: { username: { type: 'string' }, password: { minLength: 8 }, role: {} },
      additionalProperties: false,
    });
    expect(requiredIn('POST /api/users')).toEqual(['password', 'username']);
    expect(requiredIn('POST /api/channels')).toEqual(['key', 'models', 'name', 'type']);
    expect(requiredIn('POST /v1/chat/completions')).toEqual(
      expect.arrayContaining(['messages', 'model']),
    );
    expect(operationOf('POST /api/channels/:id/test')?.requestBody).toMatchObject({
      required: false,
    });
  });

  it('lists query schemas as query parameters', () => {
    expect(operationOf('GET /api/logs')?.parameters).toContainEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 500 },
    });
  });

  it('describes the session cookie, the CSRF header and the bearer tokens', () => {
    expect(document.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'oneapi_session' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      accessToken: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'http', scheme: 'bearer' },
    });
    expect(operationOf('PATCH /api/user/self')?.security).toEqual([
      { session: [], csrfToken: [] },
      { accessToken: [] },
    ]);
  });

  it('serves the same document every time', async () => {
    const again = await (await gateway.app.request('/api/openapi.json')).json();
    expect(again).toEqual(document);
  });
});
