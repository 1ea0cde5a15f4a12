import type { AccountField, AccountInput, FieldErrors } from '../account/validate-account';
import type { DirectoryContact } from '../phone/directory';
import type { Account, AccountView } from '../account/account';
import type { PhoneSnapshot } from '../phone/snapshot';
import type { CallCommand, CommandResult } from '../phone/call-command';
import type { AudioSettings } from '../settings/audio-settings';
import type { ImportResult } from '../settings/import-result';
import type { Registration } from '../phone/registration';

/**
 * Every message between Offhook's contexts. One map per channel; requests (which expect an
 * answer) and notices (one-way) are separate maps. Each receiver accepts a channel only
 * from the contexts named here, see `sender-policy.ts`.
 */

/** The outcome of an action the user asked for; `error` is a sentence for the user. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

/** The server's answer to a registration attempt, verbatim where there was one. */
export interface ConnectionTest {
  ok: boolean;
  /** One sentence, e.g. "Registered: 200 OK" or "Rejected: 403 Forbidden". */
  message: string;
  status?: number;
}

export type SaveAccountResult = { ok: true; account: AccountView } | { ok: false; errors: FieldErrors };

/** popup / options → coordinator */
export interface CoordinatorRequests {
  'phone:get': { req: Record<string, never>; res: PhoneSnapshot };
  'phone:retry': { req: Record<string, never>; res: Outcome };
  'history:clear': { req: Record<string, never>; res: Outcome };
  'phone:dnd': { req: { on: boolean }; res: Outcome };
  'call:dial': { req: { target: string }; res: Outcome<{ callId: string }> };
  /** Anything done to a call: answer, hang up, mute, transfer… (call-command.ts). */
  'call:command': { req: { command: CallCommand }; res: CommandResult };
  /** The dialer's directory search as the person types a name (where the phone system has one). */
  'directory:search': { req: { term: string }; res: Outcome<{ contacts: DirectoryContact[] }> };
  /** The options page's Test speaker / Test ringer buttons. */
  'audio:test': { req: { output: 'speaker' | 'ringer' }; res: Outcome };
  'account:get': { req: Record<string, never>; res: AccountView | null };
  /** Every stored account and the default one (the one registered), by user@domain. */
  'account:list': { req: Record<string, never>; res: { accounts: AccountView[]; defaultAor: string } };
  /** Makes a stored account the default: the softphone registers as it. */
  'account:select': { req: { aor: string }; res: Outcome };
  /** Saves the form as `replaces` (the account being edited) or as a new account; either
   * becomes the default. */
  'account:save': { req: { input: AccountInput; replaces?: string }; res: SaveAccountResult };
  /** Removes `aor` (default: the default account). */
  'account:remove': { req: { aor?: string }; res: Outcome };
  'account:test': { req: { input: AccountInput }; res: ConnectionTest | { ok: false; errors: FieldErrors } };
  /** Settings as a JSON file's text, without secrets. */
  'settings:export': { req: Record<string, never>; res: { text: string } };
  /** What the organization set by policy: the account fields it locks (a TURN credential
   * masked) and the policy keys it ignored, with why. */
  'settings:policy': {
    req: Record<string, never>;
    res: { locked: Partial<Record<AccountField, string>>; problems: { key: string; message: string }[]; allowOtherAccounts?: boolean };
  };
  /** A settings file's text: applied whole, or not at all with every problem listed. */
  'settings:import': { req: { text: string; confirmed?: boolean }; res: ImportResult };
}

/** Why the coordinator wants the person to confirm a call from a page first. */
export type ConfirmReason = 'premium' | 'unusual' | 'foreign-host';

/** A page's call: placed, refused, or to be confirmed on the card (`error` says why). */
export type PageCallOutcome = Outcome | { ok: false; error: string; confirm: ConfirmReason };

/** content script → coordinator: only what a person did on the page. */
export interface ContentRequests {
  /** The person clicked Call on a number (or a call link): a tel: or sip: URI. `confirmed`:
   * they pressed Call anyway on a card that showed the number in full and a warning. */
  'content:call': { req: { target: string; confirmed?: boolean }; res: PageCallOutcome };
  /** A person pressed a key or the pointer in this frame: it is the one a shortcut asks. */
  'content:focused': { req: Record<string, never>; res: Outcome };
  /** The number's type with the full metadata (premium rate, toll-free…), for the card. */
  'content:describe': { req: { tel: string }; res: { kind: string } };
}

/** coordinator → softphone */
export interface SoftphoneRequests {
  'softphone:configure': { req: { account: Account | null }; res: PhoneSnapshot };
  'softphone:snapshot': { req: { withMedia?: boolean }; res: PhoneSnapshot & { configured: boolean } };
  /** `tones`: keypad digits to send once the call is answered (a number's extension). */
  'softphone:dial': { req: { target: string; tones?: string }; res: Outcome<{ callId: string }> };
  'softphone:command': { req: { command: CallCommand }; res: CommandResult };
  /** The user's country ('' if unknown), for formatting callers' numbers. */
  'softphone:region': { req: { region: string }; res: Outcome };
  'softphone:audio': { req: { settings: AudioSettings }; res: Outcome<{ warnings: string[] }> };
  'softphone:test-audio': { req: { output: 'speaker' | 'ringer' }; res: Outcome };
  'softphone:retry': { req: Record<string, never>; res: Outcome };
  'softphone:dnd': { req: { on: boolean }; res: Outcome };
  'softphone:test': { req: { account: Account }; res: ConnectionTest };
}

