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

const SPEAKER_TEST: Pattern = { frequencies: [660], cadence: [0.5, 0.25], gain: 0.2 };

/**
 * Synthesised with Web Audio, so no sound file is shipped and the volume is ours to set.
 * One tone at a time; `play` of the tone already playing changes nothing.
 */
type SinkContext = AudioContext & { setSinkId?: (id: string) => Promise<void>; sinkId?: string | object };

/** The test buttons in the options page: a short ring on the ringer, a beep on the speaker. */
export type TestOutput = 'speaker' | 'ringer';
const TEST_MS = 2000;

export class TonePlayer {
  private ctx?: SinkContext;
  private analyser?: AnalyserNode;
  private current?: { tone: Tone | TestOutput; stop: () => void };
  /** The ringtone goes to the ringer device at the ringtone volume; the others to the speaker. */
  private outputs = { speaker: '', ringer: '', ringVolume: 0.8 };
  private testTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly createContext: () => AudioContext = () => new AudioContext()) {}

  get playing(): Tone | null {
    const tone = this.current?.tone;
    return tone === 'speaker' || tone === 'ringer' ? null : (tone ?? null);
  }

  /** Which test is sounding, if any. */
  get testing(): TestOutput | null {
    const tone = this.current?.tone;
    return tone === 'speaker' || tone === 'ringer' ? tone : null;
  }

  setOutputs(outputs: { speaker: string; ringer: string; ringVolume: number }): void {
    this.outputs = { ...outputs };
  }

  /** What is sounding now, for the e2e hook and the options page: RMS level and device. */
  level(): { level: number; sinkId: string } {
    const analyser = this.analyser;
    if (!analyser) return { level: 0, sinkId: '' };
    const data = new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    const sinkId = this.ctx?.sinkId;
    return { level: Math.sqrt(sum / data.length), sinkId: typeof sinkId === 'string' ? sinkId : '' };
  }

  /** Plays a short test on the speaker or the ringer; `done` is called when it ends. */
  test(output: TestOutput, done: () => void): void {
    this.play(output);
    clearTimeout(this.testTimer);
    this.testTimer = setTimeout(() => {
      if (this.current?.tone === output) this.stop();
      done();
    }, TEST_MS);
  }

  play(tone: Tone | TestOutput): void {
    if (this.current?.tone === tone) return;
    this.stop();
    this.ctx ??= this.createContext() as SinkContext;
    const ctx = this.ctx;
    void ctx.resume().catch(() => undefined);
    if (!this.analyser) {
      this.analyser = ctx.createAnalyser();
      this.analyser.fftSize = 2048;
      this.analyser.connect(ctx.destination);
    }
    const toRinger = tone === 'ringtone' || tone === 'ringer';
    const sink = toRinger ? this.outputs.ringer : this.outputs.speaker;
    if (ctx.setSinkId && (typeof ctx.sinkId === 'string' ? ctx.sinkId : '') !== sink)
      ctx.setSinkId(sink).catch((error: unknown) => console.error('[offhook] softphone: cannot use the chosen output for tones', error));
    const pattern = tone === 'ringer' ? PATTERNS.ringtone : tone === 'speaker' ? SPEAKER_TEST : PATTERNS[tone];
    const volume = toRinger ? this.outputs.ringVolume : 1;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(this.analyser);
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
          gain.gain.setValueAtTime(i % 2 === 0 ? (volume * pattern.gain) / pattern.frequencies.length : 0, scheduledUntil);
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
    clearTimeout(this.testTimer);
    this.current?.stop();
    this.current = undefined;
  }
}
