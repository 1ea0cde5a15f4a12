import { describe, expect, it, vi } from 'vitest';
import { createShortcutsModel } from './shortcuts-model';

describe('the shortcuts list', () => {
  it('lists the browser’s current keys in reading order, unset ones included', async () => {
    const model = createShortcutsModel({
      getAll: async () => [
        { name: 'hangup', description: 'Hang up', shortcut: 'Ctrl+Shift+2' },
        { name: 'call-selection', description: 'Call the selection', shortcut: '' },
        { name: '_execute_action', shortcut: 'Alt+Shift+O' },
        { name: 'answer', description: 'Answer', shortcut: 'Ctrl+Shift+1' },
      ],
      openSettings: vi.fn(),
    });
    await model.load();
    expect(model.shortcuts.value).toEqual([
      { name: '_execute_action', description: 'Open the dialer', keys: 'Alt+Shift+O' },
      { name: 'answer', description: 'Answer', keys: 'Ctrl+Shift+1' },
      { name: 'hangup', description: 'Hang up', keys: 'Ctrl+Shift+2' },
      { name: 'call-selection', description: 'Call the selection', keys: '' },
    ]);
  });

  it('says where to go when the browser refuses to open its shortcut page', async () => {
    const model = createShortcutsModel({ getAll: async () => [], openSettings: () => Promise.reject(new Error('nope')) });
    await model.openSettings();
    expect(model.error.value).toContain('chrome://extensions/shortcuts');
  });
});
