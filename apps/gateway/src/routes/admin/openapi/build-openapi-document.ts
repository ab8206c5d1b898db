import { z } from 'zod';
import { SESSION_COOKIE } from '../../../middleware/authorize-admin-route';
import type { Access } from '../admin-policy';
import type { RelayRouteDoc } from './relay-route-docs';
import type { RouteDoc } from './route-docs';
import {
  type JsonSchema,
  type Parameter,
  toOpenApiSchema,
  toQueryParameters,
} from './to-openapi-schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Scheme names, all of which a request must satisfy; any one requirement of a list will do. */
type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface Operation {
  readonly tags: readonly string[];
  readonly operationId: string;
  readonly summary?: string;
  readonly description: string;
  readonly 'x-required-role'?: Access;
  readonly externalDocs?: { readonly url: string };
  readonly security: readonly SecurityRequirement[];
  readonly parameters: readonly Parameter[];
  readonly requestBody?: JsonSchema;
  readonly responses: Record<string, JsonSchema>;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly tags: readonly JsonSchema[];
  readonly paths: Record<string, Partial<Record<Method, Operation>>>;
  readonly components: Record<string, Record<string, JsonSchema>>;
}

export interface OpenApiSources {
  /** `METHOD /api/path` -> access: every route here is in the document. */
  readonly policy: Readonly<Record<string, Access>>;
  readonly routeDocs: Readonly<Record<string, RouteDoc>>;
  readonly relayDocs: Readonly<Record<string, RelayRouteDoc>>;
  readonly version: string;
}

// Both the relay and the gateway's own errors answer in OpenAI's shape (GatewayError.toOpenAIError).
const errorBody = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };
const SIGNED_IN: SecurityRequirement[] = [{ session: [] }, { accessToken: [] }];
// Cookies ride along on cross-site requests, so a cookie-authenticated write needs the header.
const SIGNED_IN_WRITE: SecurityRequirement[] = [
  { session: [], csrfToken: [] },
  { accessToken: [] },
];
const RELAY_KEY: SecurityRequirement[] = [
  { apiKey: [] },
  { anthropicApiKey: [] },
  { googleApiKey: [] },
];

