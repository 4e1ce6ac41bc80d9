import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/console/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium and servers; two cores are best used one file at a time for them.
    fileParallelism: true,
  },
});
