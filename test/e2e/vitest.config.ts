// Browser tests: one real server process on a fresh embedded database with the demo province, driven by
// Debian's Chromium through playwright-core. Files run one after another (one browser, one server).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
