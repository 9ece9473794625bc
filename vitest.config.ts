import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; give a loaded two-core machine room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
