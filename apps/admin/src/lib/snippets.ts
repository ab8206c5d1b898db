/**
 * Ready-to-paste examples shown beside a newly created key. They are text for a <pre>, never
 * HTML; the key and model are quoted for the shell (single quotes) and for Python.
 */

/** The OpenAI-compatible base URL of this gateway, from the dashboard's own origin. */
export const gatewayBaseUrl = (origin: string) => `${origin.replace(/\/+$/, '')}/v1`;

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const pythonQuote = (text: string) => JSON.stringify(text);

export function curlSnippet(origin: string, key: string, model: string): string {
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello' }] });
  return [
    `curl ${shellQuote(`${gatewayBaseUrl(origin)}/chat/completions`)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${key}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

export function openAiPythonSnippet(origin: string, key: string, model: string): string {
  return [
    'from openai import OpenAI',
    '',
    `client = OpenAI(base_url=${pythonQuote(gatewayBaseUrl(origin))}, api_key=${pythonQuote(key)})`,
    'reply = client.chat.completions.create(',
    `    model=${pythonQuote(model)},`,
    '    messages=[{"role": "user", "content": "Hello"}],',
    ')',
    'print(reply.choices[0].message.content)',
  ].join('\n');
}
