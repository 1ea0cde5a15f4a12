import { describe, expect, it, vi } from 'vitest';
import type { CoordinatorClient } from '../common/coordinator-client';
import type { ImportResult } from '../../shared/settings/import-result';
import { createSettingsTransferModel } from './settings-transfer-model';

function setup(importResult: ImportResult | Error) {
  const client: CoordinatorClient = {
    ask: ((type: string) => {
      if (type === 'settings:export') return Promise.resolve({ text: '{"offhook":"settings"}' });
      if (type === 'settings:import') return importResult instanceof Error ? Promise.reject(importResult) : Promise.resolve(importResult);
      return Promise.reject(new Error(type));
    }) as CoordinatorClient['ask'],
    watch: () => undefined,
  };
  const hooks = { download: vi.fn(), fillAccount: vi.fn(), reload: vi.fn(async () => undefined) };
  return { model: createSettingsTransferModel(client, hooks, () => new Date('2026-11-22T12:00:00Z')), hooks };
}

describe('settings export and import', () => {
  it('downloads the file with a dated name and says what it leaves out', async () => {
    const { model, hooks } = setup({ ok: true, account: 'none' });
    await model.exportFile();
    expect(hooks.download).toHaveBeenCalledWith('offhook-settings-2026-11-22.json', '{"offhook":"settings"}');
    expect(model.message.value?.text).toContain('no password');
  });

  it('lists every problem and reloads nothing when the file is refused', async () => {
    const { model, hooks } = setup({ ok: false, problems: ['a', 'b'] });
    await model.importText('{}');
    expect(model.problems.value).toEqual(['a', 'b']);
    expect(model.message.value).toMatchObject({ kind: 'error', text: expect.stringContaining('unchanged') });
    expect(hooks.reload).not.toHaveBeenCalled();
  });

  it('reloads after an import, and fills the form when the password is needed', async () => {
    const input = { server: 'wss://x', username: 'bob', domain: 'pbx.example.com' };
    const { model, hooks } = setup({ ok: true, account: 'needs-password', input });
    await model.importText('{}');
    expect(hooks.reload).toHaveBeenCalled();
    expect(hooks.fillAccount).toHaveBeenCalledWith(input);
    expect(model.message.value?.text).toContain('Enter the password for bob@pbx.example.com');
  });

  it('says so when the coordinator cannot be reached', async () => {
    const { model } = setup(new Error('Could not establish connection.'));
    await model.importText('{}');
    expect(model.message.value).toEqual({ kind: 'error', text: 'Not imported: Could not establish connection.' });
  });
});
