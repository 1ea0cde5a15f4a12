import type { FormDescription } from '../../shared/account/form-description';

/** A Webex Calling account: the admin's integration (client id and secret); Save signs in. */
export const webexForm: FormDescription = {
  label: 'optionsPhoneSystemWebex',
  signIn: true,
  fields: [
    { name: 'oauthClientId', label: 'optionsWebexClientIdLabel', help: 'optionsWebexClientIdHelp' },
    { name: 'password', label: 'optionsWebexSecretLabel', type: 'password', help: 'optionsWebexSecretHelp', autocomplete: 'off' },
    {
      name: 'phoneMode',
      label: 'optionsWebexPhoneModeLabel',
      help: 'optionsWebexPhoneModeHelp',
      translatedChoices: [
        ['platform', 'optionsWebexPhoneModePlatform'],
        ['offhook', 'optionsWebexPhoneModeOffhook'],
      ],
    },
    { name: 'displayName', label: 'optionsDisplayNameLabel', help: 'optionsWebexDisplayNameHelp' },
  ],
};
