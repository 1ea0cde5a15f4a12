/**
 * Chromium's rich notifications (buttons, requireInteraction), which the polyfill's types
 * do not describe. Firefox's notifications have no buttons: its host will differ here.
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
  create(id: string, options: NotificationOptions): Promise<void>;
  clear(id: string): Promise<void>;
  ids(): Promise<string[]>;
  onButtonClicked(listener: (id: string, buttonIndex: number) => void): void;
  onClicked(listener: (id: string) => void): void;
}

interface ChromeNotifications {
  create(id: string, options: object): Promise<string>;
  clear(id: string): Promise<boolean>;
  getAll(): Promise<Record<string, boolean>>;
  onButtonClicked: { addListener(l: (id: string, index: number) => void): void };
  onClicked: { addListener(l: (id: string) => void): void };
}

export function chromeNotifications(iconUrl: string): NotificationsPlatform {
  const api = (globalThis as unknown as { chrome: { notifications: ChromeNotifications } }).chrome.notifications;
  return {
    async create(id, options) {
      await api.create(id, { type: 'basic', iconUrl, ...options });
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
