import type { AccountInput } from '../account/validate-account';

/** What importing a settings file did. `warnings`: what it changed that affects how calls
 * reach the person (auto-answer, ICE/TURN servers), said in the summary. */
export type ImportResult =
  | { ok: true; account: 'saved' | 'none'; warnings?: string[] }
  /** The file's account is not stored here, or moves the stored one to another server or
   * user: its password is not in the file, so the form is filled and the person enters it. */
  | { ok: true; account: 'needs-password'; input: AccountInput; moved?: boolean; warnings?: string[] }
  /** The file is fine but changes `confirm`: nothing was applied; the person may import it
   * again confirmed. */
  | { ok: false; confirm: string[] }
  | { ok: false; problems: string[] };
