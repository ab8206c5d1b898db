// Streams one chat from an Anthropic-format and a Gemini-format upstream and prints both in
// OpenAI's server-sent-event format, as an OpenAI client would receive them. Nothing else of
// oneapi is needed: no database, no server.
import { createOpenAIChunkEncoder, createProviderClient, getProvider } from '@oneapi/adapters';

const upstreams = [
  {
    type: 'anthropic',
    model: 'claude-sonnet-4-5',
    baseUrl: process.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
    apiKey: process.env.ANTHROPIC_API_KEY,
  },
  {
    type: 'gemini',
    model: 'gemini-2.5-flash',
    baseUrl: process.env.GEMINI_BASE_URL ?? 'https://generativelanguage.googleapis.com',
    apiKey: process.env.GEMINI_API_KEY,
  },
];

for (const upstream of upstreams) {
  if (!upstream.apiKey) {
    console.error(`skipping ${upstream.type}: set its API key (see README.md)`);
    continue;
  }
  const client = createProviderClient({
    adapter: getProvider(upstream.type),
    target: { baseUrl: upstream.baseUrl, apiKey: upstream.apiKey, config: {} },
  });
  const request = {
    model: upstream.model,
    messages: [{ role: 'user', content: 'How many r are in strawberry?' }],
    stream: true,
    stream_options: { include_usage: true },
  };
  // One encoder per stream: the role in the first delta, usage when asked, [DONE] last.
  const encoder = createOpenAIChunkEncoder({ model: request.model, includeUsage: true });
  console.log(`# ${upstream.type} (${upstream.baseUrl})`);
  for await (const event of await client.stream(request)) {
    for (const frame of encoder.encode(event)) process.stdout.write(frame);
  }
  for (const frame of encoder.end()) process.stdout.write(frame);
}
