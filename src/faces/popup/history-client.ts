import { request } from '../../shared/messaging/endpoint';
import { callHistory } from '../../shared/history/call-history';
import type { HistoryClient } from './history-model';

export function historyClient(): HistoryClient {
  return {
    load: () => callHistory.getValue(),
    watch: (onChange) => callHistory.watch((value) => onChange(value)),
    clear: async () => {
      const result = await request('coordinator', 'history:clear', {});
      if (!result.ok) throw new Error(result.error);
    },
  };
}
