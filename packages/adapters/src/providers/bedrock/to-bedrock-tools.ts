import type { ChatRequest } from '../../spec/openai-chat-request';
import type { BedrockConverseRequest, BedrockToolChoice } from './bedrock-api';

/**
 * Maps `tools` and `tool_choice` to Converse `toolConfig`. `tool_choice: "none"` drops the
 * tools altogether, since Converse has no way to offer tools and forbid calling them.
 */
export function toBedrockToolConfig(request: ChatRequest): BedrockConverseRequest['toolConfig'] {
  if (!request.tools || request.tools.length === 0 || request.tool_choice === 'none')
    return undefined;
  const tools = request.tools.map(({ function: fn }) => ({
    toolSpec: {
      name: fn.name,
      ...(fn.description !== undefined && { description: fn.description }),
      // Converse requires a schema; a function without parameters takes an empty object.
      inputSchema: { json: fn.parameters ?? { type: 'object', properties: {} } },
    },
  }));
  const toolChoice = toBedrockToolChoice(request.tool_choice);
  return { tools, ...(toolChoice && { toolChoice }) };
}

function toBedrockToolChoice(choice: ChatRequest['tool_choice']): BedrockToolChoice | undefined {
  if (choice === undefined || choice === 'none') return undefined;
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  return { tool: { name: choice.function.name } };
}
