import type { FormDescription } from '../../shared/account/form-description';

/** A SIP account: the PBX's WebSocket address, the SIP user and its secret. */
export const sipForm: FormDescription = {
  label: 'optionsPhoneSystemSip',
  fields: [
    { name: 'server', label: 'optionsServerLabel', type: 'url', help: 'optionsServerHelp' },
    { name: 'username', label: 'optionsUsernameLabel', help: 'optionsUsernameHelp', autocomplete: 'username' },
    { name: 'password', label: 'optionsPasswordLabel', type: 'password', help: 'optionsPasswordHelp', autocomplete: 'new-password' },
    { name: 'domain', label: 'optionsDomainLabel', help: 'optionsDomainHelp' },
    { name: 'displayName', label: 'optionsDisplayNameLabel', help: 'optionsDisplayNameHelp' },
    { name: 'authUsername', label: 'optionsAuthUsernameLabel', help: 'optionsAuthUsernameHelp' },
    { name: 'ha1', label: 'optionsHa1Label', type: 'password', help: 'optionsHa1Help', autocomplete: 'off' },
    { name: 'iceServers', label: 'optionsIceServersLabel', multiline: true, help: 'optionsIceServersHelp' },
  ],
};