/** softphone → coordinator */
export interface SoftphoneNotices {
  'softphone:changed': PhoneSnapshot;
}

/** What Offhook-as-the-Webex-phone reports: its line's registration and calls (Cisco's
 * Calling SDK in the offscreen document, src/providers/webex/softphone). */
export type WebexPhoneState = Pick<PhoneSnapshot, 'registration' | 'calls' | 'lastEnded' | 'audio'> & { tone: 'ringtone' | null };

/** coordinator (the Webex line) → the Webex phone in the offscreen document */
export interface WebexPhoneRequests {
  /** Register this browser as the user's Webex phone with the access token, or stop (null). */
  'webex-phone:start': { req: { config: { token: string; aor: string } | null }; res: WebexPhoneState & { configured: boolean } };
  /** The sound devices and ring volume (the phone's document has no storage). */
  'webex-phone:audio': { req: { settings: AudioSettings }; res: Outcome<{ warnings: string[] }> };
  /** The options page's Test speaker / Test ringer. */
  'webex-phone:test-audio': { req: { output: 'speaker' | 'ringer' }; res: Outcome };
  /** The access token, renewed. */
  'webex-phone:token': { req: { token: string }; res: Outcome };
  /** `withMedia`: with the level and device of the tone sounding now (tests read it). */
  'webex-phone:state': { req: { withMedia?: boolean }; res: WebexPhoneState & { configured: boolean } };
  'webex-phone:dial': { req: { target: string; tones?: string }; res: Outcome<{ callId: string }> };
  'webex-phone:command': { req: { command: CallCommand }; res: CommandResult };
  'webex-phone:retry': { req: Record<string, never>; res: Outcome };
}

/** the Webex phone → coordinator */
export interface WebexPhoneNotices {
  'webex-phone:changed': WebexPhoneState;
}

/** What Offhook-as-the-Genesys-phone reports (Genesys's WebRTC SDK in the offscreen document,
 * src/providers/genesys/softphone): whether this browser is the user's WebRTC station, and the
 * conversations it rings for and carries the sound of. The calls themselves (who, state) are
 * the Genesys line's, from the conversations topic. */
export interface GenesysPhoneState {
  registration: Registration;
  /** Conversations ringing here (a pending session to accept or reject). */
  ringing: string[];
  /** Conversations whose sound runs here. */
  media: string[];
  tone: 'ringtone' | null;
  audio?: PhoneSnapshot['audio'];
}

/** coordinator (the Genesys line) → the Genesys phone in the offscreen document */
export interface GenesysPhoneRequests {
  /** Become the user's WebRTC station with the access token in the region, or stop (null). */
  'genesys-phone:start': { req: { config: { token: string; region: string; aor: string } | null }; res: GenesysPhoneState & { configured: boolean } };
  'genesys-phone:audio': { req: { settings: AudioSettings }; res: Outcome<{ warnings: string[] }> };
  'genesys-phone:test-audio': { req: { output: 'speaker' | 'ringer' }; res: Outcome };
  'genesys-phone:token': { req: { token: string }; res: Outcome };
  'genesys-phone:state': { req: { withMedia?: boolean }; res: GenesysPhoneState & { configured: boolean } };
  /** What the phone does itself: answer, decline, mute, stats (the rest goes through the API). */
  'genesys-phone:command': { req: { command: CallCommand }; res: CommandResult };
  'genesys-phone:retry': { req: Record<string, never>; res: Outcome };
}

/** the Genesys phone → coordinator */
export interface GenesysPhoneNotices {
  'genesys-phone:changed': GenesysPhoneState;
}

/** coordinator → popup / options, over their `faces` port */
export interface FaceNotices {
  'phone:changed': PhoneSnapshot;
}

export interface Channels {
  coordinator: { requests: CoordinatorRequests; notices: Record<never, never> };
  content: { requests: ContentRequests; notices: Record<never, never> };
  softphone: { requests: SoftphoneRequests; notices: Record<never, never> };
  'softphone-events': { requests: Record<never, never>; notices: SoftphoneNotices };
  'webex-phone': { requests: WebexPhoneRequests; notices: Record<never, never> };
  'webex-phone-events': { requests: Record<never, never>; notices: WebexPhoneNotices };
  'genesys-phone': { requests: GenesysPhoneRequests; notices: Record<never, never> };
  'genesys-phone-events': { requests: Record<never, never>; notices: GenesysPhoneNotices };
}

export type ChannelName = keyof Channels;
export type RequestMap<C extends ChannelName> = Channels[C]['requests'];
export type NoticeMap<C extends ChannelName> = Channels[C]['notices'];

/** The envelope on the wire. `kind` separates requests from notices. */
export interface Envelope {
  offhook: 1;
  channel: ChannelName;
  kind: 'request' | 'notice';
  type: string;
  payload: unknown;
}

export type Reply = { ok: true; value: unknown } | { ok: false; error: string };

export const FACES_PORT = 'offhook-faces';

export function isEnvelope(message: unknown): message is Envelope {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.offhook === 1 &&
    typeof m.channel === 'string' &&
    (m.kind === 'request' || m.kind === 'notice') &&
    typeof m.type === 'string' &&
    typeof m.payload === 'object' &&
    m.payload !== null &&
    Object.keys(m).length === 5
  );
}
