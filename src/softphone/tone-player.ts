/** The tones the softphone plays itself: a ringtone for incoming calls, and ringback while
 * an outbound call rings without early media from the network. */
export type Tone = 'ringtone' | 'ringback' | 'call-waiting';

interface Pattern {
  frequencies: number[];
  /** [on, off] seconds, repeated. */
  cadence: number[];
  gain: number;
}

const PATTERNS: Record<Tone, Pattern> = {
  // North American ring: 440 + 480 Hz, 2 s on, 4 s off; the ringtone a little louder.
  ringtone: { frequencies: [440, 480], cadence: [0.4, 0.2, 0.4, 2.0], gain: 0.25 },
  ringback: { frequencies: [440, 480], cadence: [2.0, 4.0], gain: 0.08 },
  // A short beep under the conversation, so the person hears another call is waiting.
  'call-waiting': { frequencies: [440], cadence: [0.3, 9.7], gain: 0.1 },
};

/**
 * Synthesised with Web Audio, so no sound file is shipped and the volume is ours to set.
 * One tone at a time; `play` of the tone already playing changes nothing.
 */
export class TonePlayer {
  private ctx?: AudioContext;
  private current?: { tone: Tone; stop: () => void };

  constructor(private readonly createContext: () => AudioContext = () => new AudioContext()) {}

  get playing(): Tone | null {
    return this.current?.tone ?? null;
  }

  play(tone: Tone): void {
    if (this.current?.tone === tone) return;
    this.stop();
    this.ctx ??= this.createContext();
    const ctx = this.ctx;
    void ctx.resume().catch(() => undefined);
    const pattern = PATTERNS[tone];
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const oscillators = pattern.frequencies.map((f) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = f;
      osc.connect(gain);
      osc.start();
      return osc;
    });
    // Schedule the cadence a minute ahead and renew it, so a long ring never falls silent.
    let scheduledUntil = ctx.currentTime;
    const schedule = () => {
      while (scheduledUntil < ctx.currentTime + 60) {
        pattern.cadence.forEach((seconds, i) => {
          gain.gain.setValueAtTime(i % 2 === 0 ? pattern.gain / pattern.frequencies.length : 0, scheduledUntil);
          scheduledUntil += seconds;
        });
      }
    };
    schedule();
    const renew = setInterval(schedule, 30_000);
    this.current = {
      tone,
      stop: () => {
        clearInterval(renew);
        gain.gain.cancelScheduledValues(0);
        gain.gain.value = 0;
        for (const osc of oscillators) osc.stop();
        gain.disconnect();
      },
    };
  }

  stop(): void {
    this.current?.stop();
    this.current = undefined;
  }
}
