import { t } from '../../../shared/i18n/t';
import { readAccount } from '../../../shared/account/read-account';
import { notify, serveRequests } from '../../../shared/messaging/endpoint';
import { DomAudioSink } from '../../../shared/audio/audio-sink';
import { AudioRouting } from '../../../shared/audio/audio-routing';
import { validateAudioSettings } from '../../../shared/settings/audio-settings';
import { testConnection } from './connection-test';
import { installBundledMessages } from './bundled-messages';
import { SipPhone } from './sip-phone';
import { runCallCommand } from './run-command';
import { readCallCommand } from '../../../shared/phone/call-command';

/** The offscreen document's whole job: host one SipPhone and answer the coordinator. */
export function startSoftphone(doc: Document): SipPhone {
  installBundledMessages();
  const phone = new SipPhone(new DomAudioSink(doc), (snapshot) => {
    void notify('softphone-events', 'softphone:changed', snapshot);
  });

  const routing = new AudioRouting(
    async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind })),
    (resolved) => phone.setAudio(resolved),
  );
  // A headset plugged in or pulled out: choose again (by id, by label, or the default).
  navigator.mediaDevices?.addEventListener('devicechange', () => void routing.refresh());

  serveRequests('softphone', {
    'softphone:region': {
      shape: { region: 'string' },
      run: ({ region }) => {
        if (!/^([A-Z]{2})?$/.test(region)) throw new Error('A region is two capital letters.');
        phone.setRegion(region);
        return { ok: true as const };
      },
    },
    'softphone:audio': {
      shape: { settings: 'object' },
      run: async ({ settings }) => ({ ok: true as const, warnings: (await routing.set(validateAudioSettings(settings))).warnings }),
    },
    'softphone:test-audio': {
      shape: { output: 'string' },
      run: ({ output }) => {
        if (output !== 'speaker' && output !== 'ringer') throw new Error(t('audioErrorTestOutput'));
        phone.testAudio(output);
        return { ok: true as const };
      },
    },
    'softphone:configure': {
      shape: { account: 'null|object' },
      run: async ({ account }) => {
        await phone.configure(account === null ? null : readAccount(account));
        return phone.snapshot();
      },
    },
    'softphone:snapshot': {
      shape: { withMedia: 'boolean?' },
      run: async ({ withMedia }) => ({
        ...(withMedia ? await phone.snapshotWithMedia() : phone.snapshot()),
        configured: phone.configured,
      }),
    },
    'softphone:dial': {
      shape: { target: 'string', tones: 'string?' },
      run: async ({ target, tones }) => {
        if (tones !== undefined && !/^[0-9*#]{1,32}$/.test(tones)) throw new Error('Only 0–9, * and # are sent after answer.');
        return { ok: true as const, callId: await phone.dial(target, tones) };
      },
    },
    'softphone:command': {
      shape: { command: 'object' },
      run: ({ command }) => runCallCommand(phone, readCallCommand(command)),
    },
    'softphone:dnd': {
      shape: { on: 'boolean' },
      run: ({ on }) => (phone.setDoNotDisturb(on), { ok: true as const }),
    },
    'softphone:retry': {
      shape: {},
      run: () => (phone.retry(), { ok: true as const }),
    },
    'softphone:test': {
      shape: { account: 'object' },
      run: ({ account }) => testConnection(readAccount(account)),
    },
  });
  // Back online or on another network: do not wait for the backoff timer, and move calls'
  // media to the new path with an ICE restart.
  doc.defaultView?.addEventListener('online', () => phone.networkChanged());
  (doc.defaultView?.navigator as { connection?: EventTarget } | undefined)?.connection?.addEventListener('change', () => phone.networkChanged());
  return phone;
}
