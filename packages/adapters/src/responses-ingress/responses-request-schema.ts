import { z } from 'zod';

/*
 * What a Responses API client (the openai SDK's `responses.create`, Codex) sends to
 * POST /v1/responses, as far as a translation to chat completions reads it. Loose objects:
 * OpenAI adds fields often, and a field the translation does not carry is ignored rather
 * than refused; what cannot be carried at all (server-side tools, stored state) is refused
 * by `toCanonicalRequestFromResponses`, which names the field.
 */

const inputText = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const outputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const inputImage = z.looseObject({
  type: z.literal('input_image'),
  /** An https URL or a data: URL; `file_id` (OpenAI's file store) has no meaning elsewhere. */
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const inputFile = z.looseObject({
  type: z.literal('input_file'),
  /** A data: URL or bare base64. */
  file_data: z.string().nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});

export const responsesContentPartSchema = z.discriminatedUnion('type', [
  inputText,
  outputText,
  refusal,
  inputImage,
  inputFile,
]);

/** A message item; `type` may be left out (the SDK's "easy input message"). */
const messageItem = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(responsesContentPartSchema)]),
});

const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  /** The id the tool result answers (`call_...`); not the item's own `id` (`fc_...`). */
  call_id: z.string().min(1),
  name: z.string().min(1),
  /** The tool's namespace, for a function of a `namespace` tool. */
  namespace: z.string().nullish(),
  /** A JSON text. */
  arguments: z.string(),
});

const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(responsesContentPartSchema)]),
});

const TRANSLATED_ITEMS = ['message', 'function_call', 'function_call_output'];

/** Any other item: reasoning (dropped), or a kind the translation refuses by name. */
const otherItem = z.looseObject({
  type: z.string().refine((type) => !TRANSLATED_ITEMS.includes(type), 'is not well formed'),
});

export const responsesInputItemSchema = z.union([
  messageItem,
  functionCallItem,
  functionCallOutputItem,
  otherItem,
]);

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** Function tools grouped under a name the model calls them by (Codex's sub-agent tools). */
const namespaceTool = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  description: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })),
});

/** A built-in tool (web_search, file_search, ...): run by OpenAI's servers. */
const otherTool = z.looseObject({
  type: z
    .string()
    .refine((type) => type !== 'function' && type !== 'namespace', 'is not well formed'),
});

export const responsesToolSchema = z.union([functionTool, namespaceTool, otherTool]);

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  input: z.union([z.string(), z.array(responsesInputItemSchema)]),
  /** The system prompt. */
  instructions: z.string().nullish(),
  tools: z.array(responsesToolSchema).nullish(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ type: z.string(), name: z.string().optional() }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
      summary: z.string().nullish(),
    })
    .nullish(),
  text: z
    .looseObject({
      format: z
        .looseObject({
          type: z.enum(['text', 'json_object', 'json_schema']),
          name: z.string().optional(),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  stream: z.boolean().nullish(),
  /** Continues a conversation the server stored: refused on translated paths. */
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  /** Accepted and ignored on translated paths: nothing is stored there. */
  store: z.boolean().nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

export type ResponsesRequestInput = z.infer<typeof responsesRequestSchema>;
export type ResponsesInputItem = z.infer<typeof responsesInputItemSchema>;
export type ResponsesContentPart = z.infer<typeof responsesContentPartSchema>;
