import { z } from 'zod';

/*
 * What a Gemini client (the @google/genai SDK, Gemini CLI) sends to
 * POST /v1beta/models/{model}:generateContent. Loose objects: Google adds fields without
 * notice, and a field this gateway does not translate is ignored rather than refused.
 * Only the JSON (camelCase) names are read, which is what Google's SDKs send, except for
 * the two JSON Schema fields, which Google's Python SDK sends in snake_case
 * (`parameters_json_schema` in pydantic-ai's recorded Gemini 3 request).
 */

const blob = z.looseObject({ mimeType: z.string(), data: z.string() });

export const geminiPartSchema = z.looseObject({
  text: z.string().optional(),
  /** True on thought summaries the model wrote; replayed history may carry them. */
  thought: z.boolean().optional(),
  /** Opaque bytes (base64) Gemini 3 needs back with the part it came on. */
  thoughtSignature: z.string().optional(),
  inlineData: blob.optional(),
  fileData: z.looseObject({ fileUri: z.string(), mimeType: z.string().optional() }).optional(),
  functionCall: z
    .looseObject({
      id: z.string().optional(),
      name: z.string().min(1),
      args: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  functionResponse: z
    .looseObject({
      id: z.string().optional(),
      name: z.string().min(1),
      response: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export const geminiContentSchema = z.looseObject({
  /** Absent means user; `function` is the pre-v1beta role for function responses. */
  role: z.enum(['user', 'model', 'function']).optional(),
  parts: z.array(geminiPartSchema),
});

const functionDeclaration = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** OpenAPI subset; types may be UPPERCASE (`OBJECT`). */
  parameters: z.record(z.string(), z.unknown()).optional(),
  /** Full JSON Schema. */
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
  parameters_json_schema: z.record(z.string(), z.unknown()).optional(),
});

export const geminiToolSchema = z.looseObject({
  functionDeclarations: z.array(functionDeclaration).optional(),
});

export const geminiGenerationConfigSchema = z.looseObject({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().optional(),
  maxOutputTokens: z.number().int().min(1).optional(),
  stopSequences: z.array(z.string()).optional(),
  candidateCount: z.number().int().min(1).max(8).optional(),
  seed: z.number().int().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  responseMimeType: z.string().optional(),
  responseSchema: z.record(z.string(), z.unknown()).optional(),
  responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
  response_json_schema: z.record(z.string(), z.unknown()).optional(),
  thinkingConfig: z
    .looseObject({
      includeThoughts: z.boolean().optional(),
      /** Gemini 2.5: tokens; 0 turns thinking off, -1 lets the model decide. */
      thinkingBudget: z.number().int().min(-1).optional(),
      /** Gemini 3. */
      thinkingLevel: z.string().optional(),
    })
    .optional(),
});

export const geminiGenerateContentRequestSchema = z.looseObject({
  contents: z.array(geminiContentSchema).min(1),
  systemInstruction: z.looseObject({ parts: z.array(geminiPartSchema) }).optional(),
  tools: z.array(geminiToolSchema).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({
          mode: z.string().optional(),
          allowedFunctionNames: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  generationConfig: geminiGenerationConfigSchema.optional(),
});

/** countTokens takes either bare contents or a whole generateContent request. */
export const geminiCountTokensRequestSchema = z.looseObject({
  contents: z.array(geminiContentSchema).optional(),
  generateContentRequest: geminiGenerateContentRequestSchema
    .extend({ model: z.string().optional() })
    .optional(),
});

export type GeminiPartInput = z.infer<typeof geminiPartSchema>;
export type GeminiContentInput = z.infer<typeof geminiContentSchema>;
export type GeminiGenerateContentInput = z.infer<typeof geminiGenerateContentRequestSchema>;
export type GeminiCountTokensInput = z.infer<typeof geminiCountTokensRequestSchema>;
