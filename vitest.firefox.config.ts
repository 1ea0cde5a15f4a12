import { defineConfig } from 'vitest/config';

// The Firefox suite: Firefox ESR (driven over WebDriver BiDi) plus a Chromium for the
// remote parties and a Kamailio per file, on two cores: one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e-firefox/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e-firefox/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
