/** Where the far end's audio is played. The offscreen document gives each call an <audio>. */
export interface AudioSink {
  play(callId: string, stream: MediaStream): void;
  release(callId: string): void;
}

export class DomAudioSink implements AudioSink {
  private readonly elements = new Map<string, HTMLAudioElement>();

  constructor(private readonly doc: Document) {}

  play(callId: string, stream: MediaStream): void {
    let el = this.elements.get(callId);
    if (!el) {
      el = this.doc.createElement('audio');
      el.autoplay = true;
      this.doc.body.append(el);
      this.elements.set(callId, el);
    }
    if (el.srcObject !== stream) el.srcObject = stream;
    el.play().catch((error: unknown) => console.error('[offhook] softphone: cannot play remote audio', error));
  }

  release(callId: string): void {
    const el = this.elements.get(callId);
    if (!el) return;
    el.srcObject = null;
    el.remove();
    this.elements.delete(callId);
  }
}
