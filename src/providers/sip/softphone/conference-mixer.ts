/** One call in the conference, as the mixer needs it. */
export interface MixerLeg {
  /** What the far end of this leg sends us. */
  remote: MediaStream;
  /** Our audio sender on this leg's peer connection. */
  sender: RTCRtpSender;
}

interface LegNodes {
  source: MediaStreamAudioSourceNode;
  out: MediaStreamAudioDestinationNode;
  sender: RTCRtpSender;
  /** The microphone track the leg sent before the merge, put back when it leaves. */
  original: MediaStreamTrack | null;
}

/**
 * The local three-way conference: each leg is sent the microphone plus every other leg's
 * audio, mixed with Web Audio; the user already hears every leg through its own <audio>.
 * Mute applies to the microphone's input to the mix, so the others still hear each other.
 */
export class ConferenceMixer {
  private readonly ctx: AudioContext;
  private readonly micGain: GainNode;
  private micSource?: MediaStreamAudioSourceNode;
  private readonly legs = new Map<string, LegNodes>();

  constructor(createContext: () => AudioContext = () => new AudioContext()) {
    this.ctx = createContext();
    void this.ctx.resume().catch(() => undefined);
    this.micGain = this.ctx.createGain();
  }

  get size(): number {
    return this.legs.size;
  }

  ids(): string[] {
    return [...this.legs.keys()];
  }

  has(callId: string): boolean {
    return this.legs.has(callId);
  }

  add(callId: string, leg: MixerLeg): void {
    if (this.legs.has(callId)) return;
    const original = leg.sender.track;
    // The first leg's microphone feeds the mix (every leg captures the same device).
    if (!this.micSource && original) {
      this.micSource = this.ctx.createMediaStreamSource(new MediaStream([original]));
      this.micSource.connect(this.micGain);
    }
    const nodes: LegNodes = {
      source: this.ctx.createMediaStreamSource(leg.remote),
      out: this.ctx.createMediaStreamDestination(),
      sender: leg.sender,
      original,
    };
    this.micGain.connect(nodes.out);
    for (const other of this.legs.values()) {
      other.source.connect(nodes.out);
      nodes.source.connect(other.out);
    }
    this.legs.set(callId, nodes);
    const mixed = nodes.out.stream.getAudioTracks()[0];
    if (mixed) void leg.sender.replaceTrack(mixed).catch((error: unknown) => console.error('[offhook] conference: cannot send the mix', error));
  }

  /** The leg leaves the mix and sends its own microphone again (resolved once it does). */
  async remove(callId: string): Promise<void> {
    const nodes = this.legs.get(callId);
    if (!nodes) return;
    this.legs.delete(callId);
    nodes.source.disconnect();
    this.micGain.disconnect(nodes.out);
    for (const other of this.legs.values()) other.source.disconnect(nodes.out);
    nodes.out.stream.getTracks().forEach((t) => t.stop());
    await nodes.sender.replaceTrack(nodes.original).catch(() => undefined);
  }

  setMicMuted(muted: boolean): void {
    this.micGain.gain.value = muted ? 0 : 1;
  }

  close(): void {
    for (const id of [...this.legs.keys()]) void this.remove(id);
    this.micSource?.disconnect();
    void this.ctx.close().catch(() => undefined);
  }
}
