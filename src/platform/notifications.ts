/**
 * Chromium's rich notifications (buttons, requireInteraction), which the polyfill's types
 * do not describe. Firefox's notifications have a title, a message and an icon only: no
 * buttons, and they do not stay on screen; `buttons` says which kind this is.
 */
export interface NotificationOptions {
  title: string;
  message: string;
  contextMessage?: string;
  buttons?: { title: string }[];
  requireInteraction?: boolean;
  priority?: number;
  silent?: boolean;
}

export interface NotificationsPlatform {
  /** False in Firefox: the notification's body is the only thing a person can click. */
  readonly buttons: boolean;
  create(id: string, options: NotificationOptions): Promise<void>;
  /** Changes a notification on screen without showing it anew. */
  update(id: string, options: NotificationOptions): Promise<void>;
  clear(id: string): Promise<void>;
  ids(): Promise<string[]>;
  onButtonClicked(listener: (id: string, buttonIndex: number) => void): void;
  onClicked(listener: (id: string) => void): void;
}

interface ChromeNotifications {
  create(id: string, options: object): Promise<string>;
  update?(id: string, options: object): Promise<boolean>;
  clear(id: string): Promise<boolean>;
  getAll(): Promise<Record<string, boolean>>;
  onButtonClicked: { addListener(l: (id: string, index: number) => void): void };
  onClicked: { addListener(l: (id: string) => void): void };
}

export function chromeNotifications(iconUrl: string): NotificationsPlatform {
  const api = (globalThis as unknown as { chrome: { notifications: ChromeNotifications } }).chrome.notifications;
  return {
    buttons: true,
    async create(id, options) {
      await api.create(id, { type: 'basic', iconUrl, ...options });
    },
    async update(id, options) {
      if (!(await api.update?.(id, { type: 'basic', iconUrl, ...options }))) await api.create(id, { type: 'basic', iconUrl, ...options });
    },
    async clear(id) {
      await api.clear(id);
    },
    async ids() {
      return Object.keys(await api.getAll());
    },
    onButtonClicked: (l) => api.onButtonClicked.addListener(l),
    onClicked: (l) => api.onClicked.addListener(l),
  };
}

/** Firefox: the same notifications, reduced to what Firefox shows (title, message, icon). */
export function firefoxNotifications(iconUrl: string): NotificationsPlatform {
  const api = (globalThis as unknown as { browser: { notifications: ChromeNotifications } }).browser.notifications;
  return {
    buttons: false,
    async create(id, { title, message, contextMessage }) {
      // Firefox refuses what it does not support; the context line goes under the message.
      await api.create(id, { type: 'basic', iconUrl, title, message: contextMessage ? `${message}\n${contextMessage}` : message });
    },
    async update(id, options) {
      // Firefox has no notifications.update: the notification is shown anew.
      await this.create(id, options);
    },
    async clear(id) {
      await api.clear(id);
    },
    async ids() {
      return Object.keys(await api.getAll());
    },
    onButtonClicked: () => undefined,
    onClicked: (l) => api.onClicked.addListener(l),
  };
}
