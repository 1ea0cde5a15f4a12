import { storage } from 'wxt/utils/storage';

/** Tabs remembered; older ones are forgotten first. */
const MAX_TABS = 100;

const item = storage.defineItem<[number, number][]>('session:focusedFrames', { fallback: [] });

/**
 * Which frame of each tab the person last used (pressed a key or the pointer in, or moved the
 * pointer into), as its content script reports. The "call the selection" shortcut asks that
 * frame alone, by its id: never whichever frame answers first, which could be a frame of
 * another site with a selection its script made. Kept for the session (the service worker
 * sleeps between a click and a shortcut), and in memory when that store fails.
 */
export class FocusedFrames {
  private memory = new Map<number, number>();

  constructor(
    private readonly trouble: (error: unknown) => void = () => undefined,
    private readonly store: Pick<typeof item, 'getValue' | 'setValue'> = item,
  ) {}

  async note(tabId: number, frameId: number): Promise<void> {
    const frames = await this.read();
    frames.delete(tabId);
    frames.set(tabId, frameId);
    while (frames.size > MAX_TABS) frames.delete(frames.keys().next().value!);
    this.memory = frames;
    await this.store.setValue([...frames]).catch((error: unknown) => this.trouble(error));
  }

  /** The frame to ask in `tabId`: the one last used, else the top frame. */
  async get(tabId: number): Promise<number> {
    return (await this.read()).get(tabId) ?? 0;
  }

  private async read(): Promise<Map<number, number>> {
    try {
      const stored = await this.store.getValue();
      if (Array.isArray(stored)) return new Map(stored.filter((e) => Array.isArray(e) && e.length === 2 && e.every(Number.isInteger)));
    } catch (error) {
      this.trouble(error);
    }
    return new Map(this.memory);
  }
}
