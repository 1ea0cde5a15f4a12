import { defineConfig } from 'vitest/config';

// The real-input suite: Chromium headed on a virtual X display with a notification server,
// driven by xdotool (scripts/e2e-x11.sh). One Chromium, one Kamailio and one display per file,
// one file at a time: the keyboard and the pointer are one per display, like a person's.
export default defineConfig({
  test: {
    include: ['test/e2e-x11/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e-x11/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
