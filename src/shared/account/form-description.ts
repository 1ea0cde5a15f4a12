import type { MessageKey } from '../i18n/t';
import type { AccountField } from './validate-account';

/** One field of an account form as a provider describes it; the options page draws it. */
export interface FormFieldSpec {
  name: Exclude<AccountField, 'kind'>;
  label: MessageKey;
  help: MessageKey;
  type?: 'text' | 'url' | 'password';
  multiline?: boolean;
  autocomplete?: string;
  /** A choice among these values, each shown with its (untranslated) name, instead of a text
   * field: Genesys Cloud's regions. */
  choices?: readonly (readonly [value: string, name: string])[];
  /** A choice among these values, each shown in the user's language. */
  translatedChoices?: readonly (readonly [value: string, text: MessageKey])[];
}

/** A phone system's account form: its name in the "Phone system" choice, and the fields it
 * asks for before those every account shares (keypad tones, answering, the dial plan…). */
export interface FormDescription {
  label: MessageKey;
  /** Save signs in through the platform's own login page (no password in the form). */
  signIn?: boolean;
  fields: readonly FormFieldSpec[];
}
