import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * Files a single executable carries as SEA assets (scripts/build-sea.mjs embeds them), put
 * on disk once per content hash: better-sqlite3 can only load its addon from a file, and the
 * dashboard is served from a directory. Outside a single executable every function here
 * answers undefined and touches nothing.
 */

/** The asset describing the others; written by scripts/build-sea.mjs. */
export const SEA_MANIFEST_ASSET = 'oneapi-sea.json';

export interface SeaManifest {
  /** better-sqlite3's compiled addon: its asset key and the SHA-256 of its bytes, hex. */
  readonly addon: { readonly asset: string; readonly sha256: string };
  /** @oneapi/adapters/tokenizer bundled with the vocabulary (CommonJS), for the token worker. */
  readonly tokenizer: { readonly asset: string; readonly sha256: string };
  /** The built dashboard: SHA-256 over its files, and their paths (asset key `dashboard/<path>`). */
  readonly dashboard: { readonly sha256: string; readonly files: readonly string[] };
}

interface SeaModule {
  isSea(): boolean;
  getRawAsset(key: string): ArrayBuffer;
}

let manifest: SeaManifest | null | undefined;
let addonPath: string | undefined;
let tokenizerPath: string | undefined;
let dashboardDir: string | undefined;

/** The extracted better-sqlite3 addon when running as a single executable. */
export function seaSqliteAddon(): string | undefined {
  const sea = seaModule();
  if (!sea) return undefined;
  addonPath ??= extractAddon(sea, readManifest(sea));
  return addonPath;
}

/**
 * The extracted tokenizer bundle when running as a single executable: a worker thread loads
 * it from a file, since its vocabulary must not be part of the main bundle's memory.
 */
export function seaTokenizerEntry(): string | undefined {
  const sea = seaModule();
  if (!sea) return undefined;
  const { tokenizer } = readManifest(sea);
  tokenizerPath ??= extractFile(sea, tokenizer, `tokenizer-${tokenizer.sha256.slice(0, 16)}.cjs`);
  return tokenizerPath;
}

/** The extracted dashboard directory when running as a single executable. */
export function seaDashboardDir(): string | undefined {
  const sea = seaModule();
  if (!sea) return undefined;
  dashboardDir ??= extractDashboard(sea, readManifest(sea));
  return dashboardDir;
}

/**
 * Where extracted files go: the platform's per-user cache (XDG_CACHE_HOME on Linux), never a
 * shared temporary folder, since a file another user planted there would be loaded as code.
 */
export function seaCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'oneapi', 'cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'oneapi');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'oneapi');
}

function seaModule(): SeaModule | undefined {
  // node:sea exists only under its node: name, which bundlers and test runners may not
  // resolve as an import; getBuiltinModule (Node >= 20.16) asks the runtime directly.
  const sea = process.getBuiltinModule?.('node:sea') as SeaModule | undefined;
  return sea?.isSea() ? sea : undefined;
}

function readManifest(sea: SeaModule): SeaManifest {
  manifest ??= JSON.parse(
    Buffer.from(sea.getRawAsset(SEA_MANIFEST_ASSET)).toString('utf8'),
  ) as SeaManifest;
  return manifest;
}

function extractAddon(sea: SeaModule, { addon }: SeaManifest): string {
  return extractFile(sea, addon, `better_sqlite3-${addon.sha256.slice(0, 16)}.node`);
}

/** An asset written to the cache as `name`, unless a file with its hash is there already. */
function extractFile(
  sea: SeaModule,
  asset: { readonly asset: string; readonly sha256: string },
  name: string,
): string {
  const target = join(seaCacheDir(), name);
  // Checked on every start: a truncated or altered file must not be loaded.
  if (existsSync(target) && sha256(readFileSync(target)) === asset.sha256) return target;
  writeAtomically(target, Buffer.from(sea.getRawAsset(asset.asset)));
  return target;
}

function extractDashboard(sea: SeaModule, { dashboard }: SeaManifest): string {
  const target = join(seaCacheDir(), `dashboard-${dashboard.sha256.slice(0, 16)}`);
  // The marker is written last, so a directory with it is complete.
  if (existsSync(join(target, '.complete'))) return target;
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  for (const file of dashboard.files) {
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    writeFileSync(join(staging, file), Buffer.from(sea.getRawAsset(`dashboard/${file}`)));
  }
  writeFileSync(join(staging, '.complete'), '');
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another instance starting at the same moment got there first: its copy is the same.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, '.complete'))) throw error;
  }
  return target;
}

/** Written beside the target and renamed, so a concurrent start never sees half a file. */
function writeAtomically(target: string, bytes: Buffer): void {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const staging = `${target}.${process.pid}.tmp`;
  writeFileSync(staging, bytes, { mode: 0o755 });
  renameSync(staging, target);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
