import type { AccountInput } from '../account/validate-account';

/** What importing a settings file did. */
export type ImportResult =
  | { ok: true; account: 'saved' | 'none' }
  /** The file's account is not the stored one: its password is not in the file, so the
   * form is filled and the person enters it and saves. */
  | { ok: true; account: 'needs-password'; input: AccountInput }
  | { ok: false; problems: string[] };
