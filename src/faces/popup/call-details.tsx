import { useEffect, useState } from 'preact/hooks';
import type { MediaFigures } from '../../shared/call/call-info';

/** How often the open details view asks for fresh figures. */
const REFRESH_MS = 1000;

/**
 * Call details: the negotiated codec and the live quality figures of one call. Fetched
 * only while open (getStats is not free), refreshed every second.
 */
export function CallDetails({ load }: { load: () => Promise<MediaFigures | null> }) {
  const [open, setOpen] = useState(false);
  const [media, setMedia] = useState<MediaFigures | null>(null);
  useEffect(() => {
    if (!open) return;
    let stopped = false;
    const tick = () => void load().then((m) => !stopped && setMedia(m)).catch(() => undefined);
    tick();
    const timer = setInterval(tick, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [open, load]);
  return (
    <details class="call-details" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Details</summary>
      {media ? <Figures media={media} /> : <p class="hint">Measuring…</p>}
    </details>
  );
}

function Figures({ media }: { media: MediaFigures }) {
  const rows: [string, string, string][] = [
    ['codec', 'Codec', media.codec ? `${media.codec}${media.clockRate ? ` (${media.clockRate / 1000} kHz)` : ''}` : '—'],
    ['loss', 'Packet loss', media.packetsLost !== undefined ? `${media.lossPercent ?? 0} % (${media.packetsLost} packets)` : '—'],
    ['jitter', 'Jitter', media.jitterMs !== undefined ? `${media.jitterMs} ms` : '—'],
    ['rtt', 'Round trip', media.roundTripMs !== undefined ? `${media.roundTripMs} ms` : '—'],
    ['bitrate', 'Bitrate in / out', media.receiveKbps !== undefined ? `${media.receiveKbps} / ${media.sendKbps ?? 0} kbit/s` : '—'],
  ];
  return (
    <dl class="figures">
      {rows.map(([key, label, value]) => (
        <div key={key} data-figure={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
