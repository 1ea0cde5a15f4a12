/** A phone's sound as its state with media tells it: the level of the tone sounding now, and
 * the device it plays on. */
export interface SoundNow {
  level?: number;
  sinkId?: string;
}

/**
 * The loudest a phone's tones get over `ms`, and the device they play on. One reading is not
 * enough: a tone has a cadence, and a reading in its pause is silence.
 */
export async function loudest(read: () => Promise<SoundNow | undefined>, ms: number): Promise<{ level: number; sinkId: string }> {
  let best = { level: 0, sinkId: '' };
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const now = await read();
    if ((now?.level ?? 0) >= best.level) best = { level: now?.level ?? 0, sinkId: now?.sinkId ?? '' };
  }
  return best;
}
