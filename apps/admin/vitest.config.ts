import { defineConfig } from 'vitest/config';

// Node only: unit tests cover pure logic; the browser is exercised by the e2e suite.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
