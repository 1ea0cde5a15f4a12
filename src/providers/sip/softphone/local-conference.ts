import { CallState } from '../../../shared/call/call-state';
import { t } from '../../../shared/i18n/t';
import type { CallSession } from './call-session';
import type { ConferenceMixer } from './conference-mixer';

/**
 * The local three-way conference: Offhook mixes the connected calls' audio itself (no bridge
 * on the PBX), so each far end hears the user and the others. One microphone feeds the mix.
 */
export class LocalConference {
  private mixer?: ConferenceMixer;

  constructor(
    private readonly call: (id: string) => CallSession | undefined,
    private readonly createMixer: () => ConferenceMixer,
  ) {}

  /** Every leg is resumed and joined to one mix; the user's mute is the same on all of them. */
  async merge(legs: CallSession[]): Promise<void> {
    if (legs.length < 2) throw new Error(t('callErrorMergeNeedsTwo'));
    for (const leg of legs) if (leg.view().held) await leg.hold(false);
    const muted = legs.some((l) => l.view().muted);
    this.mixer ??= this.createMixer();
    for (const leg of legs) {
      const media = leg.mixerLeg();
      if (!media) throw new Error(t('callErrorMergeNoAudio'));
      this.mixer.add(leg.id, media);
      leg.setConference(true);
      if (leg.view().muted !== muted) leg.mute(muted);
    }
    this.mixer.setMicMuted(muted);
  }

  /** Mutes the user on every leg, when `call` is in the conference; false when it is not. */
  mute(call: CallSession, muted: boolean): boolean {
    if (!call.view().conference || !this.mixer) return false;
    for (const id of this.mixer.ids()) this.call(id)?.mute(muted);
    this.mixer.setMicMuted(muted);
    return true;
  }

  /** A leg leaves the mix (split off, or its call ended); with one leg left, it is over. */
  async leave(leg: CallSession): Promise<void> {
    const mixer = this.mixer;
    if (!mixer?.has(leg.id)) return;
    if (mixer.size < 3) this.mixer = undefined;
    await mixer.remove(leg.id);
    if (leg.state === CallState.Established) leg.setConference(false);
    if (mixer.size >= 2) return;
    for (const id of mixer.ids()) {
      await mixer.remove(id);
      const other = this.call(id);
      if (other?.state === CallState.Established) other.setConference(false);
    }
    mixer.close();
  }
}
