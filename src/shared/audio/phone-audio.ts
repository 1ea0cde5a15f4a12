import { AudioRouting, type ResolvedAudio } from './audio-routing';
import type { AudioSink } from './audio-sink';
import type { TestOutput, TonePlayer } from './tone-player';
import type { AudioSettings, DeviceInfo } from '../settings/audio-settings';
import type { PhoneSnapshot } from '../phone/snapshot';

type Tones = Pick<TonePlayer, 'play' | 'stop' | 'playing' | 'testing' | 'test' | 'setOutputs' | 'level'>;

/**
 * The sound of a platform's phone run by Offhook (Webex's Calling SDK, Genesys's WebRTC SDK),
 * as the SIP softphone's: the far end on the chosen speaker, the
 * ringtone on the chosen ringer at the ring volume, the chosen microphone for the next call,
 * and the options page's Test speaker / Test ringer. The devices are resolved again when one
 * is plugged in or pulled out.
 */
export class PhoneAudio {
  private readonly routing: AudioRouting;

  constructor(
    private readonly sink: AudioSink,
    private readonly tones: Tones,
    listDevices: () => Promise<DeviceInfo[]>,
  ) {
    this.routing = new AudioRouting(listDevices, (resolved) => this.apply(resolved));
  }

  /** The user's audio settings (the phone's document has no storage: the worker sends them). */
  async set(settings: AudioSettings): Promise<string[]> {
    return (await this.routing.set(settings)).warnings;
  }

  /** Devices came or went. */
  refresh(): Promise<ResolvedAudio> {
    return this.routing.refresh();
  }

  /** '' : the system default. */
  get microphone(): string {
    return this.routing.current.microphone;
  }

  play(callId: string, track: MediaStreamTrack): void {
    this.sink.play(callId, new MediaStream([track]));
  }

  /** The element a call's far end plays on, on the chosen speaker, for an SDK that attaches
   * the stream itself (Genesys's). */
  element(callId: string): HTMLAudioElement {
    if (!this.sink.element) throw new Error('this sound sink has no elements');
    return this.sink.element(callId);
  }

  /** An SDK moved call `callId`'s element to a device of its own choosing: back to the chosen one. */
  reroute(callId: string): void {
    this.sink.reroute?.(callId);
  }

  release(callId: string): void {
    this.sink.release(callId);
  }

  /** Rings while a call rings; silent otherwise (a test sound plays to its end). */
  follow(state: { tone: 'ringtone' | null }): void {
    if (state.tone) this.tones.play(state.tone);
    else if (!this.tones.testing) this.tones.stop();
  }

  /** A short ring on the ringer or a beep on the speaker; `done` when it ends (then follow
   * the phone's state again: a call may have begun to ring meanwhile). */
  test(output: TestOutput, done: () => void): void {
    this.tones.test(output, done);
  }

  /** What the options page shows; the level and device of the sounding tone with `withMedia`. */
  view(withMedia = false): NonNullable<PhoneSnapshot['audio']> {
    return {
      warnings: this.routing.current.warnings,
      testing: this.tones.testing,
      ...(withMedia ? this.tones.level() : {}),
    };
  }

  private apply(resolved: ResolvedAudio): void {
    this.sink.setOutput?.(resolved.speaker);
    this.tones.setOutputs(resolved);
  }
}
