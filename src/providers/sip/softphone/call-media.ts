import type { Session, Web } from 'sip.js';
import type { CallInfo, MediaFigures } from '../../../shared/call/call-info';
import type { AudioSink } from '../../../shared/audio/audio-sink';
import { BitrateMeter } from './bitrate-meter';
import type { MixerLeg } from './conference-mixer';
import { readMediaStats } from '../../../shared/call/media-stats';

/**
 * Which way audio flows: our microphone goes out only when neither muted nor held; we hear
 * them unless held. In a conference the sender carries the mix (the others' voices too), so
 * only hold silences it; the mixer mutes the microphone.
 */
export function trackFlow(call: Pick<CallInfo, 'muted' | 'held' | 'conference'>): { send: boolean; receive: boolean } {
  return { send: call.conference ? !call.held : !call.muted && !call.held, receive: !call.held };
}

/**
 * One call's audio, as its peer connection carries it. sip.js creates the session description
 * handler only once an offer or answer is under way, so every use looks it up afresh.
 */
export class CallMedia {
  private readonly bitrates = new BitrateMeter();

  constructor(
    private readonly session: Session,
    private readonly callId: string,
    private readonly audio: AudioSink,
  ) {}

  /** Enables or silences our sender and their receiver for the call's mute, hold and conference. */
  applyTracks(call: Pick<CallInfo, 'muted' | 'held' | 'conference'>): void {
    const flow = trackFlow(call);
    const sdh = this.handler();
    sdh?.enableSenderTracks(flow.send);
    sdh?.enableReceiverTracks(flow.receive);
  }

  /** Plays the far end's audio, once there is any (early media or the answer). */
  playRemote(): void {
    const sdh = this.handler();
    if (sdh?.remoteMediaStream) this.audio.play(this.callId, sdh.remoteMediaStream);
  }

  /** Stops playing the call's audio: it is over. */
  release(): void {
    this.audio.release(this.callId);
  }

  /** What the conference mixer needs: the far end's stream and our audio sender. */
  mixerLeg(): MixerLeg | undefined {
    const sdh = this.handler();
    const sender = sdh?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sdh?.remoteMediaStream || !sender) return undefined;
    return { remote: sdh.remoteMediaStream, sender };
  }

  /** Audio figures from getStats: bytes, codec, loss, jitter, round trip, bitrate. */
  async figures(): Promise<MediaFigures | undefined> {
    const pc = this.peerConnection();
    if (!pc) return undefined;
    const report = await pc.getStats();
    const figures = readMediaStats(report);
    this.bitrates.measure(figures, Date.now());
    return figures;
  }

  peerConnection(): RTCPeerConnection | undefined {
    return this.handler()?.peerConnection;
  }

  private handler(): Web.SessionDescriptionHandler | undefined {
    return this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  }
}
