import { ACCOUNT_KINDS, type Account } from '../shared/account/account';
import type { AccountInput, Validation } from '../shared/account/validate-account';
import { t } from '../shared/i18n/t';
import { validateSipAccount } from './sip/sip-account';
import { validateWazoAccount } from './wazo/wazo-account';
import { validateGenesysAccount } from './genesys/genesys-account';
import { validateWebexAccount } from './webex/webex-account';

/** What the user typed, checked by the rules of its phone system (its provider's). */
export function validateAccountInput(input: AccountInput, stored?: Account | null): Validation {
  const kind = input.kind || 'sip';
  switch (kind) {
    case 'sip':
      return validateSipAccount(input, stored?.kind === 'sip' ? stored : null);
    case 'wazo':
      return validateWazoAccount(input, stored?.kind === 'wazo' ? stored : null);
    case 'genesys':
      return validateGenesysAccount(input, stored?.kind === 'genesys' ? stored : null);
    case 'webex':
      return validateWebexAccount(input, stored?.kind === 'webex' ? stored : null);
    default: {
      // A kind this Offhook does not know: said by name, and the rest checked as SIP so every
      // other mistake shows at once.
      const sip = validateSipAccount(input, null);
      const known = (ACCOUNT_KINDS as readonly string[]).includes(kind);
      return { ok: false, errors: { ...(sip.ok ? {} : sip.errors), ...(known ? {} : { kind: t('accountErrorKind', kind) }) } };
    }
  }
}
