/** Where the far end's audio is played. The offscreen document gives each call an <audio>. */
export interface AudioSink {
  play(callId: string, stream: MediaStream): void;
  release(callId: string): void;
  /** The element call `callId` plays on (made and routed if new), for a caller that sets its
   * stream itself. */
  element?(callId: string): HTMLAudioElement;
  /** Puts call `callId`'s element back on the chosen speaker (an SDK set its own). */
  reroute?(callId: string): void;
  /** Where every call's audio goes: a device id, '' for the system default. */
  setOutput?(deviceId: string): void;
  /** The device each call's audio element plays on now. */
  sinks?(): string[];
}

type SinkElement = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };

export class DomAudioSink implements AudioSink {
  private readonly elements = new Map<string, HTMLAudioElement>();
  private output = '';

  constructor(private readonly doc: Document) {}

  element(callId: string): HTMLAudioElement {
    let el = this.elements.get(callId);
    if (!el) {
      el = this.doc.createElement('audio');
      el.autoplay = true;
      this.doc.body.append(el);
      this.elements.set(callId, el);
      this.route(el);
    }
    return el;
  }

  play(callId: string, stream: MediaStream): void {
    const el = this.element(callId);
    if (el.srcObject !== stream) el.srcObject = stream;
    el.play().catch((error: unknown) => console.error('[offhook] softphone: cannot play remote audio', error));
  }

  reroute(callId: string): void {
    const el = this.elements.get(callId);
    if (el) this.route(el);
  }

  sinks(): string[] {
    return [...this.elements.values()].map((el) => (el as SinkElement).sinkId ?? '');
  }

  setOutput(deviceId: string): void {
    this.output = deviceId;
    for (const el of this.elements.values()) this.route(el);
  }

  private route(el: SinkElement): void {
    if (!el.setSinkId || el.sinkId === this.output) return;
    el.setSinkId(this.output).catch((error: unknown) => {
      console.error('[offhook] softphone: cannot use the chosen speaker, using the default', error);
      void el.setSinkId?.('').catch(() => undefined);
    });
  }

  release(callId: string): void {
    const el = this.elements.get(callId);
    if (!el) return;
    el.srcObject = null;
    el.remove();
    this.elements.delete(callId);
  }
}
