import {
  anthropicMessagesRequestSchema,
  chatRequestSchema,
  geminiGenerateContentRequestSchema,
} from '@oneapi/adapters';
import type { z } from 'zod';

/** The relay API in brief: bodies and answers follow the vendor's own API reference. */
export interface RelayRouteDoc {
  readonly summary: string;
  /** The vendor's API reference the body and the answer follow. */
  readonly reference?: string;
  /** How the body is sent; no body when absent. */
  readonly bodyType?: 'json' | 'multipart';
  /** The schema the relay validates the body with, where it has one. */
  readonly body?: z.ZodType;
}

const OPENAI = 'https://platform.openai.com/docs/api-reference';
const GEMINI = 'https://ai.google.dev/api';

const GEMINI_METHODS: RelayRouteDoc = {
  summary:
    'Gemini {model}:generateContent, :streamGenerateContent (alt=sse, or a JSON array) and :countTokens on any channel type (errors in Gemini’s shape; the key may also be ?key=)',
  reference: `${GEMINI}/generate-content`,
  bodyType: 'json',
  body: geminiGenerateContentRequestSchema,
};

/** Every /v1 and /v1beta route, keyed `METHOD /v1/path` with Hono's `:param`; a test checks the app's list. */
export const RELAY_ROUTE_DOCS: Readonly<Record<string, RelayRouteDoc>> = {
  'POST /v1/chat/completions': {
    summary: 'Chat Completions, streamed or not, on any channel type',
    reference: `${OPENAI}/chat/create`,
    bodyType: 'json',
    body: chatRequestSchema,
  },
  'POST /v1/messages': {
    summary: 'Anthropic Messages on any channel type (errors in Anthropic’s shape)',
    reference: 'https://docs.anthropic.com/en/api/messages',
    bodyType: 'json',
    body: anthropicMessagesRequestSchema,
  },
  'POST /v1/messages/count_tokens': {
    summary:
      'Count a Messages body’s input tokens (by Anthropic on its channels, else locally; not billed)',
    reference: 'https://docs.anthropic.com/en/api/messages-count-tokens',
    bodyType: 'json',
  },
  'GET /v1/models': {
    summary: 'The models this key may use (in Gemini’s shape to Google’s clients)',
    reference: `${OPENAI}/models/list`,
  },
  'GET /v1/models/:id': {
    summary: 'One model this key may use (in Gemini’s shape to Google’s clients)',
    reference: `${OPENAI}/models/retrieve`,
  },
  // @google/genai 2 and later call /v1; Gemini CLI and older SDKs /v1beta.
  'POST /v1/models/:target': GEMINI_METHODS,
  'POST /v1beta/models/:target': GEMINI_METHODS,
  'GET /v1beta/models': {
    summary: 'The models this key may use, in Gemini’s list shape',
    reference: `${GEMINI}/models`,
  },
  'GET /v1beta/models/:id': {
    summary: 'One model this key may use, in Gemini’s shape',
    reference: `${GEMINI}/models`,
  },
  'POST /v1/completions': {
    summary: 'Legacy completions',
    reference: `${OPENAI}/completions/create`,
    bodyType: 'json',
  },
  'POST /v1/embeddings': {
    summary: 'Embeddings',
    reference: `${OPENAI}/embeddings/create`,
    bodyType: 'json',
  },
  'POST /v1/images/generations': {
    summary: 'Generate images',
    reference: `${OPENAI}/images/create`,
    bodyType: 'json',
  },
  'POST /v1/images/edits': {
    summary: 'Edit an image',
    reference: `${OPENAI}/images/createEdit`,
    bodyType: 'multipart',
  },
  'POST /v1/audio/speech': {
    summary: 'Text to speech',
    reference: `${OPENAI}/audio/createSpeech`,
    bodyType: 'json',
  },
  'POST /v1/audio/transcriptions': {
    summary: 'Speech to text',
    reference: `${OPENAI}/audio/createTranscription`,
    bodyType: 'multipart',
  },
  'POST /v1/audio/translations': {
    summary: 'Speech to English text',
    reference: `${OPENAI}/audio/createTranslation`,
    bodyType: 'multipart',
  },
  'POST /v1/moderations': {
    summary: 'Moderation',
    reference: `${OPENAI}/moderations/create`,
    bodyType: 'json',
  },
  'POST /v1/rerank': {
    summary: 'Rerank documents against a query',
    reference: 'https://docs.cohere.com/reference/rerank',
    bodyType: 'json',
  },
  'POST /v1/responses': {
    summary: 'Responses API',
    reference: `${OPENAI}/responses/create`,
    bodyType: 'json',
  },
  // OpenAI retired these and no longer documents them; chat front ends still read balances here.
  'GET /v1/dashboard/billing/subscription': {
    summary: 'The key’s spending limit in USD, as OpenAI’s retired billing endpoint answered',
  },
  'GET /v1/dashboard/billing/usage': {
    summary: 'The key’s usage in US cents, as OpenAI’s retired billing endpoint answered',
  },
};
