import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    // The conformance runner spawns the CLI many times; keep workers modest on 2 cores.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
