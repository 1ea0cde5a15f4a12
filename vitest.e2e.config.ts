import { defineConfig } from 'vitest/config';

// End-to-end suites drive one real Chromium and one real Kamailio each; they share the two
// cores of the machine, so they run one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
