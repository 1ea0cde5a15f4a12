import type { FormDescription } from '../../shared/account/form-description';
import { GENESYS_REGIONS } from './genesys-regions';

/** A Genesys Cloud account: the region and the admin's OAuth client; Save signs in. */
export const genesysForm: FormDescription = {
  label: 'optionsPhoneSystemGenesys',
  signIn: true,
  fields: [
    { name: 'server', label: 'optionsGenesysRegionLabel', help: 'optionsGenesysRegionHelp', choices: GENESYS_REGIONS.map((r) => [r.host, `${r.place}: ${r.host}`]) },
    { name: 'oauthClientId', label: 'optionsGenesysClientIdLabel', help: 'optionsGenesysClientIdHelp' },
    {
      name: 'phoneMode',
      label: 'optionsWebexPhoneModeLabel',
      help: 'optionsGenesysPhoneModeHelp',
      translatedChoices: [
        ['platform', 'optionsGenesysPhoneModePlatform'],
        ['offhook', 'optionsGenesysPhoneModeOffhook'],
      ],
    },
    { name: 'displayName', label: 'optionsDisplayNameLabel', help: 'optionsGenesysDisplayNameHelp' },
  ],
};
