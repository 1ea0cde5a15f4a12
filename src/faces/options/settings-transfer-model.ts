import { signal } from '@preact/signals';
import { t } from '../../shared/i18n/t';
import type { CoordinatorClient } from '../common/coordinator-client';
import type { AccountInput } from '../../shared/account/validate-account';
import { addressOfRecord } from '../../shared/account/account';

export interface TransferHooks {
  /** Hands the text to the browser as a file download. */
  download(fileName: string, text: string): void;
  /** The file's account is not stored here: fill the form for the person to add the password. */
  fillAccount(input: AccountInput): void;
  /** Something was applied: reload what the page shows. */
  reload(): Promise<void>;
}

/**
 * Export and import of the settings as JSON. The coordinator builds and checks the file (one
 * place decides); this model shows every problem it found. A file with any problem changes
 * nothing.
 */
export function createSettingsTransferModel(client: CoordinatorClient, hooks: TransferHooks, today = () => new Date()) {
  const message = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const problems = signal<string[]>([]);
  /** A file that changes how calls reach the person, waiting for "Import anyway". */
  const confirming = signal<{ text: string; changes: string[] } | null>(null);
  /** What an applied file changed of that kind, said with the result. */
  const changes = signal<string[]>([]);
  const importText = async (text: string, confirmed = false): Promise<void> => {
    problems.value = [];
    changes.value = [];
    confirming.value = null;
    try {
      const result = await client.ask('settings:import', { text, ...(confirmed ? { confirmed: true } : {}) });
      if (!result.ok) {
        if ('confirm' in result) {
          confirming.value = { text, changes: result.confirm };
          message.value = { kind: 'error', text: t('transferConfirm') };
          return;
        }
        problems.value = result.problems;
        message.value = { kind: 'error', text: t('transferRefused') };
        return;
      }
      await hooks.reload();
      changes.value = result.warnings ?? [];
      if (result.account === 'needs-password') {
        hooks.fillAccount(result.input);
        const aor = addressOfRecord(result.input);
        message.value = { kind: 'ok', text: result.moved ? t('transferNeedsPasswordMoved', aor) : t('transferNeedsPassword', aor) };
      } else message.value = { kind: 'ok', text: t('transferImported') };
    } catch (e) {
      message.value = { kind: 'error', text: t('transferNotImported', (e as Error).message) };
    }
  };
  return {
    message,
    problems,
    confirming,
    changes,
    /** "Import anyway" on a file that changes how calls reach the person. */
    confirm: () => (confirming.value ? importText(confirming.value.text, true) : Promise.resolve()),
    cancel() {
      confirming.value = null;
      message.value = { kind: 'ok', text: t('transferCancelled') };
    },
    /** A file refused before reading it. */
    refuse(problem: string) {
      problems.value = [problem];
      message.value = { kind: 'error', text: t('transferRefusedUnread') };
    },
    async exportFile(): Promise<void> {
      problems.value = [];
      try {
        const { text } = await client.ask('settings:export', {});
        hooks.download(`offhook-settings-${today().toISOString().slice(0, 10)}.json`, text);
        message.value = { kind: 'ok', text: t('transferExported') };
      } catch (e) {
        message.value = { kind: 'error', text: t('transferNotExported', (e as Error).message) };
      }
    },
    importText: (text: string) => importText(text),
  };
}

export type SettingsTransferModel = ReturnType<typeof createSettingsTransferModel>;