/** The OpenAPI 3.1 document of the admin API (every policy route) and, in brief, the relay API. */
export function buildOpenApiDocument(sources: OpenApiSources): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const add = (route: string, toOperation: (method: Method, path: string) => Operation) => {
    const [method, path] = splitRoute(route);
    const item = paths[toOpenApiPath(path)] ?? {};
    item[method] = toOperation(method, path);
    paths[toOpenApiPath(path)] = item;
  };
  for (const [route, access] of Object.entries(sources.policy))
    add(route, (method, path) => toAdminOperation(method, path, access, sources.routeDocs[route]));
  for (const [route, doc] of Object.entries(sources.relayDocs))
    add(route, (method, path) => toRelayOperation(method, path, doc));

  return {
    openapi: '3.1.0',
    info: {
      title: 'oneapi gateway',
      version: sources.version,
      description:
        'The admin API under /api (JSON; tag `admin`) and the relay API under /v1 and /v1beta (tag `relay`).',
    },
    tags: [
      { name: 'admin', description: 'Users, API keys, channels, prices, logs and usage' },
      {
        name: 'relay',
        description:
          'OpenAI-, Anthropic- and Gemini-compatible endpoints; bodies follow their references',
        externalDocs: { url: 'https://platform.openai.com/docs/api-reference' },
      },
    ],
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Set by POST /api/auth/login; writes also need the x-csrf-token header',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: 'The csrfToken from POST /api/auth/login or GET /api/user/self',
        },
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin API access token from POST /api/user/self/access-token',
        },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sk-...',
          description: 'An API key from POST /api/tokens',
        },
        anthropicApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: 'The same API key, as Anthropic clients send it',
        },
        googleApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-goog-api-key',
          description: 'The same API key, as Google’s clients send it (or ?key= on Gemini routes)',
        },
      },
      schemas: { Error: toOpenApiSchema(errorBody, 'error') },
      responses: {
        Error: {
          description:
            'An error (the /v1/messages routes answer in Anthropic’s shape, the Gemini routes in Gemini’s)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

/** Policy routes without docs, and docs of routes the policy does not have. */
export function findRouteDocGaps(
  policy: Readonly<Record<string, Access>>,
  docs: Readonly<Record<string, RouteDoc>>,
): { undocumented: string[]; unknown: string[] } {
  return {
    undocumented: Object.keys(policy).filter((route) => !Object.hasOwn(docs, route)),
    unknown: Object.keys(docs).filter((route) => !Object.hasOwn(policy, route)),
  };
}

/** Hono's `/users/:id` (or `/models/:id{.+}`) -> OpenAPI's `/users/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

function toAdminOperation(
  method: Method,
  path: string,
  access: Access,
  doc: RouteDoc | undefined,
): Operation {
  const id = toOperationId(method, path);
  return {
    tags: ['admin'],
    operationId: id,
    ...(doc && { summary: doc.summary }),
    description: access === 'public' ? 'Public.' : `Requires the ${access} role or above.`,
    'x-required-role': access,
    security: access === 'public' ? [] : method === 'get' ? SIGNED_IN : SIGNED_IN_WRITE,
    parameters: [
      ...toPathParameters(path, doc?.params),
      ...(doc?.query ? toQueryParameters(doc.query, `${id}-query`) : []),
    ],
    ...(doc?.body && {
      requestBody: {
        required: doc.bodyOptional !== true,
        content: { 'application/json': { schema: toOpenApiSchema(doc.body, `${id}-body`) } },
      },
    }),
    responses: toResponses(
      doc?.status ?? 200,
      doc?.response && toOpenApiSchema(doc.response, `${id}-response`, 'output'),
    ),
  };
}

function toRelayOperation(method: Method, path: string, doc: RelayRouteDoc): Operation {
  const id = toOperationId(method, path);
  const mediaType = doc.bodyType === 'multipart' ? 'multipart/form-data' : 'application/json';
  return {
    tags: ['relay'],
    operationId: id,
    summary: doc.summary,
    description: doc.reference
      ? `The body and the answer follow ${doc.reference}; the model is routed to a channel.`
      : 'Authenticated with an API key.',
    ...(doc.reference && { externalDocs: { url: doc.reference } }),
    security: RELAY_KEY,
    parameters: toPathParameters(path),
    ...(doc.bodyType && {
      requestBody: {
        required: true,
        content: {
          [mediaType]: {
            schema: doc.body ? toOpenApiSchema(doc.body, `${id}-body`) : { type: 'object' },
          },
        },
      },
    }),
    responses: toResponses(200),
  };
}

function toPathParameters(
  path: string,
  params: Readonly<Record<string, z.ZodType>> = {},
): Parameter[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => {
    const name = match[1]!;
    const schema = params[name];
    return {
      name,
      in: 'path',
      required: true,
      schema: schema ? toOpenApiSchema(schema, name) : { type: 'string' },
    };
  });
}

function toResponses(
  status: 200 | 201 | 202 | 204,
  schema?: JsonSchema,
): Record<string, JsonSchema> {
  return {
    [status]:
      status === 204
        ? { description: 'Done; no content' }
        : {
            description: 'Success',
            ...(schema && { content: { 'application/json': { schema } } }),
          },
    default: ERROR_RESPONSE,
  };
}

function splitRoute(route: string): [Method, string] {
  const [method, path] = route.split(' ') as [string, string];
  return [method.toLowerCase() as Method, path];
}

/** `post` `/api/users/:id/quota` -> `postApiUsersIdQuota`: stable names for generated clients. */
function toOperationId(method: Method, path: string): string {
  const words = path
    .replace(/\{[^}]*\}/g, '')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}
