import type { FormDescription } from '../../shared/account/form-description';

/** A Wazo account: the server and the user's Wazo login. The SIP line comes from Wazo. */
export const wazoForm: FormDescription = {
  label: 'optionsPhoneSystemWazo',
  fields: [
    { name: 'server', label: 'optionsWazoServerLabel', help: 'optionsWazoServerHelp' },
    { name: 'username', label: 'optionsWazoLoginLabel', help: 'optionsWazoLoginHelp', autocomplete: 'username' },
    { name: 'password', label: 'optionsWazoPasswordLabel', type: 'password', help: 'optionsWazoPasswordHelp', autocomplete: 'current-password' },
    { name: 'displayName', label: 'optionsDisplayNameLabel', help: 'optionsWazoDisplayNameHelp' },
    { name: 'iceServers', label: 'optionsIceServersLabel', multiline: true, help: 'optionsIceServersHelp' },
  ],
};
