import type { Account, AccountKind } from '../shared/account/account';
import type { PhoneLine } from '../shared/phone/phone-line';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

/**
 * The phone line the coordinator talks to: the line of the default account's kind. Switching
 * to an account of another kind stops the old line (configured with none) before the new one
 * starts, and only the line in use is heard: a stopped line's late snapshot is dropped.
 *
 * `lines` maps every kind to its line; two kinds may share one (a Wazo account is a SIP line
 * underneath, so SIP and Wazo both go to the Wazo line, which passes SIP accounts through).
 */
export function lineRouter(lines: Readonly<Record<AccountKind, PhoneLine>>, defaultAccount: () => Promise<Account | null>): PhoneLine {
  const distinct = [...new Set(Object.values(lines))];
  let active: PhoneLine | undefined;
  const listeners: ((snapshot: PhoneSnapshot) => void)[] = [];
  for (const line of distinct)
    line.onChange((snapshot) => {
      if (line !== active) return;
      for (const listener of listeners) listener(snapshot);
    });

  /** The line in use; after this worker woke, the one of the stored default account. */
  const current = async (): Promise<PhoneLine> => {
    if (active) return active;
    const account = await defaultAccount().catch(() => null);
    active ??= lines[account?.kind ?? 'sip'];
    return active;
  };

  const forKind = (account: Account): PhoneLine => lines[account.kind];

  return {
    current: async () => (await current()).current(),
    async configure(account) {
      const next = account ? forKind(account) : await current();
      const before = await current();
      if (before !== next) await before.configure(null).catch(() => undefined);
      active = next;
      return next.configure(account);
    },
    prepare: (account) => forKind(account).prepare(account),
    release: (account) => forKind(account).release(account),
    test: (account) => forKind(account).test(account),
    dial: async (target, tones) => (await current()).dial(target, tones),
    command: async (command) => (await current()).command(command),
    retry: async () => (await current()).retry(),
    setDoNotDisturb: async (on) => (await current()).setDoNotDisturb(on),
    callLog: async (since) => (await current()).callLog(since),
    searchDirectory: async (term) => (await current()).searchDirectory(term),
    testAudio: async (output) => (await current()).testAudio(output),
    onChange: (listener) => void listeners.push(listener),
    debugSnapshot: async (withMedia) => (await current()).debugSnapshot(withMedia),
  };
}
