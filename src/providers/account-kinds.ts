import type { Account } from '../shared/account/account';
import { validateAccount, type AccountInput, type Validation } from '../shared/account/validate-account';
import { validateWazoAccount } from './wazo/wazo-account';

/** What the user typed, checked by the rules of its phone system (its provider's). */
export function validateAccountInput(input: AccountInput, stored?: Account | null): Validation {
  switch (input.kind) {
    case 'wazo':
      return validateWazoAccount(input, stored?.kind === 'wazo' ? stored : null);
    default:
      // SIP, and any kind this Offhook does not know (which validateAccount refuses by name).
      return validateAccount(input, stored);
  }
}
