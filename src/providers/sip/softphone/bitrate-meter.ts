import type { MediaFigures } from '../../../shared/call/call-info';

/** Reads closer together than this measure noise, not a bitrate. */
const MIN_SAMPLE_MS = 250;

/**
 * The bitrates between two reads of the byte counters. A read sooner than 250 ms after the
 * last measured one gets none and leaves that one as the base, so a burst of reads does not
 * turn the figure into noise.
 */
export class BitrateMeter {
  private last?: { at: number; sent: number; received: number };

  /** Adds `sendKbps` and `receiveKbps` to `figures`, read at `now` (ms). */
  measure(figures: MediaFigures, now: number): void {
    const last = this.last;
    if (last && now - last.at >= MIN_SAMPLE_MS) {
      const seconds = (now - last.at) / 1000;
      figures.receiveKbps = Math.round(((figures.bytesReceived - last.received) * 8) / seconds / 100) / 10;
      figures.sendKbps = Math.round(((figures.bytesSent - last.sent) * 8) / seconds / 100) / 10;
    }
    if (!last || now - last.at >= MIN_SAMPLE_MS) this.last = { at: now, sent: figures.bytesSent, received: figures.bytesReceived };
  }
}
