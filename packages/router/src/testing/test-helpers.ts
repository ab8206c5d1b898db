// Shared by the tests only (not exported from the package).
import { AdapterError, type ChatCompletion, type StreamEvent } from '@oneapi/adapters';
import type { Channel } from '../channel';
import { createManualClock } from '../clock';
import { createRouter } from '../create-router';
import type { HealthEvent } from '../health/health-events';
import type { RouterPolicyInput } from '../policy';
import type { AttemptCall, UpstreamExecutor } from '../ports';
import { createSeededRandom } from '../random';
import { createStaticChannelSource } from '../static-channel-source';

export function makeChannel(id: number, overrides: Partial<Channel> = {}): Channel {
  return {
    id,
    type: 'openai',
    name: `channel-${id}`,
    keys: [`sk-test-${id}`],
    models: ['gpt-4o'],
    groups: ['default'],
    ...overrides,
  };
}

export function makeCompletion(text = 'ok'): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  } as ChatCompletion;
}

export const upstreamError = (code: AdapterError['code'], retryAfterMs?: number) =>
  new AdapterError(code, `Upstream error (${code})`, {
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });

/** What the fake upstream does for one call: answer, fail, or never answer (until aborted). */
export type FakeOutcome =
  | { readonly ok: string }
  | { readonly fail: AdapterError }
  | { readonly hang: true }
  | { readonly events: readonly (StreamEvent | 'hang')[] };

/** An in-process executor: `script` decides each call's fate; every call is recorded. */
export function createFakeExecutor(script: (call: AttemptCall) => FakeOutcome) {
  const calls: AttemptCall[] = [];
  const executor: UpstreamExecutor = {
    async chat(call) {
      calls.push(call);
      const outcome = script(call);
      if ('ok' in outcome) return makeCompletion(outcome.ok);
      if ('fail' in outcome) throw outcome.fail;
      return new Promise<never>((_, reject) => {
        call.signal.addEventListener('abort', () => reject(call.signal.reason));
      });
    },
    async stream(call) {
      calls.push(call);
      const outcome = script(call);
      if ('fail' in outcome) throw outcome.fail;
      if ('hang' in outcome)
        return new Promise<never>((_, reject) => {
          call.signal.addEventListener('abort', () => reject(call.signal.reason));
        });
      const events = 'events' in outcome ? outcome.events : textEvents(outcome.ok);
      return replay(events, call.signal);
    },
  };
  return { executor, calls };
}

export function textEvents(text: string): StreamEvent[] {
  return [
    { type: 'start', id: 'c1', model: 'gpt-4o' },
    { type: 'text-delta', choice: 0, text },
    { type: 'finish', choice: 0, reason: 'stop' },
  ];
}

async function* replay(
  events: readonly (StreamEvent | 'hang')[],
  signal: AbortSignal,
): AsyncGenerator<StreamEvent> {
  for (const event of events) {
    if (event === 'hang') {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      yield { type: 'error', error: new AdapterError('aborted', 'The request was cancelled') };
      return;
    }
    yield event;
  }
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setImmediate(resolve));

export const request = (model = 'gpt-4o', stream = false) => ({
  model,
  messages: [{ role: 'user' as const, content: 'hi' }],
  stream,
});

/** A router over a fake executor, a manual clock and a seeded random. */
export function setupRouter(
  channels: Channel[],
  script: (call: AttemptCall) => FakeOutcome,
  policy: RouterPolicyInput = {},
) {
  const clock = createManualClock(0);
  const events: HealthEvent[] = [];
  const fake = createFakeExecutor(script);
  const router = createRouter({
    source: createStaticChannelSource(channels),
    executor: fake.executor,
    clock,
    random: createSeededRandom(7),
    policy,
    onHealthEvent: (event) => events.push(event),
  });
  return { router, clock, events, calls: fake.calls };
}

export const streamRequest = (model = 'gpt-4o') => ({ ...request(model), stream: true as const });
