import { CallState } from '../shared/call/call-state';
import { formatNumber, isSingular, t } from '../shared/i18n/t';
import { describeRegistration } from '../shared/phone/registration';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

const GREEN = '#1a7f37';
const RED = '#cf222e';
const AMBER = '#9a6700';
const GREY = '#6e7781';
const BLUE = '#0969da';

/**
 * The toolbar button tells the phone's state at a glance, and its title says the same in
 * words: ringing first, then a live call, then missed calls, then new voicemail (its count, in
 * blue), then registration trouble.
 */
export function badgeFor(snapshot: PhoneSnapshot, missed: number): BadgeLook {
  const reg = describeRegistration(snapshot.registration);
  const ringing = snapshot.calls.filter((c) => c.state === CallState.Incoming);
  if (ringing.length) return { text: 'RING', color: GREEN, title: t('badgeTitleRinging', reg) };
  const live = snapshot.calls.find((c) => c.state === CallState.Established);
  if (live?.muted) return { text: 'MUTE', color: AMBER, title: t('badgeTitleMuted', reg) };
  if (live?.held) return { text: 'HOLD', color: AMBER, title: t('badgeTitleHeld', reg) };
  if (live) return { text: 'CALL', color: GREEN, title: t('badgeTitleInCall', reg) };
  if (snapshot.calls.length) return { text: '…', color: GREEN, title: t('badgeTitleCalling', reg) };
  if (missed > 0)
    return { text: String(Math.min(missed, 99)), color: RED, title: t(isSingular(missed) ? 'badgeTitleMissedOne' : 'badgeTitleMissedOther', formatNumber(missed), reg) };
  const voicemail = snapshot.voicemail?.new ?? 0;
  if (voicemail > 0 && snapshot.registration.state === 'registered')
    return { text: String(Math.min(voicemail, 99)), color: BLUE, title: t(isSingular(voicemail) ? 'badgeTitleVoicemailOne' : 'badgeTitleVoicemailOther', formatNumber(voicemail), reg) };
  switch (snapshot.registration.state) {
    case 'registered':
      return { text: '', color: GREEN, title: t('badgeTitle', reg) };
    case 'failed':
      return { text: '!', color: RED, title: t('badgeTitle', reg) };
    case 'connecting':
    case 'registering':
      return { text: '…', color: AMBER, title: t('badgeTitle', reg) };
    case 'unregistered':
    case 'unconfigured':
      return { text: '', color: GREY, title: t('badgeTitle', reg) };
  }
}
