import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    // The access log would bury test output; the log tests pass their own logger.
    env: { LOG_LEVEL: 'silent' },
  },
});
