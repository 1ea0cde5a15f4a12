import { browser } from 'wxt/browser';
import type { Account } from '../../shared/account/account';
import { regionFromLocale } from '../../detection/region';
import { logError } from '../../shared/log';
import { t } from '../../shared/i18n/t';
import { listenNotices, request } from '../../shared/messaging/endpoint';
import type { SoftphoneRequests } from '../../shared/messaging/protocol';
import type { PhoneLine } from '../../shared/phone/phone-line';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import { readAudioSettings } from '../../shared/settings/audio-settings';
import { audioSettings } from '../../shared/settings/audio-settings-item';
import { readDetectionSettings, watchDetectionSettings } from '../../shared/settings/detection-settings';
import type { OffscreenPlatform } from '../../platform/offscreen';
import { SoftphoneHost } from './softphone-host';

/**
 * The SIP line, Offhook being the phone: the softphone runs in the offscreen document (in
 * Firefox, the background page), and this side of it, in the service worker, starts it when
 * needed and relays to it. A new softphone (at start, or after the old one died) learns from
 * here what it cannot read itself: Do Not Disturb, the sound devices, the user's country.
 */
export function sipLine(
  platform: OffscreenPlatform,
  opts: {
    /** The account a softphone that starts without one registers as. */
    account(): Promise<Account | null>;
    /** Whether the user wants Do Not Disturb (the coordinator keeps it). */
    doNotDisturb(): Promise<boolean>;
    /** A new softphone started (its predecessor's calls, if any, are gone). */
    restarted(): Promise<void>;
  },
): PhoneLine {
  const host: SoftphoneHost = new SoftphoneHost(platform, opts.account, async () => {
    if (await opts.doNotDisturb()) await request('softphone', 'softphone:dnd', { on: true }).catch(() => undefined);
    // Once the new document answers (ensure() resolves after its first snapshot; awaiting it
    // here would wait on ourselves).
    // Each on its own: the region must not wait on the sound devices (in Firefox's background
    // page, listing them may not complete while it has no focus).
    void host.ensure().then(() => Promise.all([sendAudioSettings(), sendRegion()])).catch(() => undefined);
    await opts.restarted();
  });
  const ask = <K extends keyof SoftphoneRequests & string>(type: K, payload: SoftphoneRequests[K]['req']): Promise<SoftphoneRequests[K]['res']> =>
    host.send(() => request('softphone', type, payload as never) as never);

  /** The softphone's document has no storage: it learns the sound devices from here. */
  const sendAudioSettings = async () => {
    const settings = readAudioSettings(await audioSettings.getValue().catch(() => null));
    await request('softphone', 'softphone:audio', { settings }).catch((error: unknown) => logError('sip line: audio settings', error));
  };
  audioSettings.watch(() => void host.ensure().then(sendAudioSettings));
  /** Callers' numbers are shown national at home, international otherwise. */
  const sendRegion = async () => {
    const settings = await readDetectionSettings();
    const region = settings.defaultRegion || regionFromLocale(browser.i18n.getUILanguage()) || '';
    await request('softphone', 'softphone:region', { region }).catch((error: unknown) => logError('sip line: region', error));
  };
  watchDetectionSettings(() => void host.ensure().then(sendRegion));

  const listeners: ((snapshot: PhoneSnapshot) => void)[] = [];
  listenNotices('softphone-events', {
    'softphone:changed': (snapshot) => {
      for (const listener of listeners) listener(snapshot);
    },
  });

  return {
    current: () => host.ensure(),
    configure: (account) => host.configure(account),
    // A SIP account is ready as typed: its secret is what the softphone registers with.
    prepare: async (account) => ({ ok: true, account }),
    release: async () => undefined,
    dial: (target, tones) => ask('softphone:dial', { target, ...(tones ? { tones } : {}) }),
    command: (command) => ask('softphone:command', { command }),
    retry: () => ask('softphone:retry', {}),
    setDoNotDisturb: (on) => ask('softphone:dnd', { on }),
    // A bare SIP account keeps no call log on the server, and has no directory to search.
    callLog: async () => [],
    searchDirectory: async () => ({ ok: false, error: t('directoryUnavailable') }),
    test: (account) => ask('softphone:test', { account }),
    testAudio: (output) => ask('softphone:test-audio', { output }),
    onChange: (listener) => void listeners.push(listener),
    debugSnapshot: (withMedia) => ask('softphone:snapshot', { withMedia }),
  };
}
