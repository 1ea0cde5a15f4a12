import type { DialPlan } from '../dial-plan/dial-plan';

/** What the softphone needs to register. Secrets (password, HA1) travel only between the
 * coordinator and the softphone; the faces see an {@link AccountView}. */
export interface Account {
  /** Which phone system the account is for, and so which provider's line serves it. */
  kind: AccountKind;
  /** WebSocket URL of the PBX, e.g. wss://pbx.example.com:8089/ws */
  server: string;
  /** SIP user part of the address of record. */
  username: string;
  /** Digest username when the PBX wants a different one (empty: same as username). */
  authUsername: string;
  /** SIP domain, which is also the realm unless the PBX says otherwise. */
  domain: string;
  displayName: string;
  /** Exactly one of password and ha1 is set. */
  password: string;
  /** MD5(username:realm:password) as stored by the PBX, instead of the password. */
  ha1: string;
  /** A platform's sign-in (Wazo's refresh token), kept instead of the platform password, which
   * is used once to sign in and never stored. Empty for a SIP account, and for a platform
   * account that must be signed in again. A secret like the password. */
  refreshToken: string;
  /** The OAuth client an admin registered for Offhook at the platform (Genesys Cloud), which
   * the sign-in names. Not a secret; empty for other kinds. */
  oauthClientId: string;
  iceServers: IceServer[];
  /** How keypad digits reach the far end: RTP telephone-events, or SIP INFO for PBXs that
   * want it. */
  dtmfMethod: DtmfMethod;
  /** 'intercom': answer at once when the PBX marks a call for auto-answer (Call-Info
   * answer-after, Alert-Info auto-answer). Never any other call; off by default. */
  autoAnswer: AutoAnswer;
  /** What to do when the far end of a call asks (SIP REFER) to transfer the user elsewhere:
   * 'decline' (the default) refuses with 603 and tells the user; 'ask' lets the user accept. */
  transferRequests: TransferRequests;
  /** How numbers become dial strings for this PBX (outside line, national format…). */
  dialPlan: DialPlan;
  /** A platform account (Webex Calling): 'offhook' makes this browser the user's platform phone
   * (the platform's own SDK in the offscreen document); absent or 'platform', Offhook drives the
   * user's platform phone (their app or desk phone) through the platform's API. */
  phoneMode?: PhoneMode;
  /** Registration lifetime asked of the PBX, in seconds ({@link EXPIRES_MIN}–{@link EXPIRES_MAX}).
   * The PBX may grant less; the softphone refreshes well before whatever it granted. */
  expires: number;
}

export const EXPIRES_DEFAULT = 300;
export const EXPIRES_MIN = 60;
export const EXPIRES_MAX = 3600;

/** The phone systems Offhook has a provider for (src/providers/<kind>). */
export const ACCOUNT_KINDS = ['sip', 'wazo', 'genesys', 'webex'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export type AutoAnswer = 'off' | 'intercom';

export type PhoneMode = 'platform' | 'offhook';

export type TransferRequests = 'decline' | 'ask';

export type DtmfMethod = 'rfc4733' | 'info';

export interface IceServer {
  urls: string;
  username?: string;
  credential?: string;
}

/** An ICE server as the faces see it: a TURN credential is only said to be stored. */
export type IceServerView = Omit<IceServer, 'credential'> & { hasCredential?: true };

/** The account as the options page may see it: no secret (password, HA1, TURN credential),
 * only whether one is stored. */
export type AccountView = Omit<Account, 'password' | 'ha1' | 'refreshToken' | 'iceServers'> & {
  /** 'token': signed in to the platform. */
  secret: 'password' | 'ha1' | 'token' | 'none';
  iceServers: IceServerView[];
};

export function toView(account: Account): AccountView {
  const { password, ha1, refreshToken, iceServers, ...rest } = account;
  return {
    ...rest,
    iceServers: iceServers.map(({ credential, ...server }) => ({ ...server, ...(credential ? { hasCredential: true as const } : {}) })),
    secret: password ? 'password' : ha1 ? 'ha1' : refreshToken ? 'token' : 'none',
  };
}

/**
 * Whether a stored secret may go with an edited or imported account: only to the same server,
 * as the same user and authentication user. A form or a settings file that moves the account
 * elsewhere gets no password it did not type (else a shared file could send it to any server).
 */
export function sameHome(a: Pick<Account, 'kind' | 'server' | 'username' | 'domain' | 'authUsername'>, b: typeof a): boolean {
  return (
    a.kind === b.kind &&
    a.server === b.server &&
    a.username === b.username &&
    a.domain.toLowerCase() === b.domain.toLowerCase() &&
    (a.authUsername || a.username) === (b.authUsername || b.username)
  );
}

/**
 * The account's address, user@domain: its name in the account book, the vault and every
 * message that names an account. The one place it is made, from a stored account or from
 * what a form or a file says (trimmed; the domain compares case-insensitively).
 */
export function addressOfRecord(account: { username: string; domain: string }): string {
  return `${account.username.trim()}@${account.domain.trim().toLowerCase()}`;
}
