/** Messages waiting in the user's voicemail, as the PBX last said (RFC 3842 message-summary). */
export interface Voicemail {
  /** Messages-Waiting: yes. */
  waiting: boolean;
  /** New (unheard) voice messages. */
  new: number;
  /** Old (heard, kept) voice messages. */
  old: number;
}
