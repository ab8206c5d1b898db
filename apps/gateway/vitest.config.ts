import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    // Set-up starts gateways, upstreams and database schemas: on a loaded 2-core CI machine
    // (the dashboard's browser tests run alongside) that took more than the default 10 s.
    hookTimeout: 60_000,
    // The access log would bury test output; the log tests pass their own logger.
    env: { LOG_LEVEL: 'silent' },
  },
});
