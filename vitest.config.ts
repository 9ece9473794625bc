import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs the source in process and needs no build (`npm run test:unit`);
// `e2e` spawns the built CLI, tmux, an LSP client or pre-commit (`npm run test:e2e` builds first).
// An end-to-end test file is named *.e2e.test.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts'],
          globalSetup: ['test/setup/generate.ts'],
          // The long-document and property tests parse megabytes: room for a loaded machine, as for e2e.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          // Give a loaded two-core machine room.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
