import type { CallInfo, RemoteParty } from '../call/call-info';
import type { Registration } from './registration';
import type { Voicemail } from './voicemail';

/**
 * Everything the faces need to draw the phone. The softphone owns the truth; the
 * coordinator only relays and, after its own restart, asks again.
 */
export interface PhoneSnapshot {
  registration: Registration;
  /** Calls that are live, oldest first. */
  calls: CallInfo[];
  /** The most recent call that ended, so the user can read why. */
  lastEnded?: CallInfo;
  /** Incoming calls are refused with 486 and kept as missed. */
  dnd?: boolean;
  /** The voicemail box, once the PBX has told of it (message-summary). */
  voicemail?: Voicemail;
  /** The phone system has a directory the dialer can search (Wazo's). */
  directory?: boolean;
  /** The tone the softphone is playing: the ringtone, ringback, or none. */
  tone?: 'ringtone' | 'ringback' | 'call-waiting' | null;
  /** Sound devices: chosen devices that are missing (and replaced by the default), and the
   * test sound playing from the options page. `level`/`sinkId` only with media figures. */
  audio?: { warnings: string[]; testing: 'speaker' | 'ringer' | null; level?: number; sinkId?: string; callSinks?: string[]; callMicrophones?: string[] };
  /** Incoming calls refused without ringing (Do Not Disturb, or the line full), counted
   * since this softphone started; present once there was one. */
  refused?: RefusedCalls;
  /** Bumped on every change; lets a face ignore an older snapshot arriving late. */
  revision: number;
}

export interface RefusedCalls {
  /** Another value: another softphone, whose counts started again from zero. */
  epoch: string;
  dnd: RefusedTally;
  busy: RefusedTally;
}

export interface RefusedTally {
  count: number;
  /** The last caller refused, and when. */
  last?: RemoteParty;
  lastAt?: number;
}

export const emptySnapshot: PhoneSnapshot = {
  registration: { state: 'unconfigured' },
  calls: [],
  revision: 0,
};
