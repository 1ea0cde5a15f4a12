import { request } from '../../shared/messaging/endpoint';
import { historyStore } from '../../shared/history/history-store';
import type { HistoryClient } from './history-model';

/** The popup reads the history from the extension's IndexedDB, where the coordinator writes
 * it, and reads again whenever the coordinator says it changed. */
export function historyClient(): HistoryClient {
  const store = historyStore();
  return {
    load: () => store.list(),
    watch: (onChange) => store.watch(() => void store.list().then(onChange, () => undefined)),
    clear: async () => {
      const result = await request('coordinator', 'history:clear', {});
      if (!result.ok) throw new Error(result.error);
    },
  };
}
