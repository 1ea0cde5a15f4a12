import type { MediaFigures } from './call-info';

type StatsEntry = Record<string, unknown> & { type?: string; id?: string };

/** The call's audio figures out of an RTCStatsReport (plain entries, so it is unit-tested). */
export function readMediaStats(report: { forEach(cb: (entry: StatsEntry) => void): void; get?(id: string): unknown }): MediaFigures {
  const figures: MediaFigures = { bytesSent: 0, bytesReceived: 0, packetsReceived: 0 };
  const entries: StatsEntry[] = [];
  report.forEach((entry) => entries.push(entry));
  const byId = new Map(entries.map((e) => [String(e.id), e]));
  const kindOf = (e: StatsEntry) => e.kind ?? e.mediaType;
  let lost = 0;
  for (const e of entries) {
    if (e.type === 'inbound-rtp' && kindOf(e) === 'audio') {
      figures.bytesReceived += Number(e.bytesReceived ?? 0);
      figures.packetsReceived += Number(e.packetsReceived ?? 0);
      lost += Number(e.packetsLost ?? 0);
      if (typeof e.jitter === 'number') figures.jitterMs = Math.round(e.jitter * 10_000) / 10;
      const codec = e.codecId ? byId.get(String(e.codecId)) : undefined;
      if (codec && typeof codec.mimeType === 'string') {
        figures.codec = codec.mimeType.replace(/^audio\//i, '').toLowerCase();
        if (typeof codec.clockRate === 'number') figures.clockRate = codec.clockRate;
      }
    } else if (e.type === 'outbound-rtp' && kindOf(e) === 'audio') {
      figures.bytesSent += Number(e.bytesSent ?? 0);
    } else if (e.type === 'remote-inbound-rtp' && kindOf(e) === 'audio' && typeof e.roundTripTime === 'number') {
      figures.roundTripMs = Math.round(e.roundTripTime * 1000);
    }
  }
  if (figures.roundTripMs === undefined) {
    const pair = entries.find((e) => e.type === 'candidate-pair' && e.nominated && typeof e.currentRoundTripTime === 'number');
    if (pair) figures.roundTripMs = Math.round(Number(pair.currentRoundTripTime) * 1000);
  }
  figures.packetsLost = Math.max(0, lost);
  const expected = figures.packetsReceived + figures.packetsLost;
  figures.lossPercent = expected > 0 ? Math.round((figures.packetsLost / expected) * 1000) / 10 : 0;
  return figures;
}
