import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser redraws in software GL (up to a second a frame on two busy cores): polls for what the page shows
    // wait up to 10 s instead of 1 s, so a slow frame is not read as a wrong answer.
    expect: { poll: { timeout: 10_000 } },
    // Real-data tests decode many 1 mm volumes; two workers match the two cores of the build machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
