// A coding agent's turn, about 60 KB (issue 17): the system prompt and tool docs an agent
// sends on every turn, and file excerpts in the conversation. Ordinary prose and code, read
// from this repository so that it is real text and the same for every run of one commit.
import { readFileSync } from 'node:fs';

const BODY_BYTES = 60 * 1024;
const read = (path) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

const SYSTEM = [
  'You are a coding agent working in a TypeScript monorepo. Read before you edit, keep each',
  'change small, run the tests that cover it, and explain what you changed and why.',
  'Here is the project documentation you may need:',
  '',
  read('docs/architecture.md'),
  read('docs/billing.md'),
].join('\n');

const tool = (name, description, properties, required = Object.keys(properties)) => ({
  name,
  description,
  schema: { type: 'object', properties, required },
});
const text = (description) => ({ type: 'string', description });
const TOOLS = [
  tool(
    'read_file',
    'Reads a file of the workspace, or a range of its lines. Use it before editing a file, and prefer reading a whole small module to guessing its contents.',
    {
      path: text('Path from the workspace root'),
      offset: { type: 'integer', description: 'First line, 1-based' },
      limit: { type: 'integer', description: 'How many lines' },
    },
    ['path'],
  ),
  tool(
    'edit_file',
    'Replaces one exact occurrence of a text in a file with another. The old text must match the file byte for byte, whitespace included, and occur exactly once; include enough context to make it unique.',
    {
      path: text('Path from the workspace root'),
      old_text: text('The exact text to replace'),
      new_text: text('What replaces it'),
    },
  ),
  tool(
    'write_file',
    'Creates a file, or replaces a whole file. Prefer edit_file for a change to an existing file: a whole rewrite loses what you did not read.',
    { path: text('Path from the workspace root'), content: text('The whole new content') },
  ),
  tool(
    'run',
    'Runs a shell command in the workspace and returns its exit code, standard output and standard error, each cut to its last 30,000 characters. Commands that wait for input fail; long ones time out after ten minutes.',
    {
      command: text('The command line'),
      timeout_seconds: { type: 'integer', description: 'At most 600' },
    },
    ['command'],
  ),
  tool(
    'search',
    'Searches the workspace for a regular expression (ripgrep syntax) and returns matching lines with their paths and line numbers, at most 200.',
    {
      pattern: text('A regular expression'),
      path: text('A folder or file to search in'),
      glob: text('Only files whose names match, e.g. *.ts'),
    },
    ['pattern'],
  ),
  tool(
    'list_files',
    'Lists the files under a folder whose paths match a glob, newest first, at most 500.',
    { pattern: text('A glob such as packages/**/src/*.ts') },
  ),
  tool(
    'fetch_url',
    'Fetches a public web page and returns its text, without scripts or styles, cut to 50,000 characters. For documentation and issue threads, not for APIs that need keys.',
    { url: text('An https URL') },
  ),
  tool(
    'todo',
    'Keeps the plan of the task: the steps, each pending, in progress or done. Update it as you go so the user sees where you are.',
    {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            step: text('What to do'),
            state: { type: 'string', enum: ['pending', 'in_progress', 'done'] },
          },
          required: ['step', 'state'],
        },
      },
    },
  ),
];

const EXCERPTS = [
  'packages/router/src/run-with-failover.ts',
  'packages/ledger/src/reservations/ledger-batcher.ts',
  'packages/adapters/src/core/create-provider-client.ts',
  'packages/ledger/src/quota.ts',
];

function userTurn(codeBytes) {
  let code = '';
  for (const path of EXCERPTS) code += `\n--- ${path}\n${read(path)}`;
  return [
    'The settlement of a stream cut by the client is billed twice when two instances recover',
    'the same lapsed lease. Find where it happens and fix it; here are the files involved:',
    code.slice(0, codeBytes),
  ].join('\n');
}

/** The two request bodies for `model`, each about 60 KB: OpenAI chat and Anthropic messages. */
export function agentBodies({ chatModel, messagesModel }) {
  const build = (codeBytes) => {
    const user = userTurn(codeBytes);
    return {
      chat: JSON.stringify({
        model: chatModel,
        max_tokens: 1024,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: user },
        ],
        tools: TOOLS.map(({ name, description, schema }) => ({
          type: 'function',
          function: { name, description, parameters: schema },
        })),
      }),
      messages: JSON.stringify({
        model: messagesModel,
        max_tokens: 1024,
        system: SYSTEM,
        messages: [{ role: 'user', content: user }],
        tools: TOOLS.map(({ name, description, schema }) => ({
          name,
          description,
          input_schema: schema,
        })),
      }),
    };
  };
  // Code grows in JSON (escaped quotes and line breaks): aim, then correct once.
  const aim = BODY_BYTES - Buffer.byteLength(build(0).chat);
  const overshoot = Buffer.byteLength(build(aim).chat) - BODY_BYTES;
  const bodies = build(Math.max(0, aim - overshoot));
  // The mock upstream streams when a body holds this text anywhere (mock-upstream.mjs).
  if (bodies.chat.includes('"stream":true') || bodies.messages.includes('"stream":true'))
    throw new Error('agent-request.mjs: an excerpt holds "stream":true; choose other files');
  return bodies;
}
