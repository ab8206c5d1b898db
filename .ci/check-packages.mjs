#!/usr/bin/env node
// The packages as a user meets them: packed as `pnpm pack` publishes them (sizes printed),
// checked with publint and arethetypeswrong, searched for test code (files, and the sources
// their source maps name), installed from the tarballs into a scratch project outside the
// workspace (no workspace links), and the examples/ run there against local upstreams that
// replay recorded provider answers; @oneapi/storage is also installed with pg alone.
// Run after a build: `pnpm build && pnpm check:packages` (CI runs it after `pnpm test`).
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const pnpmVersion = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];
const scratch = mkdtempSync(join(tmpdir(), 'oneapi-packages-'));
const failures = [];

const log = (line) => console.log(`[packages] ${line}`);
const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
const bin = (name) => join(root, 'node_modules', '.bin', name);

// Paths no published package may contain, as files or as the sources its source maps
// name: tests, recorded fixtures, test-only helpers (kits, test-helpers, test support), src/.
const TEST_CODE =
  /(\.test\.|\.spec\.|__fixtures__|__tests__|test-helpers|test-support|test-fixtures|-kit\.|(^|\/)src\/)/;
// Test-only folders; a package may ship its `testing/` only as a documented public subpath.
const TESTING_FOLDER = /(^|\/)testing\//;

/** Each example's program, copied whole into the README of the package it shows. */
const EXAMPLES_IN_READMES = [
  ['packages/adapters/README.md', 'examples/stream-any-provider/index.mjs'],
  ['packages/router/README.md', 'examples/router-server/server.mjs'],
];

try {
  versionDryRun();
  const tarballs = packPackages();
  for (const [name, tarball] of tarballs) checkTarball(name, tarball);
  checkReadmesShowExamples();
  await runExamples(tarballs);
  await checkStorageWithOneDriver(tarballs.get('@oneapi/storage'));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`[packages] FAIL ${failure}`);
  console.log(`0 passed, ${failures.length} failed`);
  process.exit(1);
}
log(
  'every package packs clean, both examples run from the tarballs, storage installs with one driver',
);

/**
 * `changeset version` on a copy of the manifests and the pending changesets: every changeset
 * must parse and name a package of the workspace, and the next versions are printed.
 */
