import { describe, expect, it } from 'vitest';
import { readMediaStats } from './media-stats';

const report = (entries: Record<string, unknown>[]) => ({ forEach: (cb: (e: Record<string, unknown>) => void) => entries.forEach(cb) });

describe('readMediaStats', () => {
  it('reads codec, loss, jitter and round trip from the audio streams', () => {
    const figures = readMediaStats(
      report([
        { type: 'codec', id: 'C1', mimeType: 'audio/opus', clockRate: 48000 },
        { type: 'inbound-rtp', kind: 'audio', codecId: 'C1', bytesReceived: 5000, packetsReceived: 95, packetsLost: 5, jitter: 0.0123 },
        { type: 'outbound-rtp', kind: 'audio', bytesSent: 4000 },
        { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.042 },
        { type: 'inbound-rtp', kind: 'video', bytesReceived: 99999 },
      ]),
    );
    expect(figures).toMatchObject({
      bytesReceived: 5000,
      bytesSent: 4000,
      codec: 'opus',
      clockRate: 48000,
      packetsLost: 5,
      lossPercent: 5,
      jitterMs: 12.3,
      roundTripMs: 42,
    });
  });

  it('falls back to the ICE pair for the round trip, and reports no loss on a fresh call', () => {
    const figures = readMediaStats(
      report([
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 0, packetsReceived: 0 },
        { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.001 },
      ]),
    );
    expect(figures.roundTripMs).toBe(1);
    expect(figures.lossPercent).toBe(0);
    expect(figures.codec).toBeUndefined();
  });
});
