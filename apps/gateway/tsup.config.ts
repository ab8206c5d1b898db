import { defineConfig } from 'tsup';
import { readBuildVersion } from './scripts/build-version.mjs';

const version = readBuildVersion(new URL('./', import.meta.url));

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  // Kysely ships some 400 ES modules, each resolved, read and compiled on its own at start;
  // bundled (with @oneapi/storage, its one importer) they load as one file. The database
  // drivers stay external: @oneapi/storage imports the configured one on demand.
  noExternal: ['@oneapi/storage', 'kysely'],
  // `oneapi version`: fixed at build time, so dist needs no package.json beside it.
  define: { __ONEAPI_VERSION__: JSON.stringify(version) },
});
