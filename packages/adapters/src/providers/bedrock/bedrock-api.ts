import { z } from 'zod';

/*
 * The slice of the Bedrock Converse / ConverseStream wire format this adapter uses.
 * Request shapes are plain types (we write them); what we read is a loose zod schema,
 * so fields Bedrock adds later pass through unnoticed.
 */

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export type BedrockContentBlock =
  | { text: string }
  | { image: { format: BedrockImageFormat; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string }> } };

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export interface BedrockToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: unknown } };
}

export type BedrockToolChoice = { auto: object } | { any: object } | { tool: { name: string } };

export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/** The body of `POST /model/{modelId}/converse` and `/converse-stream`. */
export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: Array<{ text: string }>;
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: { tools: BedrockToolSpec[]; toolChoice?: BedrockToolChoice };
  /** Model-specific fields passed through to the model (Claude's `thinking`). */
  additionalModelRequestFields?: Record<string, unknown>;
}

/** Token counts; the cache fields appear only for models with prompt caching. */
export const bedrockUsageSchema = z.looseObject({
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number().optional(),
  cacheReadInputTokens: z.number().optional(),
  cacheWriteInputTokens: z.number().optional(),
});

const toolUseSchema = z.looseObject({
  toolUseId: z.string(),
  name: z.string(),
  input: z.unknown(),
});

const responseBlockSchema = z.looseObject({
  text: z.string().optional(),
  toolUse: toolUseSchema.optional(),
  reasoningContent: z
    .looseObject({
      reasoningText: z
        .looseObject({ text: z.string().optional(), signature: z.string().optional() })
        .optional(),
    })
    .optional(),
});

/** A successful Converse response. */
export const bedrockConverseResponseSchema = z.looseObject({
  output: z.looseObject({
    message: z.looseObject({ role: z.string(), content: z.array(responseBlockSchema) }),
  }),
  stopReason: z.string(),
  usage: bedrockUsageSchema.optional(),
});

export type BedrockConverseResponse = z.infer<typeof bedrockConverseResponseSchema>;

/*
 * ConverseStream payloads, one per event-stream frame, keyed by the `:event-type` header.
 * Only the events that carry something we emit are described.
 */
export const bedrockStreamPayloadSchemas = {
  messageStart: z.looseObject({ role: z.string().optional() }),
  contentBlockStart: z.looseObject({
    contentBlockIndex: z.number(),
    start: z
      .looseObject({
        toolUse: z.looseObject({ toolUseId: z.string(), name: z.string() }).optional(),
      })
      .optional(),
  }),
  contentBlockDelta: z.looseObject({
    contentBlockIndex: z.number(),
    delta: z.looseObject({
      text: z.string().optional(),
      toolUse: z.looseObject({ input: z.string() }).optional(),
      reasoningContent: z
        .looseObject({ text: z.string().optional(), signature: z.string().optional() })
        .optional(),
    }),
  }),
  contentBlockStop: z.looseObject({ contentBlockIndex: z.number() }),
  messageStop: z.looseObject({ stopReason: z.string() }),
  metadata: z.looseObject({ usage: bedrockUsageSchema.optional() }),
} as const;

export type BedrockStreamEventName = keyof typeof bedrockStreamPayloadSchemas;

/** Error bodies: `{"message": ...}`; some front ends send `Message` or a `__type`. */
export const bedrockErrorBodySchema = z.looseObject({
  message: z.string().optional(),
  Message: z.string().optional(),
  __type: z.string().optional(),
});
