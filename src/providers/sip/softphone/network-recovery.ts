import type { Session } from 'sip.js';

/** How long ICE may stay "disconnected" before we restart it ourselves. */
const ICE_DISCONNECTED_GRACE_MS = 2000;
/** SIP's own transaction timeout (64 × T1) is 32 s; a restart waits no longer than this. */
const RE_INVITE_TIMEOUT_MS = 10_000;

/** A re-INVITE's offer: audio only, keeping the hold state, optionally with fresh ICE credentials. */
export function reInviteOptions(held: boolean, iceRestart = false): object {
  return {
    hold: held,
    constraints: { audio: true, video: false },
    ...(iceRestart ? { offerOptions: { iceRestart: true } } : {}),
  };
}

/** What recovery needs to know of its call, and to tell it. */
export interface RecoveringCall {
  /** Whether the call is answered and up: only then is a re-INVITE worth sending. */
  established(): boolean;
  /** Whether we hold the far end: every re-INVITE keeps it so. */
  held(): boolean;
  /** The far end no longer knows the call (481) or never answers (408): it is lost. */
  lost(status: number): void;
}

/**
 * Keeps an answered call going when the network changes under it. A new signalling
 * connection is announced with a re-INVITE (`refreshTarget`); a broken media path gets an
 * ICE restart (`restartIce`), started by us when ICE reports it (`watchIce`). A restart that
 * could not be sent rides on the next re-INVITE.
 */
export class NetworkRecovery {
  private restarting?: Promise<boolean>;
  private restartWanted = false;
  private watching = false;

  constructor(
    private readonly session: Session,
    private readonly call: RecoveringCall,
  ) {}

  /**
   * After the signalling connection was replaced, tell the far end where we are now: a
   * re-INVITE carries the new connection's route, so its BYE or re-INVITE reaches us again.
   * A far end that no longer knows the call (481) ends it here too, with the reason.
   */
  async refreshTarget(): Promise<void> {
    if (!this.call.established()) return;
    const iceRestart = this.restartWanted;
    this.session.sessionDescriptionHandlerOptionsReInvite = reInviteOptions(this.call.held(), iceRestart);
    await new Promise<void>((resolve) => {
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => {
              if (iceRestart) this.restartWanted = false;
              resolve();
            },
            onReject: (r) => {
              if (r.message.statusCode === 481 || r.message.statusCode === 408) this.call.lost(r.message.statusCode);
              resolve();
            },
          },
        })
        .catch(() => resolve());
    });
  }

  /**
   * The network changed under the call (another Wi-Fi, a VPN, a cable): offer fresh ICE
   * credentials and candidates in a re-INVITE so media finds a path again. Returns whether
   * the far end took it; one restart at a time. A restart that could not be sent (the
   * WebSocket is down too) is remembered and rides on the re-INVITE sent after re-registering.
   */
  async restartIce(): Promise<boolean> {
    if (!this.call.established()) return false;
    if (this.restarting) return this.restarting;
    this.restarting = this.reInvite(true).then((ok) => {
      this.restartWanted = !ok;
      this.restarting = undefined;
      return ok;
    });
    return this.restarting;
  }

  /** ICE reports the path broken: restart at once on "failed"; "disconnected" often heals by
   * itself within a second or two, so give it that long first. */
  watchIce(pc: RTCPeerConnection | undefined): void {
    if (!pc || this.watching) return;
    this.watching = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    pc.addEventListener('iceconnectionstatechange', () => {
      clearTimeout(timer);
      if (!this.call.established()) return;
      if (pc.iceConnectionState === 'failed') void this.restartIce();
      else if (pc.iceConnectionState === 'disconnected')
        timer = setTimeout(() => {
          if (pc.iceConnectionState === 'disconnected') void this.restartIce();
        }, ICE_DISCONNECTED_GRACE_MS);
    });
  }

  /** A re-INVITE that keeps the hold state, optionally with an ICE restart; resolves whether it was accepted. */
  private reInvite(iceRestart: boolean): Promise<boolean> {
    this.session.sessionDescriptionHandlerOptionsReInvite = reInviteOptions(this.call.held(), iceRestart);
    return new Promise<boolean>((resolve) => {
      // A request that can never be sent (no connection) must not block the next restart.
      setTimeout(() => resolve(false), RE_INVITE_TIMEOUT_MS);
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: () => resolve(false),
          },
        })
        .catch(() => resolve(false));
    });
  }
}
