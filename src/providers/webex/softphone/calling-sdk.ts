import type { ICall, ILine, LocalMicrophoneStream } from '@webex/calling';

/**
 * What Offhook uses of Cisco's Webex Calling SDK (`webex/calling`'s Calling, which holds
 * `@webex/calling`'s CallingClient): the objects and events of its documented interface, typed
 * with the SDK's own types. The connector ({@link WebexCallingPhone}) sees only this; in the
 * offscreen document it is the real SDK (loadCallingSdk), in the unit tests a fake of it.
 */
export interface CallingSdk {
  /** `Calling.init({ webexConfig, callingConfig })`. */
  init(attrs: CallingInit): Promise<CallingInstance>;
  /** `Calling.createMicrophoneStream(constraints)`: the microphone as the SDK's stream. */
  createMicrophoneStream(constraints?: { deviceId?: string }): Promise<LocalMicrophoneStream>;
}

export interface CallingInit {
  webexConfig: {
    config: { logger: { level: string }; calling?: unknown; meetings?: unknown };
    credentials: { access_token: string };
  };
  callingConfig: {
    clientConfig: { calling: boolean; contact: boolean; callHistory: boolean; callSettings: boolean; voicemail: boolean };
    callingClientConfig: { logger: { level: string }; serviceData: { indicator: 'calling'; domain: string } };
    logger: { level: string };
  };
}

/** A Calling instance: 'ready' once Webex core has started, then register() (device, Mercury,
 * CallingClient). register() never rejects: `registered` and `callingClient` say how it went. */
export interface CallingInstance {
  registered: boolean;
  callingClient?: { getLines(): Record<string, CallingLine> };
  webex: { credentials: { set(attrs: { supertoken: { access_token: string; token_type: string } }): void } };
  once(event: 'ready', listener: () => void): unknown;
  register(): Promise<void>;
  deregister(): Promise<void>;
}

/** The line (`ILine`): register, its registration events, makeCall and incoming calls. */
export type CallingLine = Pick<ILine, 'on' | 'register' | 'deregister' | 'makeCall' | 'phoneNumber' | 'extension' | 'lineId'>;

/** A call (`ICall`): its controls and its events. */
export type CallingCall = Pick<
  ICall,
  | 'on'
  | 'getCorrelationId'
  | 'getDirection'
  | 'getCallerInfo'
  | 'dial'
  | 'answer'
  | 'end'
  | 'mute'
  | 'isMuted'
  | 'isHeld'
  | 'doHoldResume'
  | 'sendDigit'
  | 'completeTransfer'
  | 'getDisconnectReason'
  | 'getCallRtpStats'
>;

/** The file the build writes Cisco's SDK to (scripts/webex-calling/bundle.ts). */
export const CALLING_SDK_FILE = '/webex-calling.js';

/** The real SDK, imported on first use (4 MB: only a Webex account that makes Offhook its phone
 * loads it). */
export async function loadCallingSdk(url: string): Promise<CallingSdk> {
  const module = (await import(/* @vite-ignore */ url)) as { Calling: CallingSdk };
  return module.Calling;
}
