import type { Account } from '../../shared/account/account';
import type { Outcome } from '../../shared/messaging/protocol';
import type { CallCommand, CommandResult } from '../../shared/phone/call-command';
import type { PhoneLine } from '../../shared/phone/phone-line';
import type { HistoryStore } from '../../shared/history/history-store';
import type { AccountStore } from '../account-store';
import type { CallNotifications } from '../call-notifications';
import type { MissedCalls } from '../missed-calls';
import type { StorageTrouble } from '../storage-trouble';

/** What every call Offhook places or acts on goes through (main.ts makes them). */
export interface CallActions {
  /** Places a call, the account's dial plan applied first; `account` when the caller has just
   * read the default account (one read less before the INVITE). */
  dial(target: string, account?: Account | null): Promise<Outcome<{ callId: string }>>;
  command(command: CallCommand): Promise<CommandResult>;
  answer(callId: string): Promise<CommandResult>;
  decline(callId: string): Promise<CommandResult>;
  hangup(callId: string): Promise<CommandResult>;
  answerTransfer(callId: string, accept: boolean): Promise<CommandResult>;
  openDialer(): Promise<void>;
  openOptions(): Promise<void>;
}

/**
 * What the coordinator's features share: the account book, the default account's line, the
 * call history, the notifications and the missed-call count, the storage-trouble guard, and
 * the call actions. Each feature is a function of this and an AbortSignal that stops it.
 */
export interface CoordinatorContext {
  accounts: AccountStore;
  line: PhoneLine;
  history: HistoryStore;
  notifications: CallNotifications;
  missed: MissedCalls;
  trouble: StorageTrouble;
  actions: CallActions;
}

/** Turns a thrown error into the outcome a face shows. */
export async function outcome<T extends object>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
