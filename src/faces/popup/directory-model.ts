import { signal } from '@preact/signals';
import { DIRECTORY_MAX_TERM, DIRECTORY_MIN_TERM, readDirectoryContacts, type DirectoryContact } from '../../shared/phone/directory';
import type { CoordinatorClient } from '../common/coordinator-client';

/**
 * The dialer's directory search: what the person types in the number field is looked up in
 * the phone system's directory (where it has one), a moment after they stop typing, and only
 * the answer to the latest term is shown.
 */
export function createDirectoryModel(client: CoordinatorClient, delayMs = 250) {
  const results = signal<DirectoryContact[]>([]);
  /** The term the results are for; empty: nothing searched. */
  const term = signal('');
  const error = signal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;

  const clear = () => {
    results.value = [];
    term.value = '';
    error.value = null;
  };

  return {
    results,
    term,
    error,
    /** The field now holds `text`; `available`: the phone system has a directory. */
    typed(text: string, available: boolean) {
      clearTimeout(timer);
      const wanted = text.trim();
      const asked = ++latest;
      if (!available || wanted.length < DIRECTORY_MIN_TERM || wanted.length > DIRECTORY_MAX_TERM) {
        clear();
        return;
      }
      timer = setTimeout(async () => {
        try {
          const answer = await client.ask('directory:search', { term: wanted });
          if (asked !== latest) return;
          if (answer.ok) {
            results.value = readDirectoryContacts(answer.contacts);
            term.value = wanted;
            error.value = null;
          } else {
            results.value = [];
            term.value = wanted;
            error.value = answer.error;
          }
        } catch (e) {
          if (asked === latest) error.value = (e as Error).message;
        }
      }, delayMs);
    },
    /** A call was placed (or the field emptied): the list goes. */
    clear() {
      clearTimeout(timer);
      latest++;
      clear();
    },
  };
}

export type DirectoryModel = ReturnType<typeof createDirectoryModel>;
