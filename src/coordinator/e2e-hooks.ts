import type { PhoneSnapshot } from '../shared/phone/snapshot';

/**
 * Headless Chromium cannot press a notification's button or deliver a global shortcut, so
 * end-to-end builds (`--mode e2e`) expose the very functions those listeners call. A
 * production build compiles this away; the real-input suite (test/e2e-x11/) presses the
 * buttons, shortcuts, menus and omnibox for real against such a build, so no user path may
 * need this.
 */
export interface EndToEndHooks {
  command(name: string): Promise<void>;
  notificationButton(id: string, index: number): Promise<void>;
  notificationClick(id: string): Promise<void>;
  menuClick(selectionText: string): Promise<void>;
  /** "Call with Offhook" on a link, with the link's href as the browser reports it. */
  linkMenuClick(linkUrl: string): Promise<void>;
  watchdog(): Promise<void>;
  omnibox(text: string): Promise<void>;
  omniboxSuggest(text: string): Promise<{ content: string; description: string }[]>;
  /** The softphone's own state. Firefox tests read it here: the softphone shares this page. */
  softphone(withMedia: boolean): Promise<PhoneSnapshot & { configured: boolean }>;
}

export function exposeForEndToEndTests(hooks: EndToEndHooks): void {
  if (import.meta.env.MODE === 'e2e') (globalThis as { __offhookE2E?: EndToEndHooks }).__offhookE2E = hooks;
}
