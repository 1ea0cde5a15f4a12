import type { Account } from '../account/account';
import type { Validation } from '../account/validate-account';
import type { ConnectionTest, Outcome } from '../messaging/protocol';
import type { CallCommand, CommandResult } from './call-command';
import type { DirectoryContact } from './directory';
import type { HistoryEntry } from '../history/call-history';
import type { PhoneSnapshot } from './snapshot';

/**
 * One phone line as everything above the provider sees it: the popup, notifications,
 * shortcuts, history, the badge and page clicks talk to a line and never to SIP, Wazo or a
 * vendor's API. A provider gives its line in one of two shapes:
 *
 *   Offhook is the phone:        line ──messages──► softphone in the offscreen document (SIP/WebRTC)
 *   Offhook drives the platform: line ──REST/events──► the user's platform phone (Genesys, Webex)
 *
 * Either way the line owns its phone's lifetime and reports every change as a snapshot.
 */
export interface PhoneLine {
  /** The line's state now, starting its phone when it is not running (a worker that woke). */
  current(): Promise<PhoneSnapshot>;
  /** Readies an account before it is stored: a platform signs in (trading the password for
   * a token, which the returned account carries instead) and checks the user has a phone;
   * nothing is stored when it fails, and the errors name the fields to fix. */
  prepare(account: Account): Promise<Validation>;
  /** An account leaves Offhook (removed, or signed in anew): a platform ends its sign-in at the
   * server. Best effort; never throws. */
  release(account: Account): Promise<void>;
  /** Applies an account of this line's kind, or none: signs in or registers, or stops. */
  configure(account: Account | null): Promise<PhoneSnapshot>;
  /** Places a call to `target`, already rewritten by the account's dial plan; `tones` are sent
   * once the far end answers (a number's extension). */
  dial(target: string, tones?: string): Promise<Outcome<{ callId: string }>>;
  /** Anything done to a call. */
  command(command: CallCommand): Promise<CommandResult>;
  /** "Retry now": try to (re)connect at once instead of waiting for the next attempt. */
  retry(): Promise<Outcome>;
  setDoNotDisturb(on: boolean): Promise<Outcome>;
  /** The phone system's own record of the user's calls since `since` (epoch ms), on all
   * their devices, where it keeps one; none otherwise. */
  callLog(since: number): Promise<HistoryEntry[]>;
  /** People in the phone system's directory matching `term` (a name or a number), where the
   * phone system has one (the snapshot says so: `directory`). */
  searchDirectory(term: string): Promise<Outcome<{ contacts: DirectoryContact[] }>>;
  /** The options page's Test connection, for an account not saved yet. */
  test(account: Account): Promise<ConnectionTest>;
  /** The options page's Test speaker / Test ringer, where the line plays sound itself. */
  testAudio(output: 'speaker' | 'ringer'): Promise<Outcome>;
  /** Calls `listener` with every snapshot the line's phone reports from now on. */
  onChange(listener: (snapshot: PhoneSnapshot) => void): void;
  /** The phone's own state (with live media figures if asked), for the end-to-end tests' hook. */
  debugSnapshot(withMedia: boolean): Promise<PhoneSnapshot & { configured: boolean }>;
}
