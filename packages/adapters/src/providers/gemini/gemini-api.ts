import { z } from 'zod';

/*
 * The slice of the Gemini generateContent wire format this adapter writes and reads
 * (generativelanguage v1beta; Vertex AI uses the same bodies). Schemas for what we read
 * are loose: Google adds fields (createTime, trafficType, turnToken...) without notice.
 */

// ---- request (written by us, so plain types) ----

export type GeminiPart =
  | { text: string; thought?: boolean }
  | { inlineData: { mimeType: string; data: string } }
  | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Full JSON Schema, accepted as is (unlike `parameters`, an OpenAPI subset). */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiToolConfig {
  functionCallingConfig: {
    mode: 'AUTO' | 'ANY' | 'NONE';
    allowedFunctionNames?: string[];
  };
}

export type GeminiThinkingConfig =
  | { thinkingBudget: number }
  | { thinkingLevel: 'minimal' | 'low' | 'medium' | 'high' };

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  candidateCount?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

// ---- response (read by us, so zod) ----

/** One fragment of streamed function-call arguments (Vertex `streamFunctionCallArguments`). */
export const geminiPartialArgSchema = z.looseObject({
  jsonPath: z.string(),
  stringValue: z.string().optional(),
  numberValue: z.number().optional(),
  boolValue: z.boolean().optional(),
  nullValue: z.unknown().optional(),
  willContinue: z.boolean().optional(),
});

export const geminiFunctionCallSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  partialArgs: z.array(geminiPartialArgSchema).optional(),
  /** True while more fragments of this call are coming. */
  willContinue: z.boolean().optional(),
});

export const geminiResponsePartSchema = z.looseObject({
  text: z.string().optional(),
  /** True on thought-summary parts (only sent with thinkingConfig.includeThoughts). */
  thought: z.boolean().optional(),
  functionCall: geminiFunctionCallSchema.optional(),
  /** Gemini 3: must come back with the call when it is replayed (see gemini-thought-signature.ts). */
  thoughtSignature: z.string().optional(),
});

export const geminiCandidateSchema = z.looseObject({
  content: z.looseObject({ parts: z.array(geminiResponsePartSchema).optional() }).optional(),
  finishReason: z.string().optional(),
  /** Absent on the first (often only) candidate. */
  index: z.number().int().optional(),
});

export const geminiUsageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
  /** The prompt's tokens by modality (TEXT, IMAGE, AUDIO, VIDEO, DOCUMENT). */
  promptTokensDetails: z
    .array(z.looseObject({ modality: z.string().optional(), tokenCount: z.number().optional() }))
    .optional(),
});

export const geminiResponseSchema = z.looseObject({
  candidates: z.array(geminiCandidateSchema).optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: geminiUsageMetadataSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
  /** Vertex only: RFC 3339 timestamp. */
  createTime: z.string().optional(),
});

export const geminiErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    /** google.rpc.Code name, e.g. RESOURCE_EXHAUSTED. */
    status: z.string().optional(),
    details: z
      .array(
        z.looseObject({
          '@type': z.string().optional(),
          /** google.rpc.ErrorInfo, e.g. API_KEY_INVALID. */
          reason: z.string().optional(),
          /** google.rpc.RetryInfo, a protobuf Duration such as "34.4s". */
          retryDelay: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

export type GeminiPartialArg = z.infer<typeof geminiPartialArgSchema>;
export type GeminiFunctionCall = z.infer<typeof geminiFunctionCallSchema>;
export type GeminiResponsePart = z.infer<typeof geminiResponsePartSchema>;
export type GeminiCandidate = z.infer<typeof geminiCandidateSchema>;
export type GeminiUsageMetadata = z.infer<typeof geminiUsageMetadataSchema>;
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;
export type GeminiErrorBody = z.infer<typeof geminiErrorBodySchema>;
