import { describe, expect, it } from 'vitest';
import { curlSnippet, gatewayBaseUrl, openAiPythonSnippet } from './snippets';

describe('snippets for a new key', () => {
  const origin = 'https://llm.example.com/';
  const key = 'sk-abc123';

  it('points at the gateway’s /v1', () => {
    expect(gatewayBaseUrl(origin)).toBe('https://llm.example.com/v1');
  });

  it('builds a curl command with the key and model', () => {
    expect(curlSnippet(origin, key, 'gpt-4o-mini')).toBe(
      [
        `curl 'https://llm.example.com/v1/chat/completions' \\`,
        `  -H 'Authorization: Bearer sk-abc123' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'`,
      ].join('\n'),
    );
  });

  it('quotes a model name with a single quote safely for the shell', () => {
    expect(curlSnippet(origin, key, "it's")).toContain(`"model":"it'\\''s"`);
  });

  it('builds an OpenAI Python SDK example', () => {
    const python = openAiPythonSnippet(origin, key, 'gpt-4o-mini');
    expect(python).toContain(
      'client = OpenAI(base_url="https://llm.example.com/v1", api_key="sk-abc123")',
    );
    expect(python).toContain('model="gpt-4o-mini",');
  });
});
