// An OpenAI-compatible /v1/chat/completions in front of two upstream channels: the router
// picks the primary (higher priority), and fails over to the backup when the primary errs.
// The channel list is this program's own: any object with getChannels() and subscribe().
import { createServer } from 'node:http';
import * as adapters from '@oneapi/adapters';
import { createRouter, isRouterError } from '@oneapi/router';

/** An in-memory channel source; a real server would read a database or a config file. */
function createMemoryChannelSource(initial) {
  let channels = initial;
  const listeners = new Set();
  return {
    getChannels: () => channels,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    replace(next) {
      channels = next;
      for (const onChange of listeners) onChange();
    },
  };
}

const source = createMemoryChannelSource([
  {
    id: 1,
    name: 'primary',
    type: 'openai',
    baseUrl: process.env.PRIMARY_BASE_URL ?? 'https://api.openai.com',
    keys: [process.env.PRIMARY_API_KEY ?? 'sk-primary'],
    groups: ['default'],
    models: ['gpt-4o-mini'],
    priority: 10,
  },
  {
    id: 2,
    name: 'backup',
    type: process.env.BACKUP_TYPE ?? 'anthropic',
    baseUrl: process.env.BACKUP_BASE_URL ?? 'https://api.anthropic.com',
    keys: [process.env.BACKUP_API_KEY ?? 'sk-ant-backup'],
    groups: ['default'],
    models: ['gpt-4o-mini'],
    // The backup speaks another format and names the model its own way.
    modelMapping: { 'gpt-4o-mini': process.env.BACKUP_MODEL ?? 'claude-haiku-4-5' },
    priority: 0,
  },
]);

const router = createRouter({ source, adapters, policy: { maxRetries: 1 } });

function send(outgoing, status, body) {
  outgoing.writeHead(status, { 'content-type': 'application/json' });
  outgoing.end(JSON.stringify(body));
}

const server = createServer(async (incoming, outgoing) => {
  if (incoming.method !== 'POST' || incoming.url !== '/v1/chat/completions') {
    return send(outgoing, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
  }
  let text = '';
  for await (const chunk of incoming) text += chunk;
  const parsed = adapters.chatRequestSchema.safeParse(JSON.parse(text || 'null'));
  if (!parsed.success) {
    return send(outgoing, 400, {
      error: { message: 'Invalid request', type: 'invalid_request_error' },
    });
  }
  const request = parsed.data;
  const abort = new AbortController();
  outgoing.on('close', () => abort.abort());
  try {
    const result = await router.dispatch(request, { group: 'default', signal: abort.signal });
    // Which channels were tried, for the curious: the router never exposes keys.
    const tried = result.attempts.map((attempt) => `${attempt.channelName}:${attempt.outcome}`);
    if (result.kind === 'completion') {
      outgoing.writeHead(200, {
        'content-type': 'application/json',
        'x-attempts': tried.join(','),
      });
      return outgoing.end(JSON.stringify(result.completion));
    }
    outgoing.writeHead(200, { 'content-type': 'text/event-stream', 'x-attempts': tried.join(',') });
    const includeUsage = request.stream_options?.include_usage === true;
    const encoder = adapters.createOpenAIChunkEncoder({ model: request.model, includeUsage });
    for await (const event of result.events) {
      for (const frame of encoder.encode(event)) outgoing.write(frame);
    }
    for (const frame of encoder.end()) outgoing.write(frame);
    outgoing.end();
  } catch (error) {
    if (!isRouterError(error)) throw error;
    send(outgoing, error.status, error.toOpenAIError());
  }
});

const port = Number(process.env.PORT ?? 8080);
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => {
  router.close();
  server.close(() => process.exit(0));
});
