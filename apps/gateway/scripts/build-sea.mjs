// Builds the gateway as one executable for the platform it runs on (Node's single executable
// applications, docs/deployment.md): `pnpm --filter @oneapi/gateway build:sea [--out-dir <dir>]`.
// Needs the workspace built first (`pnpm exec turbo run build`): the dashboard and the
// packages' dist. Writes into the output directory (default dist/sea):
//   oneapi.cjs         the gateway and every dependency bundled into one CommonJS file
//   sea-config.json    the blob's recipe: that file plus the assets below
//   oneapi.blob        made by `node --experimental-sea-config`
//   oneapi[.exe]       a copy of this node binary with the blob injected by postject
//   oneapi-tokenizer.cjs  @oneapi/adapters/tokenizer and the o200k vocabulary in one file, for
//                      the worker that counts tokens (src/tokenizer/count-tokens-off-thread.ts)
// Assets: better-sqlite3's compiled addon, the tokenizer and the dashboard's files, described
// by oneapi-sea.json (see src/distribution/sea-resources.ts, which unpacks them at run time).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { inject } from 'postject';
import { build } from 'tsup';
import { readBuildVersion } from './build-version.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = resolve(values['out-dir'] ?? join(packageDir, 'dist', 'sea'));
const dashboardDir = join(packageDir, '..', 'admin', 'dist');
const executableName = process.platform === 'win32' ? 'oneapi.exe' : 'oneapi';
const executable = join(outDir, executableName);
// The fuse Node's binary carries to say whether a blob was injected (Node's SEA docs).
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const fail = (message) => {
  console.error(`build-sea: ${message}`);
  process.exit(1);
};
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const step = (message) => console.log(`build-sea: ${message}`);

if (!process.getBuiltinModule?.('node:sea')) fail(`Node ${process.version} has no node:sea`);
if (!existsSync(join(dashboardDir, 'index.html')))
  fail(`${dashboardDir}/index.html is missing; build first: pnpm exec turbo run build`);
// better-sqlite3 as @oneapi/storage resolves it: the addon compiled for this platform.
const storageRequire = createRequire(
  createRequire(join(packageDir, 'package.json')).resolve('@oneapi/storage/package.json'),
);
const addonFile = join(
  dirname(storageRequire.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
if (!existsSync(addonFile)) fail(`${addonFile} is missing; reinstall better-sqlite3`);

// Only this script's own files: --out-dir may name a folder that holds other things.
mkdirSync(outDir, { recursive: true });
for (const file of [
  'oneapi.cjs',
  'oneapi-tokenizer.cjs',
  'oneapi-sea.json',
  'sea-config.json',
  'oneapi.blob',
  executableName,
])
  rmSync(join(outDir, file), { force: true });

step('bundling src/main.ts');
const version = readBuildVersion(pathToFileURL(`${packageDir}/`));
await build({
  config: false,
  entry: { oneapi: join(packageDir, 'src', 'main.ts') },
  outDir,
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  outExtension: () => ({ js: '.cjs' }),
  // Everything inside: a single executable's require() knows only Node's built-in modules.
  noExternal: [/./],
  // Optional drivers of pg that are never installed.
  external: ['pg-native', 'cloudflare:sockets'],
  splitting: false,
  sourcemap: false,
  shims: true,
  silent: true,
  define: { __ONEAPI_VERSION__: JSON.stringify(version) },
  // Node's SEA docs: a file-based require for what is loaded from disk at run time, here the
  // unpacked addon that better-sqlite3 loads through its `nativeBinding` option.
  banner: { js: "require = require('node:module').createRequire(__filename);" },
});

// The token worker loads its program from a file, never from the main bundle, so that the
// vocabulary is in memory only while that worker runs: its own bundle, unpacked at run time.
step('bundling the tokenizer');
await build({
  config: false,
  entry: {
    'oneapi-tokenizer': createRequire(join(packageDir, 'package.json')).resolve(
      '@oneapi/adapters/tokenizer',
    ),
  },
  outDir,
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  outExtension: () => ({ js: '.cjs' }),
  noExternal: [/./],
  splitting: false,
  sourcemap: false,
  silent: true,
});

step('writing the blob');
const dashboardFiles = listFiles(dashboardDir);
const addon = readFileSync(addonFile);
const tokenizerFile = join(outDir, 'oneapi-tokenizer.cjs');
const manifest = {
  addon: { asset: 'better_sqlite3.node', sha256: sha256(addon) },
  tokenizer: { asset: 'oneapi-tokenizer.cjs', sha256: sha256(readFileSync(tokenizerFile)) },
  dashboard: {
    sha256: sha256(
      dashboardFiles
        .map((file) => `${file}:${sha256(readFileSync(join(dashboardDir, file)))}`)
        .join('\n'),
    ),
    files: dashboardFiles,
  },
};
writeFileSync(join(outDir, 'oneapi-sea.json'), JSON.stringify(manifest));
const seaConfig = {
  main: join(outDir, 'oneapi.cjs'),
  output: join(outDir, 'oneapi.blob'),
  disableExperimentalSEAWarning: true,
  // V8's compiled code for the bundle, made by this same node binary: a faster start.
  useCodeCache: true,
  assets: {
    'oneapi-sea.json': join(outDir, 'oneapi-sea.json'),
    [manifest.addon.asset]: addonFile,
    [manifest.tokenizer.asset]: tokenizerFile,
    ...Object.fromEntries(
      dashboardFiles.map((file) => [`dashboard/${file}`, join(dashboardDir, file)]),
    ),
  },
};
writeFileSync(join(outDir, 'sea-config.json'), `${JSON.stringify(seaConfig, null, 2)}\n`);
execFileSync(process.execPath, ['--experimental-sea-config', join(outDir, 'sea-config.json')], {
  stdio: 'inherit',
});

step(`injecting it into a copy of ${process.execPath}`);
copyFileSync(process.execPath, executable);
chmodSync(executable, 0o755);
// macOS refuses a binary whose signature no longer matches: drop it, inject, sign ad hoc.
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', executable]);
await inject(executable, 'NODE_SEA_BLOB', readFileSync(seaConfig.output), {
  sentinelFuse: SENTINEL_FUSE,
  ...(process.platform === 'darwin' && { machoSegmentName: 'NODE_SEA' }),
});
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', executable]);

const megabytes = (statSync(executable).size / 1024 / 1024).toFixed(1);
step(`${executable}: ${megabytes} MiB`);

/** Every file under `directory`, as forward-slash paths relative to it, sorted. */
function listFiles(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath ?? entry.path, entry.name)))
    .map((file) => file.split(sep).join('/'))
    .sort();
}
