import {
  AdapterError,
  type ChatRequest,
  countGeminiPromptTokens,
  countPromptTokens,
  createGeminiChunkEncoder,
  createGeminiStreamMeter,
  type GeminiPassthroughRequest,
  type GeminiStreamFraming,
  geminiCountTokensRequestSchema,
  geminiGenerateContentRequestSchema,
  readGeminiPassthrough,
  readGeminiResponseUsage,
  readGeminiStreamError,
  toCanonicalRequestFromGemini,
  toGeminiErrorBody,
  toGeminiResponse,
  withMaxOutputTokens,
} from '@oneapi/adapters';
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { readJsonBody, turnAfterLargeBody } from '../../http/read-json';
import { isGoogleClient } from './gemini-error-response';
import { listAcceptedModels } from './models-route';
import { defaultOutputCap } from './output-cap';
import { type ChatFormat, relayChat } from './relay-chat';
import { type NativeIngress, relayNative, servedNatively } from './relay-native';

const geminiFormat = (framing: GeminiStreamFraming): ChatFormat => ({
  createEncoder: (request) => createGeminiChunkEncoder({ model: request.model, framing }),
  renderCompletion: (completion, request) => toGeminiResponse(completion, request.model),
  // Skipped by SSE readers; whitespace between the elements of the JSON array otherwise.
  heartbeat: framing === 'sse' ? ': keep-alive\r\n\r\n' : '\n',
  ...(framing === 'json-array' && { streamContentType: 'application/json; charset=UTF-8' }),
});

/** Gemini clients to Gemini channels: passed through, billed from the answer. */
const geminiIngress: NativeIngress = {
  format: 'gemini-generate-content',
  streamMeter: (request) => createGeminiStreamMeter(() => countGeminiPromptTokens(request.json)),
  usageOf: readGeminiResponseUsage,
  countPrompt: (request) => countGeminiPromptTokens(request.json),
  streamError: (_event, data) => readGeminiStreamError(data),
  brokenOffFrame: (message) => `data: ${JSON.stringify(toGeminiErrorBody(502, message))}\r\n\r\n`,
};

const METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'] as const;
type Method = (typeof METHODS)[number];

/**
 * Gemini's REST surface (the @google/genai SDK, Gemini CLI), served by any channel:
 * POST models/{model}:generateContent, :streamGenerateContent and :countTokens. Errors are in
 * Gemini's shape (the app's error handler renders every error on these paths so).
 */
export function createGeminiGenerateRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // `{model}:{method}` is one path segment; a model name may itself hold slashes.
  app.post('/models/:target{.+}', async (c) => {
    const target = c.req.param('target');
    const at = target.lastIndexOf(':');
    const model = target.slice(0, at);
    const method = target.slice(at + 1) as Method;
    if (at <= 0 || !METHODS.includes(method)) {
      throw new GatewayError('not_found', `No method ${target}: use {model}:${METHODS.join('|:')}`);
    }
    const { bytes, json: body } = await readJsonBody(c, services.config.maxJsonDepth);
    if (method === 'countTokens') return countTokens(services, c, model, body);
    const stream = method === 'streamGenerateContent';
    const framing = c.req.query('alt') === 'sse' ? 'sse' : 'json-array';
    // To a channel that speaks Gemini the body passes through; a stream framed as one JSON
    // array (no alt=sse) is the gateway's to frame, so it takes the translated path.
    const framedByUpstream = framing === 'sse' || !stream;
    if (framedByUpstream && servedNatively(services, c, model, geminiIngress.format)) {
      return passThrough(services, c, readGeminiPassthrough(model, bytes, body, { stream }));
    }
    const parsed = parse(geminiGenerateContentRequestSchema, body);
    await turnAfterLargeBody(bytes.length);
    const request = toCanonicalRequestFromGemini(model, parsed, { stream });
    await turnAfterLargeBody(bytes.length);
    return relayChat(services, c, request, geminiFormat(framing), body);
  });
  return app;
}

function passThrough(
  services: GatewayServices,
  c: Context<AppEnv>,
  request: GeminiPassthroughRequest,
): Promise<Response> {
  // A client that set no output limit gets the default one, so the hold covers the answer.
  const maxTokens =
    request.maxOutputTokens ??
    defaultOutputCap(services.config.defaultMaxTokens, request.reasoningEffort);
  const capped = withMaxOutputTokens(request, maxTokens);
  return relayNative(services, c, { ...capped, maxTokens }, geminiIngress);
}

/**
 * GET models and models/{model}: the caller's models (see models-route.ts) in Gemini's
 * shape. With `onlyGoogleClients` (on /v1, where the same paths list OpenAI's shape) other
 * callers are passed on to the next route.
 */
export function createGeminiModelsRoute(
  services: GatewayServices,
  options: { onlyGoogleClients?: boolean } = {},
) {
  const app = new Hono<AppEnv>();
  const skip = (c: Context<AppEnv>) => options.onlyGoogleClients === true && !isGoogleClient(c);
  app.get('/models', (c, next) => {
    if (skip(c)) return next();
    return c.json({ models: listAcceptedModels(services, c).map(toGeminiModel) });
  });
  app.get('/models/:id{.+}', (c, next) => {
    if (skip(c)) return next();
    const id = c.req.param('id').replace(/^models\//, '');
    if (!listAcceptedModels(services, c).includes(id)) {
      throw new GatewayError('model_not_found', `models/${id} is not found`);
    }
    return c.json(toGeminiModel(id));
  });
  return app;
}

// Counted locally with the tokenizer that bills streams without usage: no upstream call.
async function countTokens(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  body: unknown,
): Promise<Response> {
  if (!listAcceptedModels(services, c).includes(model)) {
    throw new GatewayError('model_not_found', `models/${model} is not found`);
  }
  const input = parse(geminiCountTokensRequestSchema, body);
  const contents = input.contents ?? input.generateContentRequest?.contents;
  if (!contents || contents.length === 0) {
    throw new AdapterError('invalid_request', 'contents: give contents or generateContentRequest');
  }
  const request: ChatRequest = toCanonicalRequestFromGemini(
    model,
    { ...input.generateContentRequest, contents },
    { stream: false },
  );
  return c.json({ totalTokens: await countPromptTokens(request) });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

const toGeminiModel = (id: string) => ({
  name: `models/${id}`,
  displayName: id,
  supportedGenerationMethods: [...METHODS],
});
