import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // a throwaway PostgreSQL cluster for the store suites (skipped without PostgreSQL)
    globalSetup: ['src/store/pg.global.case.ts'],
  },
});
