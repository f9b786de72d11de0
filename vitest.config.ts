import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real-data tests decode many 1 mm volumes; two workers match the two cores of the build machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
