import type { ResponsesRequestInput } from './responses-request-schema';

/** A function as the Responses API names it: a namespace tool's functions carry both. */
export interface ResponsesFunctionName {
  readonly name: string;
  readonly namespace?: string;
}

/**
 * Chat completions has no namespaces, so a namespace tool's functions are offered as flat
 * tools named `{namespace}__{name}`; a call to such a name is answered to the client as
 * the namespaced call it asked for. Only names a namespace tool of this request declared
 * are split, so a plain function whose name holds `__` is left alone.
 */
export interface ResponsesToolNames {
  toChatName(name: string, namespace?: string | null): string;
  fromChatName(chatName: string): ResponsesFunctionName;
}

const SEPARATOR = '__';

export function readResponsesToolNames(tools: ResponsesRequestInput['tools']): ResponsesToolNames {
  const namespaced = new Map<string, ResponsesFunctionName>();
  for (const tool of tools ?? []) {
    if (tool.type !== 'namespace') continue;
    const namespace = String(tool.name);
    for (const inner of (tool as { tools: Array<{ name?: unknown }> }).tools) {
      if (typeof inner.name !== 'string') continue;
      namespaced.set(`${namespace}${SEPARATOR}${inner.name}`, { name: inner.name, namespace });
    }
  }
  return {
    toChatName: (name, namespace) => (namespace ? `${namespace}${SEPARATOR}${name}` : name),
    fromChatName: (chatName) => namespaced.get(chatName) ?? { name: chatName },
  };
}