function versionDryRun() {
  const copy = join(scratch, 'versions');
  const manifests = ['packages', 'apps'].flatMap((area) =>
    readdirSync(join(root, area)).map((folder) => join(area, folder, 'package.json')),
  );
  for (const file of ['package.json', 'pnpm-workspace.yaml', ...manifests]) {
    mkdirSync(join(copy, file, '..'), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
  const pending = readdirSync(join(copy, '.changeset')).filter((file) => file.endsWith('.md'));
  try {
    run(bin('changeset'), ['version'], { cwd: copy });
  } catch (error) {
    failures.push(`changeset version:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    return;
  }
  const next = manifests.map((file) => {
    const manifest = JSON.parse(readFileSync(join(copy, file), 'utf8'));
    return `${manifest.name} ${manifest.version}`;
  });
  log(`changeset version (dry run) over ${pending.length} changesets: ${next.join(', ')}`);
}

/** `pnpm pack` of every publishable package: workspace:* becomes a version, as on publish. */
function packPackages() {
  const destination = join(scratch, 'tarballs');
  mkdirSync(destination);
  const tarballs = new Map();
  for (const folder of readdirSync(join(root, 'packages'))) {
    const directory = join(root, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const before = new Set(readdirSync(destination));
    run('npx', ['--yes', `pnpm@${pnpmVersion}`, 'pack', '--pack-destination', destination], {
      cwd: directory,
    });
    const created = readdirSync(destination).find((file) => !before.has(file));
    const tarball = join(destination, created);
    tarballs.set(manifest.name, tarball);
    const unpackedBytes = run('tar', ['-tzvf', tarball])
      .split('\n')
      .filter(Boolean)
      .reduce((sum, line) => sum + Number(line.split(/\s+/)[2] ?? 0), 0);
    log(
      `${manifest.name}: ${created}, ${(statSync(tarball).size / 1024).toFixed(1)} KiB packed, ${(unpackedBytes / 1024).toFixed(1)} KiB unpacked`,
    );
  }
  return tarballs;
}

function checkTarball(name, tarball) {
  const files = run('tar', ['-tzf', tarball]).split('\n').filter(Boolean);
  const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']));
  const publicTesting = Object.keys(manifest.exports ?? {}).some((path) =>
    path.startsWith('./testing'),
  );
  const isTestCode = (path) =>
    TEST_CODE.test(path) || (!publicTesting && TESTING_FOLDER.test(path));
  const testFiles = files.filter((file) => isTestCode(file.replace(/^package\//, '')));
  if (testFiles.length > 0) failures.push(`${name} ships test code: ${testFiles.join(', ')}`);
  const workspaceRanges = Object.entries({
    ...manifest.dependencies,
    ...manifest.peerDependencies,
  }).filter(([, range]) => String(range).startsWith('workspace:'));
  if (workspaceRanges.length > 0) failures.push(`${name} still has workspace: ranges`);
  log(`${name}: ${files.length} files`);

  const unpacked = join(scratch, 'unpacked', name.replace('/', '__'));
  mkdirSync(unpacked, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
  checkSourceMaps(name, unpacked, files, isTestCode);
  checkTool(`publint ${name}`, bin('publint'), [unpacked, '--pack', 'false', '--strict']);
  checkTool(`attw ${name}`, bin('attw'), [
    tarball,
    '--profile',
    'esm-only',
    '--format',
    'table',
    '--no-emoji',
    '--no-color',
  ]);
}

/**
 * A source map names the modules bundled into its file: none may be test code (a helper
 * reached from an entry ships even when its file does not), and each must be readable,
 * embedded (sourcesContent) since src/ is not published.
 */
function checkSourceMaps(name, unpacked, files, isTestCode) {
  const maps = files.filter((file) => file.endsWith('.map'));
  const before = failures.length;
  let sources = 0;
  for (const file of maps) {
    const path = join(unpacked, file.replace(/^package\//, ''));
    const map = JSON.parse(readFileSync(path, 'utf8'));
    for (const [index, source] of (map.sources ?? []).entries()) {
      sources += 1;
      const resolved = join(path, '..', map.sourceRoot ?? '', source);
      const relative = resolved.startsWith(unpacked) ? resolved.slice(unpacked.length + 1) : null;
      // The package's own modules, as the repository lays them out (src/ is fine here).
      const inPackage = relative ?? source.replace(/^(\.\.\/)+/, '');
      if (!source.includes('node_modules') && isTestCode(inPackage.replace(/^src\//, '')))
        failures.push(`${name} bundles test code into ${file}: ${source}`);
      const embedded = typeof map.sourcesContent?.[index] === 'string';
      if (!embedded && !existsSync(resolved))
        failures.push(
          `${name}: ${file} points at ${source}, which is neither shipped nor embedded`,
        );
    }
  }
  if (failures.length === before)
    log(`${name}: ${maps.length} source maps over ${sources} sources, all embedded, no test code`);
}

function checkTool(label, command, args) {
  try {
    const output = run(command, args);
    // attw exits non-zero on any problem its profile does not ignore (ESM only: no CJS).
    log(`${label}: ${/All good!/.exec(output)?.[0] ?? 'no problems'}`);
  } catch (error) {
    failures.push(`${label}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

/** The READMEs show the code CI runs, not a copy that drifted from it. */
function checkReadmesShowExamples() {
  for (const [readme, program] of EXAMPLES_IN_READMES) {
    const code = readFileSync(join(root, program), 'utf8');
    if (readFileSync(join(root, readme), 'utf8').includes(`\n${code}\`\`\``)) {
      log(`${readme} shows ${program} as it is`);
    } else {
      failures.push(`${readme} does not show ${program} as it is: copy the file into it again`);
    }
  }
}

/** Installs the examples from the tarballs in a folder outside the workspace and runs them. */
async function runExamples(tarballs) {
  const upstreams = await startUpstreams();
  try {
    for (const example of readdirSync(join(root, 'examples'))) {
      const source = join(root, 'examples', example);
      if (!statSync(source).isDirectory()) continue;
      const target = join(scratch, 'examples', example);
      cpSync(source, target, { recursive: true });
      const manifestPath = join(target, 'package.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      // Our packages from the tarballs (the registry has no release yet); the rest from npm.
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        if (tarballs.has(dependency))
          manifest.dependencies[dependency] = `file:${tarballs.get(dependency)}`;
      }
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
      run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: target });
      log(`${example}: installed from the tarballs`);
    }
    await checkStreamExample(join(scratch, 'examples', 'stream-any-provider'), upstreams);
    await checkRouterExample(join(scratch, 'examples', 'router-server'), upstreams);
  } finally {
    await upstreams.close();
  }
}

async function checkStreamExample(directory, upstreams) {
  // Asynchronously: the upstreams it calls live in this process.
  const { stdout: output } = await promisify(execFile)('node', ['index.mjs'], {
    cwd: directory,
    timeout: 60_000,
    env: {
      ...process.env,
      ANTHROPIC_BASE_URL: upstreams.url,
      ANTHROPIC_API_KEY: upstreams.anthropicKey,
      GEMINI_BASE_URL: upstreams.url,
      GEMINI_API_KEY: upstreams.geminiKey,
    },
  });
  const streams = output.split(/^# /m).filter(Boolean);
  expect(streams.length === 2, `stream-any-provider printed ${streams.length} streams, wanted 2`);
  for (const [index, stream] of streams.entries()) {
    const expected = [upstreams.anthropicStreamText, upstreams.geminiStreamText][index];
    expect(
      textOfChunks(stream) === expected,
      `stream ${index + 1} text: ${JSON.stringify(textOfChunks(stream))}`,
    );
    expect(
      stream.trimEnd().endsWith('data: [DONE]'),
      `stream ${index + 1} does not end with [DONE]`,
    );
    expect(/"usage":\{"prompt_tokens":\d+/.test(stream), `stream ${index + 1} has no usage chunk`);
  }
  log(
    `stream-any-provider: an Anthropic and a Gemini stream in OpenAI chunks (${upstreams.anthropicStreamText.length} and ${upstreams.geminiStreamText.length} characters of text)`,
  );
}

async function checkRouterExample(directory, upstreams) {
  const server = spawn('node', ['server.mjs'], {
    cwd: directory,
    env: {
      ...process.env,
      PORT: '0',
      PRIMARY_BASE_URL: `${upstreams.url}/failing`,
      PRIMARY_API_KEY: 'sk-primary-test',
      BACKUP_BASE_URL: upstreams.url,
      BACKUP_API_KEY: upstreams.anthropicKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const address = await new Promise((resolveAddress, reject) => {
      let printed = '';
      server.stdout.on('data', (chunk) => {
        printed += chunk;
        const match = /listening on (\S+)/.exec(printed);
        if (match) resolveAddress(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`router-server exited with ${code}`)));
    });
    const ask = (stream) =>
      fetch(`${address}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          stream,
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      });
    const plain = await ask(false);
    const completion = await plain.json();
    expect(plain.status === 200, `router-server answered ${plain.status}`);
    expect(
      plain.headers.get('x-attempts') === 'primary:failure,backup:success',
      `attempts: ${plain.headers.get('x-attempts')}`,
    );
    expect(
      completion.choices?.[0]?.message?.content === upstreams.anthropicText,
      'router-server: wrong completion text',
    );
    const streamed = await ask(true);
    const text = await streamed.text();
    expect(
      streamed.status === 200 && textOfChunks(text) === upstreams.anthropicStreamText,
      'router-server: wrong streamed text',
    );
    expect(upstreams.failingHits() >= 2, 'the primary channel was never tried');
    log('router-server: the primary failed, the backup answered (plain and streamed)');
  } finally {
    server.kill('SIGTERM');
  }
}

/**
 * A PostgreSQL user's install: @oneapi/storage from its tarball plus pg, and nothing else
 * chosen. No other driver may be installed (better-sqlite3 would compile a native addon),
 * PostgreSQL must work through the storage's API when TEST_POSTGRES_DSN names a server, and
 * choosing SQLite must fail with the error that names the package to install.
 */
async function checkStorageWithOneDriver(tarball) {
  const directory = join(scratch, 'storage-postgres-only');
  mkdirSync(directory, { recursive: true });
  const storageManifest = JSON.parse(
    readFileSync(join(root, 'packages', 'storage', 'package.json'), 'utf8'),
  );
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({
      name: 'storage-postgres-only',
      private: true,
      type: 'module',
      dependencies: {
        '@oneapi/storage': `file:${tarball}`,
        pg: storageManifest.peerDependencies.pg,
      },
    }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: directory });
  const others = ['better-sqlite3', 'mysql2'].filter((driver) =>
    existsSync(join(directory, 'node_modules', driver)),
  );
  expect(others.length === 0, `storage with pg alone also installed ${others.join(', ')}`);

  const dsn = process.env.TEST_POSTGRES_DSN;
  writeFileSync(
    join(directory, 'check.mjs'),
    `import { createStorage } from '@oneapi/storage';
const refused = await createStorage({ dsn: '', sqlitePath: ':memory:' }).catch((error) => error);
console.log(JSON.stringify({ code: refused.code, message: refused.message }));
if (process.env.TEST_POSTGRES_DSN) {
  const storage = await createStorage({ dsn: process.env.TEST_POSTGRES_DSN, poolSize: 2 });
  await storage.migrate();
  await storage.ping();
  const name = 'storage-postgres-only-' + Date.now();
  await storage.repositories.options.set(name, 'ok');
  console.log(JSON.stringify({ read: await storage.repositories.options.get(name) }));
  await storage.repositories.options.delete(name);
  await storage.close();
}
`,
  );
  const { stdout } = await promisify(execFile)('node', ['check.mjs'], {
    cwd: directory,
    timeout: 60_000,
  });
  const [sqlite, postgres] = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(
    sqlite.code === 'driver_missing' && sqlite.message.includes('npm install better-sqlite3'),
    `storage without better-sqlite3, SQLite chosen: ${JSON.stringify(sqlite)}`,
  );
  if (dsn) expect(postgres?.read === 'ok', `storage on PostgreSQL read back ${postgres?.read}`);
  log(
    `storage with pg alone: no other driver installed; SQLite refused with "${sqlite.message}"; ${dsn ? 'PostgreSQL migrated, wrote and read' : 'PostgreSQL not run (TEST_POSTGRES_DSN unset)'}`,
  );
}

function textOfChunks(stream) {
  return [...stream.matchAll(/^data: (\{.*\})$/gm)]
    .map((match) => JSON.parse(match[1]).choices?.[0]?.delta?.content ?? '')
    .join('');
}

function expect(condition, message) {
  if (!condition) failures.push(message);
}

/**
 * One local server for every upstream the examples call, replaying recorded answers: Anthropic
 * Messages (plain and SSE) and Gemini streamGenerateContent (SSE). Like the real APIs, it
 * refuses a request without its key or with a body they would refuse; `/failing/*` is an
 * OpenAI-format upstream in trouble (500 in OpenAI's error shape).
 */
async function startUpstreams() {
  const fixtures = join(root, 'packages', 'adapters', 'src', 'providers');
  const read = (path) => readFileSync(join(fixtures, path), 'utf8');
  const anthropicText = read('anthropic/__fixtures__/messages-text.json');
  const anthropicSse = read('anthropic/__fixtures__/messages-stream-text.sse');
  const geminiChunks = read('gemini/__fixtures__/stream-text.chunks.jsonl')
    .split('\n')
    .filter(Boolean);
  const anthropicKey = 'sk-ant-example-key';
  const geminiKey = 'gemini-example-key';
  let failing = 0;

  const server = createServer(async (incoming, outgoing) => {
    let text = '';
    for await (const chunk of incoming) text += chunk;
    const body = JSON.parse(text || '{}');
    const answer = (status, value, type = 'application/json') => {
      outgoing.writeHead(status, { 'content-type': type });
      outgoing.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    const url = new URL(incoming.url, 'http://upstream');
    if (url.pathname.startsWith('/failing/')) {
      failing += 1;
      return answer(500, {
        error: { message: 'The server had an error', type: 'server_error', code: null },
      });
    }
    if (url.pathname === '/v1/messages') {
      if (incoming.headers['x-api-key'] !== anthropicKey)
        return answer(401, {
          type: 'error',
          error: { type: 'authentication_error', message: 'invalid x-api-key' },
        });
      if (!incoming.headers['anthropic-version'] || typeof body.max_tokens !== 'number')
        return answer(400, {
          type: 'error',
          error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
        });
      return body.stream
        ? answer(200, anthropicSse, 'text/event-stream')
        : answer(200, anthropicText);
    }
    if (url.pathname.endsWith(':streamGenerateContent') && url.searchParams.get('alt') === 'sse') {
      if (
        incoming.headers['x-goog-api-key'] !== geminiKey &&
        url.searchParams.get('key') !== geminiKey
      )
        return answer(400, {
          error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' },
        });
      if (!Array.isArray(body.contents))
        return answer(400, {
          error: { code: 400, message: 'contents is required', status: 'INVALID_ARGUMENT' },
        });
      return answer(
        200,
        geminiChunks.map((line) => `data: ${line}\r\n\r\n`).join(''),
        'text/event-stream',
      );
    }
    answer(404, { error: { code: 404, message: `No route ${url.pathname}`, status: 'NOT_FOUND' } });
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));

  const anthropicStreamText = [...anthropicSse.matchAll(/"text_delta","text":("(?:[^"\\]|\\.)*")/g)]
    .map((match) => JSON.parse(match[1]))
    .join('');
  const geminiStreamText = geminiChunks
    .flatMap((line) => JSON.parse(line).candidates?.[0]?.content?.parts ?? [])
    .filter((part) => !part.thought)
    .map((part) => part.text ?? '')
    .join('');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    anthropicKey,
    geminiKey,
    anthropicText: JSON.parse(anthropicText).content[0].text,
    anthropicStreamText,
    geminiStreamText,
    failingHits: () => failing,
    close: () => new Promise((resolveClose) => server.close(resolveClose)),
  };
}
