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
  // `oneapi version`: fixed at build time, so dist needs no package.json beside it.
  define: { __ONEAPI_VERSION__: JSON.stringify(version) },
});
