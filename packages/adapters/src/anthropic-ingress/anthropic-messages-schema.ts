import { z } from 'zod';

/* What an Anthropic client (the Anthropic SDK, Claude Code) sends to POST /v1/messages. */

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });

const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.string() }),
  ]),
});

const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({
    type: z.string(),
    media_type: z.string().optional(),
    data: z.string().optional(),
  }),
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.union([textBlock, imageBlock]))]).optional(),
  is_error: z.boolean().optional(),
});

const thinkingBlock = z.looseObject({
  type: z.enum(['thinking', 'redacted_thinking']),
});

export const anthropicContentBlockSchema = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
]);

export const anthropicMessagesRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  max_tokens: z.number().int().min(1),
  messages: z
    .array(
      z.looseObject({
        // `system`: mid-conversation system messages (the API's mid-conversation-system beta,
        // which Claude Code uses); translated paths place them as the target allows.
        role: z.enum(['user', 'assistant', 'system']),
        content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  tools: z
    .array(
      z.looseObject({
        name: z.string(),
        description: z.string().optional(),
        input_schema: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  tool_choice: z
    .looseObject({
      type: z.enum(['auto', 'any', 'tool', 'none']),
      name: z.string().optional(),
      disable_parallel_tool_use: z.boolean().optional(),
    })
    .optional(),
  thinking: z
    .union([
      z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1) }),
      // `adaptive`: the model decides how much to think, guided by `output_config.effort`
      // (Claude Code's default on current models).
      z.looseObject({ type: z.literal('adaptive') }),
      z.looseObject({ type: z.literal('disabled') }),
    ])
    .optional(),
  output_config: z.looseObject({ effort: z.string().optional() }).optional(),
  metadata: z.looseObject({ user_id: z.string().optional() }).optional(),
});

export type AnthropicMessagesInput = z.infer<typeof anthropicMessagesRequestSchema>;
export type AnthropicContentBlockInput = z.infer<typeof anthropicContentBlockSchema>;
