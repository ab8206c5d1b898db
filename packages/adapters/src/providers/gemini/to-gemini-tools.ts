import type { ChatRequest, ChatTool, ChatToolChoice } from '../../spec/openai-chat-request';
import type { GeminiFunctionDeclaration, GeminiRequest, GeminiToolConfig } from './gemini-api';

/** `tools` and `tool_choice` as Gemini function declarations and a function-calling mode. */
export function toGeminiTools(request: ChatRequest): Pick<GeminiRequest, 'tools' | 'toolConfig'> {
  if (!request.tools || request.tools.length === 0) return {};
  return {
    tools: [{ functionDeclarations: request.tools.map(toFunctionDeclaration) }],
    ...(request.tool_choice ? { toolConfig: toToolConfig(request.tool_choice) } : {}),
  };
}

function toFunctionDeclaration(tool: ChatTool): GeminiFunctionDeclaration {
  const { name, description, parameters } = tool.function;
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    // `parametersJsonSchema` takes the caller's JSON Schema as is. The older `parameters`
    // field is an OpenAPI subset that rejects common keywords (additionalProperties,
    // $ref, type arrays), so converting into it would lose or break real tool schemas.
    ...(parameters !== undefined ? { parametersJsonSchema: parameters } : {}),
  };
}

function toToolConfig(choice: ChatToolChoice): GeminiToolConfig {
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  // A named function: ANY forces a call, and the allow-list narrows it to that one.
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
}
