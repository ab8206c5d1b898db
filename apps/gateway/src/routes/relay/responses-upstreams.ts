import { readFileSync } from 'node:fs';
import type { FixtureReply, RecordedRequest } from '@oneapi/adapters/testing';

/*
 * A mock OpenAI (or Azure) Responses API upstream for the Responses ingress and Codex tests:
 * it answers with recorded captures, a function call first and text once the call's output
 * came back, and refuses what the real API refuses on that round trip: a function output
 * that answers no call in the input (the input must carry the call when nothing is stored),
 * and Chat Completions fields, which a passthrough must not have added.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** The recorded Azure text stream, framed as OpenAI frames it (`event:` equal to the type). */
const TEXT_STREAM = fixture('azure-responses-stream-text.chunks.jsonl')
  .split('\n')
  .filter(Boolean)
  .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
  .join('');

const refuse = (message: string, param: string): FixtureReply => ({
  status: 400,
  body: JSON.stringify({ error: { message, type: 'invalid_request_error', param, code: null } }),
});

type Item = { type?: string; call_id?: string };

export function answerAsOpenAIResponses({ body }: RecordedRequest): FixtureReply {
  const request = JSON.parse(body) as Record<string, unknown> & {
    input: string | Item[];
    stream?: boolean;
  };
  for (const field of ['messages', 'max_tokens'])
    if (field in request) return refuse(`Unsupported parameter: '${field}'.`, field);
  const items = typeof request.input === 'string' ? [] : request.input;
  const calls = new Set<string>();
  for (const item of items) {
    if (item.type === 'function_call') calls.add(item.call_id!);
    if (item.type === 'function_call_output' && !calls.has(item.call_id!))
      return refuse(
        `No tool call found for function call output with call_id ${item.call_id}.`,
        'input',
      );
  }
  const answered = items.at(-1)?.type === 'function_call_output';
  if (request.stream)
    return {
      headers: { 'content-type': 'text/event-stream' },
      body: answered ? TEXT_STREAM : fixture('responses-stream-function-call.sse'),
      // Cut inside events, to exercise the parsers on both sides.
      splitAt: [5, 130, 131, 700],
    };
  return {
    body: fixture(answered ? 'azure-responses-text.json' : 'azure-responses-tool-call.json'),
  };
}
