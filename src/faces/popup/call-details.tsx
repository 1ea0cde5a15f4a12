import { useEffect, useState } from 'preact/hooks';
import type { MediaFigures } from '../../shared/call/call-info';
import { formatNumber, t } from '../../shared/i18n/t';

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
      <summary>{t('popupDetails')}</summary>
      {media ? <Figures media={media} /> : <p class="hint">{t('popupMeasuring')}</p>}
    </details>
  );
}

function Figures({ media }: { media: MediaFigures }) {
  const n = formatNumber;
  const rows: [string, string, string][] = [
    ['codec', t('popupFigureCodec'), media.codec ? (media.clockRate ? t('popupFigureCodecRate', media.codec, n(media.clockRate / 1000)) : media.codec) : '—'],
    ['loss', t('popupFigureLoss'), media.packetsLost !== undefined ? t('popupFigureLossValue', n(media.lossPercent ?? 0), n(media.packetsLost)) : '—'],
    ['jitter', t('popupFigureJitter'), media.jitterMs !== undefined ? t('popupFigureMs', n(media.jitterMs)) : '—'],
    ['rtt', t('popupFigureRoundTrip'), media.roundTripMs !== undefined ? t('popupFigureMs', n(media.roundTripMs)) : '—'],
    ['bitrate', t('popupFigureBitrate'), media.receiveKbps !== undefined ? t('popupFigureKbps', n(media.receiveKbps), n(media.sendKbps ?? 0)) : '—'],
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
