import type { AccountKind } from '../shared/account/account';
import type { FormDescription } from '../shared/account/form-description';
import { sipForm } from './sip/form';
import { wazoForm } from './wazo/form';
import { genesysForm } from './genesys/form';
import { webexForm } from './webex/form';

/** Every phone system's account form, in the order the "Phone system" choice lists them. */
export const ACCOUNT_FORMS: Readonly<Record<AccountKind, FormDescription>> = { sip: sipForm, wazo: wazoForm, genesys: genesysForm, webex: webexForm };
