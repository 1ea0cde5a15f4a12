import { computed, signal } from '@preact/signals';
import type { CallInfo, MediaFigures } from '../../shared/call/call-info';
import { CallState } from '../../shared/call/call-state';
import { describeCallEnd } from '../../shared/call/end-text';
import { formatNumber, isSingular, t } from '../../shared/i18n/t';
import { describeRegistration } from '../../shared/phone/registration';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import type { CoordinatorClient } from '../common/coordinator-client';
import { cleanDialInput } from '../../shared/phone/dial-input';
import type { CallCommand } from '../../shared/phone/call-command';

/** How long the reason a call ended stays on screen. */
const ENDED_NOTICE_MS = 5 * 60_000;

/**
 * The popup's state and actions. The view reads these signals and calls these actions;
 * all logic is here, tested without rendering.
 */
export function createPhoneModel(
  client: CoordinatorClient,
  clock: () => number = Date.now,
  /** Formats a number as typed for the person's region; loaded on first use. */
  format?: (text: string) => Promise<string>,
) {
  const snapshot = signal<PhoneSnapshot | null>(null);
  const number = signal('');
  const error = signal<string | null>(null);
  const pending = signal(false);
  const now = signal(clock());

  const status = computed(() => {
    const s = snapshot.value;
    if (!s) return t('popupConnectingToOffhook');
    const text = describeRegistration(s.registration);
    const retryAt = s.registration.state === 'failed' ? s.registration.retryAt : undefined;
    if (!retryAt) return text;
    const seconds = Math.max(0, Math.ceil((retryAt - now.value) / 1000));
    return `${text} ${t('popupRetryingIn', formatNumber(seconds))}`;
  });
  /** Offhook retries by itself; the user may not want to wait. */
  const canRetry = computed(() => {
    const reg = snapshot.value?.registration;
    return reg?.state === 'failed' && reg.retryAt !== undefined;
  });
  /** A platform's sign-in ended: only the user can sign in again, in the options. */
  const needsSignIn = computed(() => {
    const reg = snapshot.value?.registration;
    return reg?.state === 'failed' && reg.kind === 'signin';
  });
  /** The voicemail box as the PBX last told it; empty until it has. */
  const voicemail = computed(() => {
    const box = snapshot.value?.voicemail;
    if (!box) return '';
    if (box.new === 0) return t('popupVoicemailNone');
    return t(isSingular(box.new) ? 'popupVoicemailOne' : 'popupVoicemailOther', formatNumber(box.new));
  });
  const registrationState = computed(() => snapshot.value?.registration.state ?? 'loading');
  const ringing = computed(() => snapshot.value?.calls.filter((c) => c.state === CallState.Incoming) ?? []);
  const active = computed(() => snapshot.value?.calls.filter((c) => c.state !== CallState.Incoming) ?? []);
  const ended = computed(() => {
    const last = snapshot.value?.lastEnded;
    if (!last?.end || !last.endedAt || active.value.length > 0 || ringing.value.length > 0) return null;
    if (now.value - last.endedAt > ENDED_NOTICE_MS) return null;
    return `${who(last)}: ${describeCallEnd(last.end)}`;
  });
  const dndWanted = signal<boolean | null>(null);
  const dnd = computed(() => {
    const actual = snapshot.value?.dnd ?? false;
    return dndWanted.value ?? actual;
  });
  const statsLoaders = new Map<string, () => Promise<MediaFigures | null>>();
  const canDial = computed(() => registrationState.value === 'registered' && !pending.value);

  const command = (c: CallCommand) => client.ask('call:command', { command: c });

  async function act(run: () => Promise<{ ok: boolean; error?: string }>) {
    error.value = null;
    pending.value = true;
    try {
      const result = await run();
      if (!result.ok) error.value = result.error ?? t('popupActionFailed');
      return result.ok;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      return false;
    } finally {
      pending.value = false;
    }
  }

  return {
    snapshot,
    number,
    error,
    pending,
    now,
    status,
    registrationState,
    ringing,
    active,
    ended,
    canDial,
    canRetry,
    needsSignIn,
    voicemail,
    retry: () => act(() => client.ask('phone:retry', {})),
    dnd,
    async setDnd(on: boolean) {
      // Shown at once; the softphone's next snapshot confirms it (or the error says why not).
      dndWanted.value = on;
      if (!(await act(() => client.ask('phone:dnd', { on })))) dndWanted.value = null;
    },
    /**
     * Starts watching the coordinator; returns a stop function. `carried`: the state the
     * popup's address carries (popupAddressFor), drawn in the first frame; the stored
     * snapshot (which also has the last ended call) and then the live one replace it.
     */
    start(carried?: PhoneSnapshot | null): () => void {
      const controller = new AbortController();
      let provisional = false;
      if (carried && snapshot.value === null) {
        snapshot.value = carried;
        provisional = true;
      }
      // Draw the last known state at once; the live one replaces it a moment later.
      void client.cached?.().then((cached) => {
        if (!cached || controller.signal.aborted) return;
        if (snapshot.value === null || (provisional && cached.revision >= snapshot.value.revision)) {
          snapshot.value = cached;
          provisional = false;
        }
      });
      client.watch((s) => {
        provisional = false;
        snapshot.value = s;
        if (s.dnd === dndWanted.value) dndWanted.value = null;
      }, controller.signal);
      const tick = setInterval(() => (now.value = clock()), 1000);
      controller.signal.addEventListener('abort', () => clearInterval(tick));
      return () => controller.abort();
    },
    /** The person typed (or pasted) into the number field. A number is formatted as typed
     * when the caret is at its end; a paste is cleaned first (tel: URIs, full-width digits). */
    type(text: string, how: { pasted?: boolean; caretAtEnd?: boolean } = {}) {
      const value = how.pasted ? cleanDialInput(text) : text;
      number.value = value;
      if (!format || how.caretAtEnd === false) return;
      void format(value).then(
        (formatted) => {
          // Only if the person has not typed on meanwhile.
          if (number.value === value) number.value = formatted;
        },
        () => undefined,
      );
    },
    async dial() {
      const target = number.value.trim();
      if (!target) {
        error.value = t('popupEnterNumber');
        return;
      }
      if (await act(() => client.ask('call:dial', { target }))) number.value = '';
    },
    /** Calls a number picked from a list (no typing involved). */
    dialTarget: (target: string) => act(() => client.ask('call:dial', { target })),
    transfer: (callId: string, target: string) =>
      target.trim()
        ? act(() => command({ action: 'transfer', callId, target: target.trim() }))
        : ((error.value = t('popupEnterTransferTarget')), Promise.resolve(false)),
    /** Attended transfer: the current call waits on hold while the user talks to `target`. */
    consult: (callId: string, target: string) =>
      target.trim()
        ? act(() => command({ action: 'consult', callId, target: target.trim() }))
        : ((error.value = t('popupEnterTransferTarget')), Promise.resolve(false)),
    completeTransfer: (callId: string) => act(() => command({ action: 'complete-transfer', callId })),
    /** The user's answer to the far end's request to transfer `callId` elsewhere. */
    answerTransfer: (callId: string, accept: boolean) => act(() => command({ action: 'transfer-answer', callId, accept })),
    /** What became of the far end's transfer request on `call`, as a sentence; undefined
     * while it waits for the user (the view shows the question) or when there is none. */
    transferNote(call: CallInfo): string | undefined {
      const request = call.transferRequest;
      if (!request || request.state === 'asking') return undefined;
      const key = ({ accepted: 'popupTransferAccepted', declined: 'popupTransferDeclinedByYou', refused: 'popupTransferDeclined', expired: 'popupTransferExpired' } as const)[request.state];
      return t(key, who(call), request.target);
    },
    cancelTransfer: (callId: string) => act(() => command({ action: 'cancel-transfer', callId })),
    /** Two or more connected calls, not all in one conference yet: they can be merged. */
    canMerge: computed(() => {
      const up = active.value.filter((c) => c.state === CallState.Established);
      return up.length >= 2 && up.some((c) => !c.conference);
    }),
    /** The loader for one call's details view, the same function each render (stable effect). */
    statsLoader(callId: string): () => Promise<MediaFigures | null> {
      let loader = statsLoaders.get(callId);
      if (!loader) {
        loader = async () => {
          const result = await command({ action: 'stats', callId });
          return result.ok ? (result.media ?? null) : null;
        };
        statsLoaders.set(callId, loader);
      }
      return loader;
    },
    merge: () => act(() => command({ action: 'merge' })),
    split: (callId: string) => act(() => command({ action: 'split', callId })),
    mute: (callId: string, muted: boolean) => act(() => command({ action: 'mute', callId, muted })),
    hold: (callId: string, held: boolean) => act(() => command({ action: 'hold', callId, held })),
    /** One keypad press: a digit, *, # or A–D sent as a tone on the call. */
    dtmf: (callId: string, digits: string) => act(() => command({ action: 'dtmf', callId, digits })),
    hangup: (callId: string) => act(() => command({ action: 'hangup', callId })),
    answer: (callId: string, others?: 'hold' | 'end') =>
      act(() => command({ action: 'answer', callId, ...(others ? { others } : {}) })),
    decline: (callId: string) => act(() => command({ action: 'decline', callId, status: 486 })),
    /** "Ringing…", "Connected 01:23" and so on, for one call. */
    callLabel(call: CallInfo): string {
      switch (call.state) {
        case CallState.Dialing:
          return t('callStateDialing');
        case CallState.Ringing:
          return call.earlyMedia ? t('callStateRingingEarlyMedia') : t('callStateRinging');
        case CallState.Incoming:
          return call.intercom ? t('callStateIncomingIntercom') : t('callStateIncoming');
        case CallState.Answering:
          return t('callStateAnswering');
        case CallState.Established: {
          const time = duration(now.value - (call.answeredAt ?? now.value));
          if (call.held) return t('callStateOnHold', time);
          if (call.conference) return call.muted ? t('callStateConferenceMuted', time) : t('callStateConference', time);
          if (call.remoteHeld) return t('callStateRemoteHold', time);
          return call.muted ? t('callStateConnectedMuted', time) : t('callStateConnected', time);
        }
        case CallState.Ended:
          return t('callStateEnded');
      }
    },
    who,
  };
}

export type PhoneModel = ReturnType<typeof createPhoneModel>;

function who(call: CallInfo): string {
  const number = call.remote.formatted ?? call.remote.number;
  return call.remote.displayName ? `${call.remote.displayName} (${number})` : number;
}

export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
