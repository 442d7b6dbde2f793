import { defineConfig } from 'vitest/config';

/** The long fault-injection suite (`npm run test:faults`): a kill at every crash point; too slow for every CI run. */
export default defineConfig({
  test: {
    include: ['test/**/*.faults.ts'],
    testTimeout: 1_200_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
