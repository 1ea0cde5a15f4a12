import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests sit beside the code they test; WxtVitest gives them WXT's fake browser.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts', 'bench/**/*.test.ts', 'test/harness/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup-i18n.ts'],
  },
});
