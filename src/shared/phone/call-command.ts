import type { MediaFigures } from '../call/call-info';
import type { Outcome } from '../messaging/protocol';

/**
 * What a face (or a notification button, a shortcut) asks of a call, whatever phone system is
 * behind it. One message carries every one of them from the faces to the coordinator and on to
 * the phone line, instead of a request type per action mirrored at each hop.
 */
export type CallCommand =
  | { action: 'answer'; callId: string; others?: 'hold' | 'end' }
  | { action: 'decline'; callId: string; status: 486 | 603 }
  | { action: 'hangup'; callId: string }
  | { action: 'mute'; callId: string; muted: boolean }
  | { action: 'hold'; callId: string; held: boolean }
  | { action: 'dtmf'; callId: string; digits: string }
  /** Blind transfer. */
  | { action: 'transfer'; callId: string; target: string }
  /** Attended transfer: hold `callId` and call `target` first. */
  | { action: 'consult'; callId: string; target: string }
  | { action: 'complete-transfer'; callId: string }
  | { action: 'cancel-transfer'; callId: string }
  /** The user's answer to the far end's request to transfer `callId`. */
  | { action: 'transfer-answer'; callId: string; accept: boolean }
  /** Local three-way conference: every connected call in one mix. */
  | { action: 'merge' }
  /** Takes one call out of the conference (on hold). */
  | { action: 'split'; callId: string }
  /** Live audio figures (codec, loss, jitter, round trip, bitrate). */
  | { action: 'stats'; callId: string };

export type CallAction = CallCommand['action'];

/** A new call's id (consult, an accepted transfer), or a call's figures (stats). */
export type CommandResult = Outcome<{ callId?: string; media?: MediaFigures | null }>;

type FieldKind = 'string' | 'boolean' | 'number';

/** Each action's fields beyond `action`; a `?` marks an optional one. */
const FIELDS: { [A in CallAction]: Record<string, FieldKind | `${FieldKind}?`> } = {
  answer: { callId: 'string', others: 'string?' },
  decline: { callId: 'string', status: 'number' },
  hangup: { callId: 'string' },
  mute: { callId: 'string', muted: 'boolean' },
  hold: { callId: 'string', held: 'boolean' },
  dtmf: { callId: 'string', digits: 'string' },
  transfer: { callId: 'string', target: 'string' },
  consult: { callId: 'string', target: 'string' },
  'complete-transfer': { callId: 'string' },
  'cancel-transfer': { callId: 'string' },
  'transfer-answer': { callId: 'string', accept: 'boolean' },
  merge: {},
  split: { callId: 'string' },
  stats: { callId: 'string' },
};

/** The longest text a command carries (a SIP address, a string of digits). */
const MAX_TEXT = 512;

/**
 * A command checked to the last field, or an error saying what is wrong: an unknown action, a
 * missing or extra field, a field of the wrong type, or a value out of its range. Every
 * receiver reads commands through this; nothing is cast.
 */
export function readCallCommand(value: unknown): CallCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('A call command is an object.');
  const record = value as Record<string, unknown>;
  const action = record.action;
  if (typeof action !== 'string' || !Object.hasOwn(FIELDS, action)) throw new Error(`Unknown call action ${JSON.stringify(action)}.`);
  const fields = FIELDS[action as CallAction];
  for (const key of Object.keys(record))
    if (key !== 'action' && !Object.hasOwn(fields, key)) throw new Error(`A ${action} command has no field "${key}".`);
  for (const [key, spec] of Object.entries(fields)) {
    const optional = spec.endsWith('?');
    const kind = spec.replace('?', '') as FieldKind;
    const v = record[key];
    if (v === undefined) {
      if (optional) continue;
      throw new Error(`A ${action} command needs "${key}".`);
    }
    if (typeof v !== kind) throw new Error(`"${key}" of a ${action} command must be a ${kind}.`);
    if (typeof v === 'string' && (v.length === 0 || v.length > MAX_TEXT)) throw new Error(`"${key}" of a ${action} command is empty or too long.`);
  }
  if (action === 'decline' && record.status !== 486 && record.status !== 603) throw new Error('Decline with 486 or 603.');
  if (action === 'answer' && record.others !== undefined && record.others !== 'hold' && record.others !== 'end')
    throw new Error('Answer either holds or ends the other calls.');
  return record as unknown as CallCommand;
}
